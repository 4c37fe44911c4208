package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report.html of a bundle and reports/index.html. */
class ReportPageTest {
    @TempDir
    Path tmp;

    private static final String SHRINK = """
            {"schema": "nbparity-shrink", "version": 1, "case": "v03",
             "original_argv": ["-phi", "0", "-phisteps", "3", "-mosaic", "0.1"],
             "minimal_argv": ["-phi", "0", "-phisteps", "2"],
             "needs": [{"flags": ["-phi", "-phisteps"], "text": "-phi 0 with -phisteps >= 2"}],
             "divergent_pixels": [[3, 4]],
             "steps": [{"step": 1, "change": "mosaic off", "argv": ["-phi", "0", "-phisteps", "3"], "verdict": "FAIL", "seconds": 0.4},
                       {"step": 2, "change": "phisteps 1", "argv": ["-phi", "0", "-phisteps", "1"], "verdict": "PASS", "seconds": 0.3}],
             "probes": 2, "seconds": 0.7}
            """;

    @Test
    void thePageShowsVerdictGatesDivergenceShrinkAndPictures() throws Exception {
        JsonNode m = Canonical.MAPPER.readTree("""
                {"schema": "nbparity-metrics", "version": 2, "case_id": "v03<x>", "mode": "compat", "c_backend": "prebuilt",
                 "verdict": "FAIL",
                 "gates": [{"name": "image.max_ulp_float32", "kind": "max", "value": 7.0, "limit": 2.0, "margin": -5.0,
                            "pass": false, "files": []}],
                 "image": {"n_pixels": 4},
                 "first_divergence": {"record_name": "rot_a[phi=0]", "status": "INTRODUCED", "dialect": "printout",
                                      "inputs": [{"name": "phi", "status": "EQUAL"}]}}
                """);
        String html = ReportPage.html("B", m, "# FAIL: v03\n", Canonical.MAPPER.readTree(SHRINK), List.of("c.png", "diff.png"));
        assertTrue(html.contains("<span class=\"FAIL\">FAIL</span> v03&lt;x&gt;"), html);
        assertTrue(html.contains("<td>image.max_ulp_float32</td><td>7.0</td><td>&le; 2.0</td><td>-5.0</td><td class=\"fail\">FAIL</td>"), html);
        // the first divergence rendered generically: fields another component adds show up
        assertTrue(html.contains("<th>record_name</th><td>rot_a[phi=0]</td>"), html);
        assertTrue(html.contains("<th>dialect</th><td>printout</td>"), html);
        assertTrue(html.contains("minimal failing argv: <code>-phi 0 -phisteps 2</code>"), html);
        assertTrue(html.contains("<li><code>-phi -phisteps</code>: -phi 0 with -phisteps &gt;= 2</li>"), html);
        assertTrue(html.contains("<td class=\"PASS\">PASS</td>"), html);
        assertTrue(html.contains("<img src=\"png/diff.png\""), html);
        assertTrue(html.contains("<pre># FAIL: v03\n</pre>"), html);
        String none = ReportPage.html("B", m, null, null, List.of());
        assertTrue(none.contains("no shrink.json in this bundle"), none);
    }

    @Test
    void aRunWritesTheReportIntoTheBundleAndAReadableIndex() throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        Path reports = tmp.resolve("reports");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded", "--java-cmd",
                TestEnv.fakeJava(golden, "none"), "--reports", reports.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Path b;
        try (Stream<Path> s = Files.list(reports)) {
            b = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String html = Files.readString(b.resolve(ReportPage.FILE));
        assertTrue(html.contains("<span class=\"PASS\">PASS</span> v01_mosflm_cubic_noise"), html);
        assertTrue(html.contains("<p>bundle <code>" + b.getFileName() + "</code>"), "the final name, not the staging one");
        assertTrue(html.indexOf("png/c.png") < html.indexOf("png/java.png") && html.indexOf("png/java.png") < html.indexOf("png/diff.png"));
        for (String png : List.of("c.png", "java.png", "diff.png")) {
            assertTrue(html.contains("<img src=\"png/" + png + "\""), png);
        }
        // covered by SHA256SUMS and the statement
        assertTrue(Manifest.parse(Files.readString(b.resolve(Manifest.FILE))).containsKey(ReportPage.FILE));
        Path index = reports.resolve("index.html");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(index)));
        String idx = Files.readString(index);
        assertTrue(idx.contains("<a href=\"" + b.getFileName() + "/report.html\">"), idx);
        assertTrue(idx.contains("<img src=\"" + b.getFileName() + "/png/diff.png\""), idx);
        assertFalse(idx.contains("summary.md\">"), idx);
    }
}
