package org.nbparity.sim.io;

import java.io.PrintStream;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Setup;

/**
 * Everything after the render loop (io-rng.md sections 9-11): the end-of-run stdout lines, the
 * float, SMV int, PGM and noise files, in upstream's order. Every file is written to a temporary
 * file in the target directory and renamed into place.
 */
public final class OutputStage {
    private OutputStage() {
    }

    /**
     * Writes the outputs and prints upstream's end-of-run lines.
     *
     * @param setup   the run's setup
     * @param options what to write
     * @param result  the rendered image and statistics
     * @param rng     the run's shared ran1 table (already used by misset and mosaic draws)
     * @param out     upstream's stdout
     * @throws java.io.UncheckedIOException on an I/O failure (the CLI maps it to exit code 3)
     */
    public static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                             PrintStream out) {
        throw new UnsupportedOperationException("writers not implemented yet (issue Simulator III)");
    }
}
