package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.thresholds.Thresholds;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImageMetricsTest {
    static final Thresholds TH = AnalysisTestData.thresholds();

    /** The float image of a golden case, shape from its case.json. */
    static FloatImage golden(String id) {
        Path c = AnalysisTestData.shared().resolve("golden/" + id);
        JsonNode out = AnalysisTestData.caseJson(c).path("outputs").get(0);
        assertEquals("float32", out.path("kind").asText());
        ImageShape shape = new ImageShape(out.path("shape").get(0).asInt(), out.path("shape").get(1).asInt());
        return FloatImage.read(c.resolve(out.path("stored").asText()), shape);
    }

    static FloatImage ulpShift(FloatImage im, int ulps, int... pixels) {
        float[] d = im.data().clone();
        for (int p : pixels) {
            d[p] = Float.intBitsToFloat(Float.floatToRawIntBits(d[p]) + ulps);
        }
        return new FloatImage(im.shape(), d);
    }

    /** The gate {@code name} of a region: {@code image.x} for the full frame, {@code image.roi.x} for the ROI. */
    static Gate gate(ImageComparison c, String name, String region) {
        String full = "full".equals(region) ? name : name.replace("image.", "image." + region + ".");
        return c.gates().stream().filter(g -> g.name().equals(full)).findFirst().orElseThrow();
    }

    @Test
    void everyGoldenFloatImageMatchesItself() {
        for (Path c : AnalysisTestData.goldenCases()) {
            FloatImage g = golden(c.getFileName().toString());
            ImageComparison r = ImageMetrics.compare(g, g, null, TH);
            assertEquals("PASS", r.verdict(), c.toString());
            assertEquals(1.0, r.full().bitwiseEqualFraction());
            assertEquals(0, r.full().maxUlps());
            assertEquals(1.0, r.full().sumRatio());
            assertEquals(g.data().length, r.full().ulpHistogram().get("0"));
            assertEquals(r.full().peaks().referencePeaks(), r.full().peaks().matched());
            assertTrue(r.full().worstPixels().isEmpty());
            assertEquals(1.0 - TH.image().bitwiseFractionMin(), gate(r, "image.bitwise_fraction", "full").margin(), 1e-15);
        }
    }

    @Test
    void goldenSumMatchesTheStatsInCaseJson() {
        Path c = AnalysisTestData.shared().resolve("golden/v01_mosflm_cubic_noise");
        JsonNode stats = AnalysisTestData.caseJson(c).path("outputs").get(0).path("stats");
        FloatImage g = golden("v01_mosflm_cubic_noise");
        RegionMetrics m = ImageMetrics.compare(g, g, null, TH).full();
        assertEquals(stats.path("sum").asDouble(), m.sumReference(), 1e-9 * m.sumReference());
    }

    @Test
    void fewOneUlpPixelsPassManyFailTheBitwiseGateOnly() {
        FloatImage g = golden("v01_mosflm_cubic_noise");
        int n = g.data().length; // 16384: 0.1% is 16.4 pixels
        int[] ten = {0, 100, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000};
        ImageComparison few = ImageMetrics.compare(g, ulpShift(g, 1, ten), null, TH);
        assertEquals("PASS", few.verdict());
        assertEquals(n - 10, few.full().bitwiseEqual());
        assertEquals(10L, few.full().ulpHistogram().get("1"));
        assertEquals(1, few.full().maxUlps());
        assertEquals(1.0 - 10.0 / n - 0.999, gate(few, "image.bitwise_fraction", "full").margin(), 1e-12);

        int[] seventeen = new int[17];
        for (int i = 0; i < 17; i++) {
            seventeen[i] = i * 500;
        }
        ImageComparison many = ImageMetrics.compare(g, ulpShift(g, 1, seventeen), null, TH);
        assertEquals("FAIL", many.verdict());
        assertFalse(gate(many, "image.bitwise_fraction", "full").pass());
        assertTrue(gate(many, "image.max_ulp_float32", "full").pass());
        assertTrue(gate(many, "image.abs_sum_ratio_minus_1", "full").pass());
    }

    @Test
    void oneThreeUlpPixelFailsTheUlpGateAndIsTheWorstPixel() {
        FloatImage g = golden("v02_xds_triclinic_misset"); // 96 x 128
        int p = 50 * 128 + 70;
        ImageComparison r = ImageMetrics.compare(g, ulpShift(g, 3, p), null, TH);
        assertEquals("FAIL", r.verdict());
        Gate u = gate(r, "image.max_ulp_float32", "full");
        assertFalse(u.pass());
        assertEquals(3.0, u.value());
        assertEquals(-1.0, u.margin());
        assertTrue(gate(r, "image.bitwise_fraction", "full").pass());
        assertEquals(1L, r.full().ulpHistogram().get("3-4"));
        PixelDiff w = r.full().worstPixels().get(0);
        assertEquals(50, w.slow());
        assertEquals(70, w.fast());
        assertEquals(g.get(50, 70), (float) w.reference());
        assertEquals(3, w.ulps());
        // two ULPs is still inside
        assertEquals("PASS", ImageMetrics.compare(g, ulpShift(g, 2, p), null, TH).verdict());
    }

    @Test
    void metricsOnAKnownSmallImage() {
        ImageShape s = new ImageShape(2, 3);
        FloatImage a = new FloatImage(s, new float[]{1, 2, 3, 4, 5, 6});
        FloatImage b = new FloatImage(s, new float[]{1, 2, 3, 4, 5, 8});
        RegionMetrics m = ImageMetrics.compare(a, b, null, TH).full();
        assertEquals(5, m.bitwiseEqual());
        assertEquals(21.0, m.sumReference());
        assertEquals(23.0, m.sumCandidate());
        assertEquals(23.0 / 21.0, m.sumRatio());
        assertEquals(2.0, m.maxAbsError());
        assertEquals(2.0 / 6.0, m.maxRelError(), 1e-15);
        assertEquals(Math.sqrt(4.0 / 6.0), m.rmse(), 1e-15);
        // Pearson of (1..6) with (1,2,3,4,5,8), by hand: cov/(sd*sd)
        double ma = 3.5;
        double mb = 23.0 / 6;
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, 2, 3, 4, 5, 8};
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 6; i++) {
            sxy += (x[i] - ma) * (y[i] - mb);
            sxx += (x[i] - ma) * (x[i] - ma);
            syy += (y[i] - mb) * (y[i] - mb);
        }
        assertEquals(sxy / Math.sqrt(sxx * syy), m.pearson(), 1e-12);
        assertEquals(1, m.worstPixels().size());
        assertEquals(1, m.worstPixels().get(0).slow());
        assertEquals(2, m.worstPixels().get(0).fast());
        assertEquals(Float.floatToRawIntBits(8f) - Float.floatToRawIntBits(6f), m.maxUlps());
        assertEquals("FAIL", ImageMetrics.compare(a, b, null, TH).verdict());
    }

    @Test
    void roiIsMeasuredAndGatedSeparately() {
        ImageShape s = new ImageShape(4, 4);
        float[] d = new float[16];
        for (int i = 0; i < 16; i++) {
            d[i] = i + 1;
        }
        FloatImage a = new FloatImage(s, d);
        FloatImage b = ulpShift(a, 5, 0); // pixel (0,0), outside the ROI
        Window roi = Window.fromRoi(1, 4, 1, 4, s); // upstream bounds, one past the end, clipped
        assertEquals(new Window("roi", 1, 3, 1, 3), roi);
        ImageComparison r = ImageMetrics.compare(a, b, roi, TH);
        assertEquals(2, r.regions().size());
        assertEquals(9, r.regions().get(1).pixels());
        assertEquals(1.0, r.regions().get(1).bitwiseEqualFraction());
        assertTrue(gate(r, "image.max_ulp_float32", "roi").pass());
        assertFalse(gate(r, "image.max_ulp_float32", "full").pass());
        assertEquals("FAIL", r.verdict());
    }

    @Test
    void peaksAreMatchedOneToOne() {
        ImageShape s = new ImageShape(40, 40);
        float[] a = new float[1600];
        float[] b = new float[1600];
        spot(a, 10, 10, 100);
        spot(a, 30, 10, 80);
        spot(a, 20, 30, 90);
        spot(b, 11, 10, 100); // moved one row down
        spot(b, 31, 10, 80);  // moved one row down
        spot(b, 5, 35, 70);   // a new spot; (20,30) is gone
        PeakMatch p = Peaks.match(new FloatImage(s, a), new FloatImage(s, b), Window.full(s), 10, 2.0);
        assertEquals(3, p.referencePeaks());
        assertEquals(3, p.candidatePeaks());
        assertEquals(2, p.matched());
        assertEquals(1, p.unmatchedReference());
        assertEquals(1, p.unmatchedCandidate());
        assertEquals(1.0, p.meanOffsetSlow());
        assertEquals(0.0, p.meanOffsetFast());
        assertTrue(p.unmatched().contains("ref(20,30)"), p.unmatched().toString());
        assertTrue(p.unmatched().contains("cand(5,35)"), p.unmatched().toString());
    }

    static void spot(float[] d, int s0, int f0, float peak) {
        for (int s = s0 - 2; s <= s0 + 2; s++) {
            for (int f = f0 - 2; f <= f0 + 2; f++) {
                double r2 = (s - s0) * (s - s0) + (f - f0) * (f - f0);
                d[s * 40 + f] += (float) (peak * Math.exp(-r2 / 2));
            }
        }
    }

    @Test
    void shapesAreNeverGuessed() {
        Path f = AnalysisTestData.shared().resolve("golden/v02_xds_triclinic_misset/float.bin.gz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatImage.read(f, new ImageShape(128, 128)));
        assertTrue(e.getMessage().contains("49152 bytes"), e.getMessage());
        FloatImage a = new FloatImage(new ImageShape(96, 128), new float[96 * 128]);
        FloatImage b = new FloatImage(new ImageShape(128, 96), new float[96 * 128]);
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.compare(a, b, null, TH));
    }

    @Test
    void resultSerialisesToJson() throws Exception {
        FloatImage g = golden("v07_interpolate_tophat_curved");
        ImageComparison r = ImageMetrics.compare(g, ulpShift(g, 1, 5), null, TH);
        ObjectMapper om = new ObjectMapper();
        String json = om.writeValueAsString(r);
        JsonNode n = om.readTree(json);
        assertEquals("nbparity-image-metrics", n.path("schema").asText());
        assertEquals("PASS", n.path("verdict").asText());
        assertEquals(1, n.path("regions").get(0).path("ulpHistogram").path("1").asInt());
        JsonNode full = r.full().toJson(); // the image block of metrics.json
        assertEquals(1, full.path("ulp_histogram").path("1").asInt());
        assertEquals(1, full.path("max_ulp_float32").asInt());
        assertEquals(List.of(0, 5), List.of(full.path("worst_pixel_s_f").get(0).asInt(), full.path("worst_pixel_s_f").get(1).asInt()));
        assertEquals("image.max_ulp_float32", r.gates().get(1).name());
        assertEquals(1.0, r.gates().get(1).margin());
    }
}
