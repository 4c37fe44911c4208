/**
 * Upstream's random numbers: ran1, the Poisson and Gaussian deviates, random rotation matrices.
 *
 * <p>io-rng.md sections 2-7, setup.md H7-H9; every C float variable stays a Java float.
 *
 * <p>Layer 4 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib. Never on a package above it
 * (ArchitectureTest).
 */
package org.nbparity.sim.rng;
