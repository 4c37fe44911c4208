package org.nbparity.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and exact messages of the CLI. */
class CliTest {
    @TempDir
    Path tmp;

    @Test
    void noSubcommandIsAUsageError() {
        TestEnv.Cli r = TestEnv.nbparity();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Missing required subcommand\nUsage: nbparity"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        TestEnv.Cli r = TestEnv.nbparity("run", "v01", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Unknown option: '--bogus'\n"), r.err());
    }

    @Test
    void badBackendAndMissingCBinAreUsageErrors() {
        TestEnv.Cli r = TestEnv.nbparity("run", "v01", "--c-backend", "podman");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Invalid value for option '--c-backend': 'podman' (expected docker, local, prebuilt or recorded)\n"), r.err());
        TestEnv.Cli p = TestEnv.nbparity("run", "v01", "--c-backend", "prebuilt");
        assertEquals(2, p.code());
        assertTrue(p.err().startsWith("--c-backend prebuilt needs --c-bin PATH\n"), p.err());
        TestEnv.Cli s = TestEnv.nbparity("image-diff", "a", "b");
        assertEquals(2, s.code());
        assertTrue(s.err().startsWith("Missing required option: '--shape=N'"), s.err());
    }

    /** Every command: a wrong command line is exit 2 with picocli's message first, nothing else. */
    @Test
    void everyCommandExitsTwoOnAUsageError() throws Exception {
        Path f = tmp.resolve("t.txt");
        Files.writeString(f, "TRACE_C: x 1\n");
        List<List<String>> wrong = List.of(
                List.of("run"),
                List.of("run", "v01", "--threads", "0"),
                List.of("run", "v01", "--c-files", "nanoBragg.c"),
                List.of("run", "v01", "--c-backend", "local", "--c-memory", "512"),
                List.of("suite"),
                List.of("suite", "golden", "--mode", "both"),
                List.of("trace-diff", f.toString()),
                List.of("trace-diff", f.toString(), f.toString(), "--case", "v01", "--layout", "1", "1", "1", "1", "1"),
                List.of("trace-diff", f.toString(), f.toString()),
                List.of("image-diff", "a", "b", "--shape", "0", "4"),
                List.of("verify"),
                List.of("sign-off", "a", "--as", "me"),
                List.of("verify", "a", "--require-sign-off", "x"),
                List.of("bundle-diff", "a"),
                List.of("keygen"),
                List.of("record", "f01"));
        for (List<String> args : wrong) {
            TestEnv.Cli r = TestEnv.nbparity(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertTrue(r.out().isEmpty(), args + ": " + r.out());
            assertTrue(!r.err().startsWith("nbparity: ") && r.err().contains("Usage: nbparity"), args + ": " + r.err());
        }
    }

    @Test
    void helpListsTheExitCodes() {
        TestEnv.Cli r = TestEnv.nbparity("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:\n  0   pass"), r.out());
        assertTrue(r.out().contains("  3   environment or oracle problem"), r.out());
        for (String sub : List.of("run", "suite", "trace-diff", "image-diff", "verify", "bundle-diff", "keygen", "record",
                "shrink", "sign-off", "campaign")) {
            assertTrue(r.out().contains("  " + sub + " "), "missing subcommand " + sub);
        }
    }

    @Test
    void unknownCaseIsAnEnvironmentErrorWithOneLine() {
        TestEnv.Cli r = TestEnv.nbparity("run", "nope", "--c-backend", "recorded", "--reports", tmp.toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: unknown case: nope (no fixtures/cases/nope.json)\n", r.errors());
    }

    @Test
    void traceDiffOfADialectWithoutLoopIndicesWithoutLayoutIsAUsageError() throws Exception {
        Path a = tmp.resolve("a.txt");
        Files.writeString(a, "  76   62 : stol = 1.5e+09 or 0.15\nat 0.1 0.002 0.003\n");
        TestEnv.Cli r = TestEnv.nbparity("trace-diff", a.toString(), a.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("a trace is in a dialect without loop indices: give --case ID or --layout\n"
                + "Usage: nbparity trace-diff"), r.err());
    }

    @Test
    void traceDiffReadsEachSideInTheDialectItsDescriptionNames() throws Exception {
        // the try: a port's TRACE_PY trace (here golden v06's TRACE_C lines under the other
        // prefix), one block per subpixel without indices; v06 has 8 subpixel blocks per pixel
        Path golden = TestEnv.shared().resolve("golden/v06_dials_gauss_thick_water_noise/trace_s104_f65.txt");
        String c = Files.readString(golden);
        Path py = tmp.resolve("py.txt");
        Files.writeString(py, c.replace("TRACE_C:", "TRACE_PY:"));
        TestEnv.Cli same = TestEnv.nbparity("trace-diff", golden.toString(), py.toString(), "--case", "v06",
                "--reference", "hoidn-trace-c", "--candidate", "hoidn-trace-py");
        assertEquals(0, same.code(), same.out() + same.err());
        assertFalse(same.out().contains("NOTHING COMPARED"), same.out());
        // one value changed on the candidate side is named
        String polar = c.lines().filter(l -> l.startsWith("TRACE_C: polar ")).findFirst().orElseThrow();
        Files.writeString(py, c.replace(polar, polar.replace("TRACE_C: polar ", "TRACE_C: polar 1") + "")
                .replace("TRACE_C:", "TRACE_PY:"));
        TestEnv.Cli diff = TestEnv.nbparity("trace-diff", golden.toString(), py.toString(), "--case", "v06",
                "--reference", "hoidn-trace-c", "--candidate", "hoidn-trace-py");
        assertEquals(1, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().contains("polar"), diff.out());
        TestEnv.Cli bad = TestEnv.nbparity("trace-diff", golden.toString(), py.toString(), "--candidate", "no-such-port");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("--candidate: "), bad.err());
    }

    @Test
    void missingCBinaryIsExit3() {
        TestEnv.Cli r = TestEnv.nbparity("run", "f03_mosflm_detsize", "--c-bin", tmp.resolve("nb").toString(),
                "--java-cmd", "true", "--reports", tmp.toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: C binary not found: " + tmp.resolve("nb") + "\n", r.errors());
    }

    @Test
    void missingJavaSimulatorIsExit3() throws Exception {
        TestEnv.requireShared("golden/README.md");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01", "--c-backend", "recorded", "--java-cmd", tmp.resolve("nosuch").toString(),
                "--reports", tmp.resolve("rep").toString());
        assertEquals(3, r.code());
        assertTrue(r.errors().startsWith("nbparity: cannot start the Java simulator (" + tmp.resolve("nosuch") + "): "), r.errors());
        assertEquals(1, r.errors().lines().count());
        assertNoBundle(tmp.resolve("rep"));
    }

    @Test
    void missingInputLeavesNoBundle() throws Exception {
        Path c = tmp.resolve("broken.json");
        String text = Files.readString(TestEnv.repo().resolve("fixtures/cases/f13_files_misc.json"))
                .replace("\"source\": \"fixtures/inputs/small.hkl\"", "\"source\": \"fixtures/inputs/gone.hkl\"");
        Files.writeString(c, text);
        TestEnv.Cli r = TestEnv.nbparity("run", c.toString(), "--c-backend", "recorded", "--java-cmd", "true",
                "--reports", tmp.resolve("rep").toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: missing input small.hkl: fixtures/inputs/gone.hkl\n", r.errors());
        assertNoBundle(tmp.resolve("rep"));
    }

    @Test
    void javaCrashAndTimeoutAreExit3WithoutBundle() throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        TestEnv.Cli crash = TestEnv.nbparity("run", "v01", "--c-backend", "recorded", "--java-cmd", TestEnv.fakeJava(golden, "crash"),
                "--reports", tmp.resolve("rep").toString());
        assertEquals(3, crash.code());
        assertEquals("nbparity: Java run failed with exit 134 (SIGABRT): fake simulator: deliberate crash\n", crash.errors());
        TestEnv.Cli hang = TestEnv.nbparity("run", "v01", "--c-backend", "recorded", "--java-cmd", TestEnv.fakeJava(golden, "sleep"),
                "--timeout", "2", "--reports", tmp.resolve("rep").toString());
        assertEquals(3, hang.code());
        assertEquals("nbparity: Java run timed out after 2 s\n", hang.errors());
        assertNoBundle(tmp.resolve("rep"));
    }

    @Test
    void cCrashIsExit3WithoutBundle() throws Exception {
        Path bin = tmp.resolve("segv");
        Files.writeString(bin, "#!/bin/sh\nkill -SEGV $$\n");
        bin.toFile().setExecutable(true);
        TestEnv.Cli r = TestEnv.nbparity("run", "f03_mosflm_detsize", "--c-bin", bin.toString(), "--java-cmd", "true",
                "--reports", tmp.resolve("rep").toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: C run failed with exit 139 (SIGSEGV): segv\n", r.errors());
        assertNoBundle(tmp.resolve("rep"));
    }

    @Test
    void cSourceWithoutEngineIsExit3() {
        System.setProperty("nbparity.docker.host", "unix://" + tmp.resolve("no-engine.sock"));
        TestEnv.Cli r;
        try {
            r = TestEnv.nbparity("run", "f03_mosflm_detsize", "--c-source", tmp.toString(), "--java-cmd", "true",
                    "--reports", tmp.resolve("rep").toString());
        } finally {
            System.clearProperty("nbparity.docker.host");
        }
        assertEquals(3, r.code());
        assertEquals("nbparity: no container engine answers (DOCKER_HOST or /var/run/docker.sock); use --c-backend local or prebuilt\n", r.errors());
    }

    static void assertNoBundle(Path reports) throws Exception {
        if (!Files.exists(reports)) {
            return;
        }
        try (Stream<Path> s = Files.list(reports)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.html")).toList();
            assertEquals(List.of(), left, "half-written bundle left behind");
        }
    }
}
