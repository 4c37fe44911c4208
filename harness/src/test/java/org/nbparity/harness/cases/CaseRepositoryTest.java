package org.nbparity.harness.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseRepositoryTest {
    private final CaseRepository repo = new CaseRepository(TestEnv.repo());

    @Test
    void resolvesIdsPrefixesAndModes() throws Exception {
        assertEquals("v01_mosflm_cubic_noise", repo.load("v01", null).id());
        assertEquals("v01_mosflm_cubic_noise_fixed", repo.load("v01", "fixed").id());
        assertEquals("v09_denzo_twotheta_os2_trailing_curved_fixed",
                repo.load("v09_denzo_twotheta_os2_trailing_curved", "fixed").id());
        CaseException e = assertThrows(CaseException.class, () -> repo.load("nope", null));
        assertEquals("unknown case: nope (no fixtures/cases/nope.json)", e.getMessage());
        CaseException amb = assertThrows(CaseException.class, () -> repo.load("f0", null));
        assertTrue(amb.getMessage().startsWith("ambiguous case: f0 matches"), amb.getMessage());
    }

    @Test
    void goldenOraclesPointAtUnalteredSharedFiles() throws Exception {
        TestEnv.requireShared("golden/README.md");
        for (LoadedCase lc : repo.all()) {
            ParityCase c = lc.data();
            for (ParityCase.Input in : c.inputs()) {
                Path p = repo.resolve(in.source());
                assertTrue(Files.isRegularFile(p), c.id() + " input " + in.source());
                assertEquals(in.sha256(), Canonical.sha256(p), c.id() + " input " + in.name());
                assertTrue(!in.source().startsWith("fixtures/") || !in.name().equals("A.mat") && !in.name().equals("scaled.hkl"),
                        "A.mat/scaled.hkl must come from ../shared");
            }
            if ("golden".equals(c.oracle().kind())) {
                Path dir = repo.resolve(c.oracle().dir());
                for (ParityCase.Output o : c.oracle().outputs()) {
                    assertEquals(o.storedSha256(), Canonical.sha256(dir.resolve(o.stored())), c.id() + " " + o.stored());
                }
                for (ParityCase.StoredTrace t : c.oracle().traces()) {
                    assertEquals(t.sha256(), Canonical.sha256(dir.resolve(t.stored())), c.id() + " " + t.stored());
                }
                assertTrue(c.oracle().provenance() != null && !c.oracle().provenance().isEmpty(), c.id() + " provenance");
            }
        }
    }

    @Test
    void goldenCasesCarryTheGoldenArgvAndShape() throws Exception {
        TestEnv.requireShared("golden/README.md");
        for (String id : List.of("v01_mosflm_cubic_noise", "v05_custom_vectors_rot_twotheta", "v09_denzo_twotheta_os2_trailing_curved")) {
            ParityCase c = repo.load(id, null).data();
            var golden = Canonical.read(TestEnv.shared().resolve("golden/" + id + "/case.json"));
            assertEquals(golden.get("argv"), Canonical.MAPPER.valueToTree(c.argv()));
            assertEquals(golden.get("image").get("spixels").asInt(), c.image().slow());
            assertEquals(golden.get("image").get("fpixels").asInt(), c.image().fast());
        }
        ParityCase v09 = repo.load("v09_denzo_twotheta_os2_trailing_curved", null).data();
        List<String> traced = v09.tracedArgv(9, 13);
        assertEquals(List.of("-trace_pixel", "9", "13"), traced.subList(0, 3));
        assertEquals("-curved_det", traced.get(traced.size() - 1));
    }

    @Test
    void malformedCasesAreRejectedWithOneLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("x.json");
        Files.writeString(f, "{\"schema\":\"nbparity-case\",\"version\":1,\"id\":\"x\",\"bogus\":1}");
        CaseException e = assertThrows(CaseException.class, () -> CaseRepository.loadFile(f));
        assertTrue(e.getMessage().startsWith("malformed case " + f + ": Unrecognized field \"bogus\""), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    /** native_outputs: the Java side's flags go in front of the argv; a malformed entry is one line. */
    @Test
    void nativeOutputsGiveTheJavaArgvAndAreValidated(@TempDir Path tmp) throws Exception {
        ParityCase n01 = repo.load("n01_native_mosflm_cubic_noise", null).data();
        List<String> j = n01.javaArgv();
        assertEquals(List.of("-cbffile", "int.cbf", "-cbfnoisefile", "noise.cbf", "-nxsfile", "image.nxs", "-nxsfloat"),
                j.subList(0, 7));
        assertEquals(n01.argv(), j.subList(7, j.size()));
        assertEquals(n01.argv(), repo.load("v01_mosflm_cubic_noise", null).data().argv(), "the C keeps the golden argv");
        String text = java.nio.file.Files.readString(TestEnv.repo().resolve("fixtures/cases/n01_native_mosflm_cubic_noise.json"));
        for (String[] bad : new String[][] {
                {"\"format\": \"cbf\"", "\"format\": \"tiff\""},
                {"\"format\": \"cbf_noise\"", "\"format\": \"cbf\""},
                {"\"smv\": \"noise.img\"", "\"smv\": null"}}) {
            Path f = tmp.resolve("n01_native_mosflm_cubic_noise.json");
            Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(bad[0]), bad[1]));
            CaseException e = assertThrows(CaseException.class, () -> CaseRepository.loadFile(f), bad[1]);
            assertEquals("case n01_native_mosflm_cubic_noise.json: native_outputs: each needs a plain file name, a format of "
                    + "[cbf, cbf_noise, nxmx] (each at most once) and the smv file of the same image", e.getMessage());
        }
    }
}
