/**
 * File formats: the bytes of input and output files, nothing of the physics.
 *
 * <p>the SMV header reader GetFrame/ValueOf ({@link org.nbparity.sim.io.SmvHeader}, setup.md H11),
 * upstream's read_text_file for -sourcefile and -stol ({@link org.nbparity.sim.io.TextTable},
 * H10), the miniCBF layout with byte-offset compression ({@link org.nbparity.sim.io.MiniCbf}),
 * all-or-nothing file writes ({@link org.nbparity.sim.io.AtomicFiles}), ordered background
 * writes ({@link org.nbparity.sim.io.OrderedWrites}) and the memory guard for tables an input
 * file sizes ({@link org.nbparity.sim.io.MemoryBudget}).
 *
 * <p>Layer 2 of 12 (bottom first: clib &lt; io &lt; trace &lt; rng &lt; config &lt; geometry &lt; source &lt; crystal
 * &lt; setup &lt; render &lt; output &lt; cli). May depend on: clib. Never on a package above it
 * (ArchitectureTest).
 */
package org.nbparity.sim.io;
