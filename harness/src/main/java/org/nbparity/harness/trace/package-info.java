/**
 * Traces: parsing, alignment, first divergence and scale forensics.
 *
 * <p>Typical use (h-harness):
 * <pre>{@code
 * Thresholds th = Thresholds.loadFromRepo(repoRoot);
 * Trace ref  = TraceParser.read(cTraceFile, layout);      // protocol 1, golden TRACE_C or -printout_pixel
 * Trace cand = TraceParser.parseProtocol(javaStdoutLines);
 * TraceDiffResult d = TraceDiff.compare(ref, cand, th, bothProtocol1);
 * ScaleForensicsResult f = ScaleForensics.analyse(sumRatio, ref.runScalars(), cand.runScalars(), th.forensicsRelTol());
 * String md = TraceDiffMarkdown.render(d, f);               // trace_diff.md
 * }</pre>
 * {@link org.nbparity.harness.trace.LoopLayout} (thicksteps, oversample, sources, phisteps,
 * mosaic domains) is needed only for the golden and printout dialects, which carry no loop indices.
 */
package org.nbparity.harness.trace;
