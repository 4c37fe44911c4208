/**
 * The nanobragg command: argv -> config -> setup -> render -> output, exit codes 0 ok, 2 bad
 * command line or input, 3 I/O error.
 *
 * <p>Layer 12 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: every other package (it is the top). Never on
 * a package above it (ArchitectureTest).
 */
package org.nbparity.sim.cli;
