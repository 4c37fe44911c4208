package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generation: deterministic from the seed, stratified, ordinary case files with their inputs beside them. */
class CaseGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedSameFilesOtherSeedOtherCases() throws Exception {
        TestEnv.Cli a = TestEnv.nbparity("campaign", "generate", "--seed", "11", "--count", "30", "--out", tmp.resolve("a").toString());
        TestEnv.Cli b = TestEnv.nbparity("campaign", "generate", "--seed", "11", "--count", "30", "--out", tmp.resolve("b").toString());
        TestEnv.Cli c = TestEnv.nbparity("campaign", "generate", "--seed", "12", "--count", "30", "--out", tmp.resolve("c").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(0, c.code(), c.err());
        assertEquals(tree(tmp.resolve("a")), tree(tmp.resolve("b")));
        assertNotEquals(Files.readString(tmp.resolve("a/manifest.json")), Files.readString(tmp.resolve("c/manifest.json")));
    }

    @Test
    void stratifiedOverTheChosenFeaturesAndLoadableAsCases() throws Exception {
        Path dir = tmp.resolve("s");
        TestEnv.Cli r = TestEnv.nbparity("campaign", "generate", "--seed", "5", "--per-feature", "3",
                "--features", "phi,hkl,img_mask,sourcefile", "--mix", "0.5", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        CampaignDir d = CampaignDir.open(dir);
        assertEquals(12, d.entries().size());
        Map<String, Integer> primary = new HashMap<>();
        for (CampaignDir.Entry e : d.entries()) {
            primary.merge(e.features().get(0), 1, Integer::sum);
            assertTrue(List.of("phi", "hkl", "img_mask", "sourcefile").containsAll(e.features()), e.features().toString());
            LoadedCase lc = CaseRepository.loadFile(d.caseFile(e.id()));
            // inputs beside the case file, digests checked as for any case
            Map<String, Path> in = CaseRunner.checkedInputs(TestEnv.repo(), lc);
            if (e.features().contains("hkl")) {
                assertTrue(in.containsKey("gen.hkl"), e.id());
            }
            assertTrue(lc.data().image().slow() >= 16 && lc.data().image().slow() <= 40, e.id());
        }
        assertEquals(Map.of("phi", 3, "hkl", 3, "img_mask", 3, "sourcefile", 3), primary);
        JsonNode m = d.manifest();
        assertEquals(12, m.path("count").asInt());
        assertTrue(m.path("counts_by_feature").path("phi").asInt() >= 3);
    }

    @Test
    void phiStepsLandOnZeroInSomeCases() throws Exception {
        Path dir = tmp.resolve("p");
        assertEquals(0, TestEnv.nbparity("campaign", "generate", "--seed", "3", "--count", "12", "--features", "phi",
                "--out", dir.toString()).code());
        int onZero = 0;
        for (CampaignDir.Entry e : CampaignDir.open(dir).entries()) {
            List<String> argv = CaseRepository.loadFile(CampaignDir.open(dir).caseFile(e.id())).data().argv();
            double phi = Double.parseDouble(argv.get(argv.indexOf("-phi") + 1));
            double osc = Double.parseDouble(argv.get(argv.indexOf("-osc") + 1));
            int steps = Integer.parseInt(argv.get(argv.indexOf("-phisteps") + 1));
            for (int i = 0; i < steps; i++) {
                if (phi + i * (osc / steps) == 0.0 && phi != 0.0) {
                    onZero++;
                }
            }
        }
        assertTrue(onZero >= 2, "cases whose phi steps land exactly on 0: " + onZero);
    }

    @Test
    void badArgumentsAreUsageErrorsAndAnExistingFolderIsKept() throws Exception {
        TestEnv.Cli r = TestEnv.nbparity("campaign", "generate", "--seed", "1", "--count", "2", "--features", "phi,nope",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--features: unknown feature 'nope'"), r.err());
        Files.createDirectories(tmp.resolve("exists"));
        r = TestEnv.nbparity("campaign", "generate", "--seed", "1", "--count", "2", "--out", tmp.resolve("exists").toString());
        assertEquals(3, r.code());
        assertEquals("nbparity: campaign folder already exists, not overwriting: " + tmp.resolve("exists") + "\n", r.err());
        r = TestEnv.nbparity("campaign", "generate", "--seed", "1", "--out", tmp.resolve("y").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("give --count N or --per-feature K\n"), r.err());
        assertTrue(Files.notExists(tmp.resolve("y")));
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Canonical.sha256(p));
            }
        }
        return m;
    }
}
