package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.TraceToProtocol;
import org.nbparity.harness.trace.TraceDiff;
import org.nbparity.harness.trace.TraceDiffResult;
import org.nbparity.harness.trace.TraceParser;
import org.nbparity.harness.trace.Trace;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Results round-trip through Jackson, and a verdict can be recomputed from the stored metrics. */
class JsonResultsTest {
    static final ObjectMapper OM = new ObjectMapper();
    static final Thresholds TH = AnalysisTestData.thresholds();

    @Test
    void imageComparisonRoundTripsAndItsVerdictIsRecomputable() throws Exception {
        FloatImage g = ImageMetricsTestAccess.golden("v02_xds_triclinic_misset");
        // a constant image has no Pearson correlation: NaN must survive the round trip
        FloatImage zero = new FloatImage(g.shape(), new float[g.data().length]);
        for (FloatImage cand : List.of(ImageMetricsTest.ulpShift(g, 3, 17), g)) {
            ImageComparison c = ImageMetrics.compare(g, cand, Window.fromRoi(10, 60, 5, 40, g.shape()), TH);
            String json = OM.writeValueAsString(c);
            ImageComparison back = OM.readValue(json, ImageComparison.class);
            assertEquals(c, back);
            assertEquals(c.verdict(), Gate.verdict(ImageMetrics.gates(back.regions(), TH, List.of())));
        }
        ImageComparison z = ImageMetrics.compare(zero, zero, null, TH);
        assertTrue(Double.isNaN(z.full().pearson()));
        ImageComparison zb = OM.readValue(OM.writeValueAsString(z), ImageComparison.class);
        assertTrue(Double.isNaN(zb.full().pearson()));
        // all-zero images on both sides agree on the total (ratio 1): the bundle's verdict always
        // counted them so; the bitwise gate judges the pixels
        assertEquals("PASS", z.verdict());
        assertEquals(1.0, z.full().sumRatio());
        // a zero reference against a non-zero candidate has no finite ratio: the sum gate fails
        float[] one = new float[g.data().length];
        one[7] = 1f;
        ImageComparison nz = ImageMetrics.compare(zero, new FloatImage(g.shape(), one), null, TH);
        assertFalse(nz.gates().get(2).pass());
    }

    @Test
    void traceDiffResultRoundTrips() throws Exception {
        var c = AnalysisTestData.shared().resolve("golden/v05_custom_vectors_rot_twotheta");
        Trace g = TraceParser.read(c.resolve("trace_s78_f96.txt"), AnalysisTestData.layout(c));
        List<String> lines = TraceToProtocol.toProtocol(g, "JAVA").lines().toList();
        List<String> bad = lines.stream().map(l -> l.startsWith("TRACE_JAVA: omega_pixel ") ? "TRACE_JAVA: omega_pixel 1" : l).toList();
        TraceDiffResult r = TraceDiff.compare(g, TraceParser.parseProtocol(bad), TH, false);
        assertEquals("omega_pixel", r.firstDivergence().record().key());
        String json = OM.writeValueAsString(r);
        JsonNode n = OM.readTree(json);
        assertEquals("nbparity-trace-diff", n.path("schema").asText());
        assertEquals(1, n.path("schemaVersion").asInt());
        assertEquals("omega_pixel", n.path("firstDivergence").path("record").path("key").asText());
        assertEquals("INTRODUCED", n.path("firstDivergence").path("origin").asText(), json);
        assertEquals("EQUAL_AS_PRINTED", n.path("firstDivergence").path("inputs").get(0).path("status").asText());
        assertEquals(r, OM.readValue(json, TraceDiffResult.class));
    }
}
