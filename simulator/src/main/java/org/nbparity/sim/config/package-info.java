/**
 * argv to {@link org.nbparity.sim.config.Config}: upstream's two-pass parser with its matching
 * rules, the project flags, and the refusal of bad values (one line, exit 2).
 *
 * <p>Also the command-line vocabulary other packages read: {@link org.nbparity.sim.config.Mode},
 * {@link org.nbparity.sim.config.Convention}, {@link org.nbparity.sim.config.Pivot}, {@link
 * org.nbparity.sim.config.Shape}. Specs: cli-flags.md (all of it), setup.md S1 (image headers).
 *
 * <p>Layer 5 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib, io (SMV headers of -img/-mask are read
 * while parsing), trace (the trace level). Never on a package above it (ArchitectureTest).
 */
package org.nbparity.sim.config;
