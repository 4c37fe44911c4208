package org.nbparity.harness.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class ThresholdsTest {

    @Test
    void theRepositoryGatesLoad() {
        Thresholds t = AnalysisTestData.thresholds();
        assertEquals(4, t.version());
        // the one declared wider class (measured reason in thresholds.json)
        assertEquals("sinc3_cancellation", t.classFor("F_latt").name());
        assertEquals(64, t.sha256().length());
        assertEquals("integer", t.classFor("steps").name());
        assertEquals(TraceClass.Kind.EXACT, t.classFor("hkl_rounded").kind());
        assertEquals(TraceClass.Kind.BITS, t.classFor("floatimage_bits").kind());
        assertEquals(TraceClass.Kind.EXACT, t.classFor("omega_pixel_sr_recomputed").kind());
        assertEquals("default", t.classFor("hkl_frac").name());
        assertEquals(4, t.setupMaxUlp());
    }

    @Test
    void gatesAreNotLoosenedWithoutAMeasuredReason() throws Exception {
        // the gates of the issue; a change needs a _why next to it (and this test updated with it)
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(AnalysisTestData.repo().resolve(Thresholds.REPO_PATH)));
        JsonNode img = root.path("image");
        boolean why = img.has("_why");
        Thresholds t = AnalysisTestData.thresholds();
        assertTrue(why || t.image().bitwiseFractionMin() >= 0.999);
        assertTrue(why || t.image().maxUlpFloat32() <= 2);
        assertTrue(why || t.image().absSumRatioMinus1Max() <= 1e-7);
        assertTrue(root.path("trace").path("default").has("_why") || t.defaultClass().maxUlp() <= 16);
        for (TraceClass c : t.namedClasses().values()) {
            if (c.kind() == TraceClass.Kind.ULP && c.maxUlp() > t.defaultClass().maxUlp()) {
                assertNotNull(c.why(), c.name());
                assertFalse(c.why().isBlank(), c.name());
            }
        }
    }

    @Test
    void malformedGatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("{\"schema\": \"other\"}".getBytes(StandardCharsets.UTF_8)));
        String noImage = "{\"schema\": \"nbparity-thresholds\", \"version\": 2, \"image\": {}, "
                + "\"trace\": {\"default\": {\"kind\": \"ulp\", \"max_ulp\": 16}}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.parse(noImage.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("bitwise_fraction_min"), e.getMessage());
    }
}
