package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.bundle.Attestations;
import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.Trust;
import org.nbparity.harness.bundle.TrustedKeys;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nbparity gradcheck} (issue 18 item 4): a golden case's ladders PASS into a bundle that
 * {@code verify} accepts (gates recomputed from the stored table); a gate from a stricter
 * thresholds file FAILs (exit 1) and verifies as FAIL; bad parameters are usage errors.
 */
class GradCheckCommandTest {
    @TempDir
    Path tmp;

    private Path onlyBundle(Path reports) throws Exception {
        try (Stream<Path> s = Files.list(reports)) {
            List<Path> l = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    @Test
    void goldenCasePassesIntoAVerifiableBundle() throws Exception {
        Path reports = tmp.resolve("reports");
        Path key = tmp.resolve("key.pem");
        assertEquals(0, TestEnv.nbparity("keygen", key.toString()).code());
        TestEnv.Cli r = TestEnv.nbparity("gradcheck", "v01", "--params", "misset_x,distance", "--reports", reports.toString(),
                "--sign-key", key.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PASS v01_mosflm_cubic_noise gradcheck "), r.out());
        assertTrue(r.err().contains("gradcheck distance: h = 0.000100, relative error "), r.err());
        Path b = onlyBundle(reports);
        for (String f : List.of("metrics.json", "summary.md", "png/gradcheck.png", "gradcheck.log", "report.html",
                "gradcheck/ladder.tsv.gz", "case.json", "thresholds.json", Attestations.TEST_RESULT, Attestations.PARITY,
                "SHA256SUMS")) {
            assertTrue(Files.isRegularFile(b.resolve(f)), f);
        }
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        assertEquals("nbparity-gradcheck", m.path("schema").asText());
        assertEquals("PASS", m.path("verdict").asText());
        assertEquals(6, m.path("gates").size());
        assertEquals(2, m.path("ladders").size());
        for (JsonNode l : m.path("ladders")) {
            assertTrue(l.path("best_rel_error").asDouble() < 1e-6, l.toString());
            assertEquals(5, l.path("rungs").size());
        }
        // signed by a trusted key, every number of metrics.json recomputed from the stored table
        BundleVerifier.Report v = BundleVerifier.verify(b, TrustedKeys.read(Path.of(key + ".pub")), 0);
        assertEquals(Trust.VERIFIED, v.trust(), v.problems() + " " + v.trustIssues());
        assertEquals("PASS", v.verdict());
        String numbers = v.notes().stream().filter(n -> n.startsWith("metrics: ")).findFirst().orElseThrow();
        assertTrue(numbers.endsWith("taken as recorded: /ladders/0/bragg_pixels, /ladders/0/derivative_l2_on_bragg_pixels, "
                + "/ladders/0/value, /ladders/1/bragg_pixels, /ladders/1/derivative_l2_on_bragg_pixels, /ladders/1/value, /version"),
                numbers);
    }

    @Test
    void aStricterGateFailsWithExitOneAndVerifiesAsFail() throws Exception {
        String thr = Files.readString(TestEnv.repo().resolve("fixtures/thresholds.json"))
                .replace("\"max_best_rel_error\": 1e-06", "\"max_best_rel_error\": 1e-20");
        Path strict = tmp.resolve("strict.json");
        Files.writeString(strict, thr);
        Path reports = tmp.resolve("reports");
        TestEnv.Cli r = TestEnv.nbparity("gradcheck", "v01", "--params", "misset_z", "--reports", reports.toString(),
                "--thresholds", strict.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("FAIL v01_mosflm_cubic_noise gradcheck "), r.out());
        // intact, unsigned (no key given), and its FAIL recomputed
        BundleVerifier.Report v = BundleVerifier.verify(onlyBundle(reports), TrustedKeys.none(), 0);
        assertEquals(Trust.UNSIGNED, v.trust(), v.problems().toString());
        assertEquals("FAIL", v.verdict());
    }

    @Test
    void badParametersAreUsageErrors() {
        TestEnv.Cli unknown = TestEnv.nbparity("gradcheck", "v01", "--params", "misset_q", "--reports", tmp.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("--params: unknown parameter 'misset_q' (known: misset_x,"), unknown.err());
        TestEnv.Cli closed = TestEnv.nbparity("gradcheck", "v01", "--params", "misset_x,fluence", "--reports", tmp.toString());
        assertEquals(2, closed.code());
        assertTrue(closed.err().startsWith("--params: fluence has a closed form (the image is linear in it, central "
                + "differences are exact): checked by the simulator's DerivativeImageTest"), closed.err());
        TestEnv.Cli square = TestEnv.nbparity("gradcheck", "v01", "--params", "N", "--reports", tmp.toString());
        assertEquals(2, square.code());
        assertTrue(square.err().startsWith("--params: v01_mosflm_cubic_noise: -deriv N: the square lattice factor"),
                square.err());
    }
}
