package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** campaign run/run-shard/report: usage errors, and a failing case shrunk and reported (local executor). */
class CampaignCliTest {
    @TempDir
    Path tmp;

    @Test
    void usageErrorsAndANonCampaignFolder() throws Exception {
        Path dir = tmp.resolve("c");
        assertEquals(0, TestEnv.nbparity("campaign", "generate", "--seed", "1", "--count", "2", "--features", "water",
                "--out", dir.toString()).code());
        TestEnv.Cli r = TestEnv.nbparity("campaign", "run", dir.toString(), "--executor", "cloud");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Invalid value for option '--executor': 'cloud' (expected local or slurm)\n"), r.err());
        r = TestEnv.nbparity("campaign", "run-shard", dir.toString(), "--shard", "2/2");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--shard must be I/N with 0 <= I < N, --workers positive\n"), r.err());
        r = TestEnv.nbparity("campaign", "run", dir.toString(), "--c-backend", "recorded");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--c-backend recorded: generated cases have no recorded oracle\n"), r.err());
        r = TestEnv.nbparity("campaign", "run", dir.toString(), "--reports", tmp.toString());
        assertEquals(2, r.code());
        r = TestEnv.nbparity("campaign", "report", tmp.toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: not a campaign folder (no manifest.json): " + tmp + "\n", r.err());
        // a merge before any run: every case NOT_RUN, exit 3
        r = TestEnv.nbparity("campaign", "report", dir.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().startsWith("campaign c: 2 cases: 0 PASS, 0 FAIL, 0 ERROR, 2 NOT_RUN (incomplete: run again to resume)\n"),
                r.out());
    }

    @Test
    void aFailingCaseIsShrunkAndListedWithItsFirstDivergence() throws Exception {
        Path jar = TestEnv.requireSimulatorJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path dir = tmp.resolve("f");
        assertEquals(0, TestEnv.nbparity("campaign", "generate", "--seed", "8", "--count", "1", "--features", "mosaic",
                "--out", dir.toString()).code());
        TestEnv.Cli r = TestEnv.nbparity("campaign", "run", dir.toString(), "--c-backend", "local",
                "--java-cmd", "env NBPARITY_TEST_FAULT=omega=1.000001 " + java + " -jar " + jar);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("campaign f: 1 cases: 0 PASS, 1 FAIL, 0 ERROR, 0 NOT_RUN\n"
                + "FAIL c0001_mosaic first divergence omega_pixel_sr"), r.out());
        JsonNode cs = Canonical.read(dir.resolve("campaign.json")).path("cases").get(0);
        assertEquals("FAIL", cs.path("verdict").asText());
        assertTrue(cs.path("first_divergence").path("record_name").asText().startsWith("omega_pixel_sr"), cs.toString());
        assertEquals("shrunk", cs.path("shrink").path("outcome").asText(), cs.toString());
        assertTrue(Files.isRegularFile(dir.resolve(cs.path("bundle").asText()).resolve("shrink.json")));
        String html = Files.readString(dir.resolve("campaign.html"));
        assertTrue(html.contains("/report.html\">c0001_mosaic</a></td><td>FAIL</td>"), html);
        // a failing campaign is still evidence: intact, and UNSIGNED since it was given no key
        TestEnv.Cli v = TestEnv.nbparity("verify", dir.toString());
        assertEquals(4, v.code(), v.out());
        assertTrue(v.out().startsWith("UNSIGNED: campaign.dsse.json: no signature\n"), v.out());
        assertTrue(v.out().endsWith("UNSIGNED campaign f ({\"FAIL\":1})\n"), v.out());
        // a second run finds nothing to do and keeps the bundle
        TestEnv.Cli again = TestEnv.nbparity("campaign", "run", dir.toString(), "--c-backend", "local", "--no-shrink");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("campaign: 0 to run, 1 already finished"), again.err());
    }
}
