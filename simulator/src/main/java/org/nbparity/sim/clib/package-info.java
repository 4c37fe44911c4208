/**
 * C library emulation, the bottom layer: what upstream gets from glibc and what every other
 * package shares.
 *
 * <p>printf number formatting ({@link org.nbparity.sim.clib.CFormat}), atof/atoi ({@link
 * org.nbparity.sim.clib.CNum}), fscanf %lg/%d ({@link org.nbparity.sim.clib.CScanner}), libm
 * sin/cos/atan2/exp/log/pow through the foreign API with a Java fallback ({@link
 * org.nbparity.sim.clib.Libm}), glibc powf ({@link org.nbparity.sim.clib.GlibcPowf}), upstream's
 * unit constants ({@link org.nbparity.sim.clib.Units}) and the one-line bad-input error ({@link
 * org.nbparity.sim.clib.UsageException}). Specs: io-rng.md section 12 (printf), setup.md R4, R6.
 *
 * <p>Layer 1 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: the JDK only (no other package of the
 * simulator). Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.clib;
