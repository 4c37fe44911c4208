package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with the real Java simulator (simulator/target/nanobragg.jar, built by the reactor
 * before this module's tests) against the recorded upstream goldens: PASS, every output
 * byte-identical, traces within their classes, and a bundle that verifies.
 */
class RealSimulatorTest {
    @TempDir
    Path tmp;

    @Test
    void goldenCasesPassWithTheRealSimulator() throws Exception {
        TestEnv.requireShared("golden/README.md");
        Path jar = TestEnv.requireSimulatorJar();
        Path reports = tmp.resolve("rep");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01", "v09_denzo_twotheta_os2_trailing_curved", "f13_files_misc",
                "--c-backend", "recorded", "--reports", reports.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<Path> bundles;
        try (Stream<Path> s = Files.list(reports)) {
            bundles = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(3, bundles.size());
        for (Path b : bundles) {
            JsonNode m = Canonical.read(b.resolve("metrics.json"));
            assertEquals("PASS", m.get("verdict").asText(), b.toString());
            assertEquals(1.0, m.get("image").get("bitwise_fraction").asDouble(), b.toString());
            for (JsonNode o : m.get("outputs")) {
                assertTrue(o.get("identical").asBoolean(), b + " " + o);
            }
            TestEnv.Cli v = TestEnv.nbparity("verify", b.toString());
            assertEquals(4, v.code(), v.out()); // UNSIGNED: intact, every number recomputed
        }
        JsonNode v01 = Canonical.read(bundles.get(0).resolve("metrics.json"));
        assertEquals(2, v01.get("traces").size());
        for (JsonNode t : v01.get("traces")) {
            assertTrue(t.get("diff").get("compared").asInt() > 50, t.toString());
            assertEquals(0, t.get("diff").get("diverged").asInt());
        }
    }
}
