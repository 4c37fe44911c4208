package org.nbparity.sim.setup;

import org.nbparity.sim.rng.Ran1;

/**
 * The outcome of setup for one run: the immutable {@link Setup}, the run's single shared ran1
 * table (already used by the misset and mosaic streams; the noise stream continues it) and the
 * noise seed as upstream holds it, for {@code output.OutputStage}.
 *
 * @param setup     state the kernel and the writers read
 * @param ran1      the run's shared shuffle table
 * @param noiseSeed upstream's {@code seed}: -atoi(-seed) or -time(NULL)
 * @param details   extra setup values for tests and reports
 */
public record Prepared(Setup setup, Ran1 ran1, long noiseSeed, SetupDetails details) {
}
