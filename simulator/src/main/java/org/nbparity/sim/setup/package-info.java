/**
 * Config to the immutable {@link org.nbparity.sim.setup.Setup}, computed once in upstream's order
 * with upstream's stdout; the contract between parsing and the kernel.
 *
 * <p>{@link org.nbparity.sim.setup.SetupBuilder} calls the steps of geometry, source and crystal;
 * {@link org.nbparity.sim.setup.StepSelection} is the sampling auto-selection (setup.md S10,
 * S21); {@link org.nbparity.sim.setup.SummaryPrinter} the pre-loop summary (S29).
 *
 * <p>Layer 9 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, io, trace, rng, config, geometry,
 * source, crystal. Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.setup;
