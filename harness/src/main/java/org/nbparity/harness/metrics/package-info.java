/**
 * Image metrics, gates, integer image comparison, determinism probes and pictures.
 *
 * <p>Typical use (h-harness):
 * <pre>{@code
 * ImageShape shape = new ImageShape(slow, fast);            // from the case, or SmvHeader.read(f).shape()
 * ImageComparison m = ImageMetrics.compare(FloatImage.read(c, shape), FloatImage.read(j, shape), roiOrNull, th);
 * m.verdict(); m.gates();                                   // gates with margins, from thresholds.json
 * Pictures.write(cImg, jImg, bundleDir, "C", "Java");
 * IntegerImages.compareSmv(a, b); IntegerImages.comparePgm(a, b);
 * Determinism.compare(linkedMapOfLabelToImage);
 * String md = MetricsMarkdown.render(m);                    // summary.md section
 * }</pre>
 */
package org.nbparity.harness.metrics;
