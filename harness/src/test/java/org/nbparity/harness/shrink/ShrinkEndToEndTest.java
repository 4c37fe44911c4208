package org.nbparity.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.LocalBackend;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

/**
 * Issue 13 item 2 end to end: a C side with an injected bug behind a known flag that prints no
 * trace at all (harness/src/test/c/bugwrap.c around the real c-reference, built here with gcc),
 * the real Java simulator, the real CLI. The shrink must name the flag; a passing case must run
 * no shrink.
 */
class ShrinkEndToEndTest {
    @TempDir
    static Path bin;

    @TempDir
    Path tmp;

    private static Path oversampleBug;
    private static Path phiBug;

    @BeforeAll
    static void build() throws Exception {
        TestEnv.requireShared("golden/README.md");
        TestEnv.requireSimulatorJar();
        Path ref = LocalBackend.build(TestEnv.repo().resolve("c-reference"), Duration.ofMinutes(10)).binary();
        oversampleBug = compile(ref, "-oversample>=2", "bug-oversample");
        phiBug = compile(ref, "-phi=0,-phisteps>=2", "bug-phi");
    }

    private static Path compile(Path ref, String trigger, String name) throws Exception {
        Path out = bin.resolve(name);
        Path src = TestEnv.repo().resolve("harness/src/test/c/bugwrap.c");
        Process p = new ProcessBuilder("gcc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror",
                "-DNB_REAL=\"" + ref + "\"", "-DNB_TRIGGER=\"" + trigger + "\"", "-o", out.toString(), src.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gcc timed out");
        assertEquals(0, p.exitValue(), "gcc failed: " + log);
        return out;
    }

    private static List<Path> bundles(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** {@code nbparity run CASE --c-bin <the oversample bug> --reports tmp/rep [extra]}. */
    private TestEnv.Cli runWithOversampleBug(String caseId, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", caseId, "--c-bin", oversampleBug.toString(), "--reports",
                tmp.resolve("rep").toString()));
        args.addAll(List.of(extra));
        return TestEnv.nbparity(args.toArray(String[]::new));
    }

    @Test
    void runShrinksAFailingCaseAndTheBundleNamesTheFlag() throws Exception {
        Path reports = tmp.resolve("rep");
        TestEnv.Cli r = runWithOversampleBug("v02_xds_triclinic_misset");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("shrink: probe 1 FAIL in "), r.err());
        List<Path> b = bundles(reports);
        assertEquals(1, b.size());
        JsonNode s = Canonical.read(b.get(0).resolve("shrink.json"));
        assertEquals("nbparity-shrink", s.get("schema").asText());
        assertEquals("shrunk", s.get("outcome").asText());
        List<String> minimal = strings(s.get("minimal_argv"));
        List<String> original = strings(s.get("original_argv"));
        assertTrue(minimal.contains("-oversample"), minimal.toString());
        assertTrue(minimal.size() < original.size(), minimal + " vs " + original);
        assertFalse(minimal.contains("-misset"), "the misset is not needed: " + minimal);
        assertEquals(1, s.get("needs").size(), s.get("needs").toString());
        assertEquals(List.of("-oversample"), strings(s.get("needs").get(0).get("flags")));
        assertEquals("-oversample >= 2", s.get("needs").get(0).get("text").asText());
        assertTrue(s.get("divergent_pixels").size() > 0);
        assertEquals(s.get("steps").size(), s.get("probes").asInt());
        assertTrue(s.get("seconds").asDouble() > 0);
        String summary = Files.readString(b.get(0).resolve("summary.md"));
        assertTrue(summary.contains("## Shrink: localized by experiment"), summary);
        assertTrue(summary.contains("Needs: `-oversample >= 2`"), summary);
        // shrink.json is part of the sealed evidence: the bundle is intact (UNSIGNED, not FAILED)
        TestEnv.Cli v = TestEnv.nbparity("verify", b.get(0).toString());
        assertEquals(4, v.code(), v.out() + v.err());
    }

    @Test
    void aPassingCaseRunsNoShrink() throws Exception {
        Path reports = tmp.resolve("rep");
        // the bug needs -oversample >= 2, which v01 does not use: the wrapper is then the plain C reference
        TestEnv.Cli r = runWithOversampleBug("v01_mosflm_cubic_noise");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("shrink"), r.err());
        List<Path> b = bundles(reports);
        assertEquals(1, b.size());
        assertFalse(Files.exists(b.get(0).resolve("shrink.json")));
        assertFalse(Files.readString(b.get(0).resolve("summary.md")).contains("Shrink"));
    }

    @Test
    void noShrinkTurnsItOff() throws Exception {
        Path reports = tmp.resolve("rep");
        TestEnv.Cli r = runWithOversampleBug("v02_xds_triclinic_misset", "--no-shrink");
        assertEquals(1, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("shrink"), r.err());
        assertFalse(Files.exists(bundles(reports).get(0).resolve("shrink.json")));
    }

    @Test
    void shrinkCommandNamesPhiZeroWithTwoPhiSteps() throws Exception {
        Path json = tmp.resolve("shrink.json");
        TestEnv.Cli r = TestEnv.nbparity("shrink", "v03_denzo_mat_sparsehkl_phi", "--c-bin", phiBug.toString(),
                "--out", json.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("shrink v03_denzo_mat_sparsehkl_phi: shrunk, \\d+ probes in [0-9.]+ s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("minimal failing argv: "), lines.get(1));
        assertEquals("needs: -phi 0 with -phisteps >= 2", lines.get(2));
        assertEquals(3, lines.size(), r.out());
        JsonNode s = Canonical.read(json);
        assertEquals(List.of(List.of("-phi"), List.of("-phisteps")),
                List.of(strings(s.get("needs").get(0).get("flags")), strings(s.get("needs").get(1).get("flags"))));
        List<String> minimal = strings(s.get("minimal_argv"));
        assertTrue(minimal.containsAll(List.of("-phi", "-phisteps")), minimal.toString());
        assertFalse(minimal.contains("-osc"), "-osc is not needed by this bug: " + minimal);
        // one progress line per probe on stderr
        assertEquals(s.get("probes").asInt(), r.err().lines().filter(l -> l.startsWith("shrink: probe ")).count(), r.err());
    }

    @Test
    void shrinkOfAPassingCaseExitsZero() {
        TestEnv.Cli r = TestEnv.nbparity("shrink", "v01_mosflm_cubic_noise", "--c-bin", oversampleBug.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("shrink v01_mosflm_cubic_noise: not_reproduced, 2 probes in "), r.out());
    }

    @Test
    void bundleOptionsAreUsageErrorsForShrink() {
        TestEnv.Cli r = TestEnv.nbparity("shrink", "v01_mosflm_cubic_noise", "--c-bin", "/bin/false", "--sign-key", "k.pem");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("--reports, --sign-key, --probe-threads and --probe-trace are not used by shrink"),
                r.err());
    }

    @Test
    void shrinkWithTheRecordedBackendIsAUsageError() {
        TestEnv.Cli r = TestEnv.nbparity("shrink", "v01_mosflm_cubic_noise", "--c-backend", "recorded");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("shrink needs a live C backend (docker, local or prebuilt)"), r.err());
    }

    @Test
    void aCThatCannotRunTheOriginalArgvIsAnEnvironmentError() {
        TestEnv.Cli r = TestEnv.nbparity("shrink", "v01_mosflm_cubic_noise", "--c-bin", "/bin/false");
        assertEquals(3, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        List<String> err = r.err().lines().toList();
        assertEquals("nbparity: the original argv could not be probed: C run failed with exit 1: false",
                err.get(err.size() - 1), r.err());
    }
}
