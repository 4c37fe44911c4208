package org.nbparity.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Suite;
import org.nbparity.harness.testkit.TestEnv;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteTest {
    @TempDir
    Path tmp;

    private static final Suite S = new Suite("nbparity-suite", 1, "t", "", List.of(), "x", Map.of());

    private static String report(List<SuiteCommand.Row> rows, int expectCode) {
        StringWriter sw = new StringWriter();
        assertEquals(expectCode, SuiteCommand.report(S, rows, new PrintWriter(sw)));
        return sw.toString();
    }

    @Test
    void flipsEitherWayFailAndKnownFailuresStayVisible() {
        assertEquals("ok", SuiteCommand.row("a", "PASS", "PASS", "").status());
        assertEquals("KNOWN-FAIL", SuiteCommand.row("a", "FAIL", "FAIL", "").status());
        assertEquals("FLIP", SuiteCommand.row("a", "PASS", "FAIL", "").status());
        assertEquals("FLIP", SuiteCommand.row("a", "FAIL", "PASS", "").status());
        String out = report(List.of(SuiteCommand.row("a", "PASS", "PASS", ""), SuiteCommand.row("b", "FAIL", "FAIL", "")), 0);
        assertTrue(out.contains("KNOWN-FAIL b"), out);
        assertTrue(out.endsWith("suite t: 2 cases, 2 as expected (1 known failures), 0 flipped, 0 could not run\n"), out);
        report(List.of(SuiteCommand.row("a", "FAIL", "PASS", "")), 1);
        report(List.of(SuiteCommand.row("a", "PASS", "FAIL", "")), 1);
        report(List.of(new SuiteCommand.Row("a", "PASS", "ERROR", "ERROR", "boom")), 3);
    }

    @Test
    void suiteEndToEndDetectsAFlip() throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        Path expected = tmp.resolve("expected.json");
        Files.writeString(expected, "{\"schema\":\"nbparity-expected\",\"version\":1,\"suite\":\"t\",\"verdicts\":{"
                + "\"v01_mosflm_cubic_noise\":{\"verdict\":\"FAIL\",\"reason\":\"pretend known failure\"}}}");
        Path suite = tmp.resolve("t.json");
        Files.writeString(suite, "{\"schema\":\"nbparity-suite\",\"version\":1,\"id\":\"t\",\"description\":\"\","
                + "\"cases\":[\"v01_mosflm_cubic_noise\"],\"expected\":\"" + expected + "\",\"rejected\":{}}");
        TestEnv.Cli r = TestEnv.nbparity("suite", suite.toString(), "--c-backend", "recorded",
                "--java-cmd", TestEnv.fakeJava(golden, "none"), "--reports", tmp.resolve("rep").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("FLIP       v01_mosflm_cubic_noise"), r.out());
        TestEnv.Cli k = TestEnv.nbparity("suite", suite.toString(), "--c-backend", "recorded",
                "--java-cmd", TestEnv.fakeJava(golden, "scale"), "--reports", tmp.resolve("rep").toString());
        assertEquals(0, k.code(), k.out() + k.err());
        assertTrue(k.out().startsWith("KNOWN-FAIL v01_mosflm_cubic_noise"), k.out());
    }

    @Test
    void committedSuitesHaveAnExpectedVerdictForEveryCase() throws Exception {
        var repo = new org.nbparity.harness.cases.CaseRepository(TestEnv.repo());
        for (String name : List.of("flags", "golden", "native")) {
            Suite s = repo.loadSuite(name);
            var ev = repo.loadExpected(s);
            for (String id : s.cases()) {
                repo.load(id, null);
                assertTrue(ev.verdicts().containsKey(id), name + ": " + id);
            }
            assertEquals(s.cases().size(), ev.verdicts().size(), name);
        }
    }
}
