package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.testkit.JsonSchemaCheck;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** metrics.json of real bundles (PASS, FAIL with a divergence, FAIL with a ROI) follows harness/metrics.schema.json. */
class MetricsSchemaTest {
    @TempDir
    Path tmp;

    private static JsonSchemaCheck schema() throws Exception {
        JsonNode s = Canonical.read(TestEnv.repo().resolve("harness/metrics.schema.json"));
        assertEquals(CaseRunner.METRICS_VERSION, s.at("/properties/version/const").asInt(), "schema and writer agree on the version");
        return new JsonSchemaCheck(s);
    }

    private JsonNode metrics(String fault) throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        Path reports = tmp.resolve(fault.replace(':', '_'));
        TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded", "--java-cmd",
                TestEnv.fakeJava(golden, fault), "--reports", reports.toString());
        try (Stream<Path> s = Files.list(reports)) {
            Path b = s.filter(Files::isDirectory).findFirst().orElseThrow();
            return Canonical.read(b.resolve("metrics.json"));
        }
    }

    @Test
    void bundlesFollowTheSchema() throws Exception {
        JsonSchemaCheck check = schema();
        for (String fault : List.of("none", "trace:omega_pixel_sr", "scale")) {
            JsonNode m = metrics(fault);
            assertEquals(List.of(), check.problems(m), fault);
        }
    }

    @Test
    void theSchemaRejectsWhatItMust() throws Exception {
        JsonSchemaCheck check = schema();
        ObjectNode m = (ObjectNode) metrics("none");
        ObjectNode v1 = m.deepCopy().put("version", 1);
        assertFalse(check.problems(v1).isEmpty());
        ObjectNode noPass = m.deepCopy();
        ((ObjectNode) noPass.get("gates").get(0)).remove("pass");
        assertTrue(check.problems(noPass).contains("/gates/0: missing pass"), check.problems(noPass).toString());
        ObjectNode badVerdict = m.deepCopy().put("verdict", "OK");
        assertFalse(check.problems(badVerdict).isEmpty());
    }
}
