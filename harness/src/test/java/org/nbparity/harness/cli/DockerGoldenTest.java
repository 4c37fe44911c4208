package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.Backends;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The acceptance run: every golden case (compat and fixed) with the docker backend (the repository's
 * Dockerfile building c-reference) and the real simulator gives PASS and a bundle that verifies.
 * With CI=true a missing engine fails this test; elsewhere it is skipped.
 */
class DockerGoldenTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"compat", "fixed"})
    void everyGoldenCasePassesThroughTheContainer(String mode) throws Exception {
        TestEnv.requireShared("golden/README.md");
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Backends.dockerEngineAnswers()) {
            if (ci) {
                throw new AssertionError("CI=true but no container engine answers");
            }
            Assumptions.assumeTrue(false, "no container engine");
        }
        Path reports = tmp.resolve("rep-" + mode);
        List<String> ids = List.of("v01", "v02", "v03", "v04", "v05", "v06", "v07", "v08", "v09");
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(ids);
        args.addAll(List.of("--c-backend", "docker", "--mode", mode, "--reports", reports.toString()));
        TestEnv.Cli r = TestEnv.nbparity(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        try (Stream<Path> s = Files.list(reports)) {
            List<Path> bundles = s.filter(Files::isDirectory).toList();
            assertEquals(ids.size(), bundles.size());
            for (Path b : bundles) {
                JsonNode m = Canonical.read(b.resolve("metrics.json"));
                assertEquals("PASS", m.get("verdict").asText(), b.toString());
                assertEquals("docker", m.get("c_backend").asText());
                assertEquals(4, TestEnv.nbparity("verify", b.toString()).code(), b.toString()); // UNSIGNED: intact, not signed
                Process p = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(b.toFile())
                        .redirectErrorStream(true).start();
                assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
            }
        }
    }
}
