/**
 * Image metrics and gates (one comparison: {@link org.nbparity.harness.metrics.ImageMetrics}, one
 * gate type: {@link org.nbparity.harness.metrics.Gate}) and pictures.
 *
 * <pre>{@code
 * ImageComparison m = ImageMetrics.compare(FloatImage.read(c, shape), FloatImage.read(j, shape), roiOrNull, th, files);
 * m.verdict(); m.gates(); m.full().toJson();
 * Pictures.encode(cImg, jImg, "C", "Java");
 * }</pre>
 */
package org.nbparity.harness.metrics;
