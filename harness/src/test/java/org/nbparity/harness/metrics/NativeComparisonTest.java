package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.testkit.TestEnv;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.sim.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native-output checks on files the simulator writes in-process: every convention (and custom
 * vectors with rotations and two-theta, and a two-wavelength spectrum) passes against the run's own
 * printed setup, which is what upstream prints; each kind of damage fails its gate and only that
 * one: a changed SMV pixel, a changed float bit, a changed printed distance or axis, a flipped
 * polarization normal (a McStas frame turned about the beam), a quantity the C did not print.
 */
class NativeComparisonTest {
    @TempDir
    Path dir;

    private static final Thresholds TH = Thresholds.loadFromRepo(TestEnv.repo());
    /** A detector that is not square, so that a fast/slow swap shows. */
    private static final String BASE = "-cell 70 80 90 90 90 90 -default_F 10 -N 3 -lambda 1 -distance 90 -pixel 0.2"
            + " -detpixels_f 24 -detpixels_s 20 -noprogress -nopgm -floatfile f.bin -intfile i.img -noisefile n.img -seed 5";
    private static final String NATIVE = " -cbffile i.cbf -cbfnoisefile n.cbf -nxsfile o.nxs -nxsfloat";

    /** The run's files by bundle path, the stdout standing in for the C's. */
    private Map<String, byte[]> run(String argv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run((argv + NATIVE).trim().split("\\s+"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Map<String, byte[]> m = new HashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(NativeComparison.JAVA + p.getFileName(), Files.readAllBytes(p));
            }
        }
        m.put(NativeComparison.C_STDOUT, out.toByteArray());
        return m;
    }

    private static ParityCase pc(int slow, int fast) throws IOException {
        String json = "{\"schema\":\"nbparity-case\",\"version\":1,\"id\":\"t\",\"description\":\"t\",\"mode\":\"compat\","
                + "\"argv\":[\"-x\"],\"inputs\":[],\"image\":{\"float_file\":\"f.bin\",\"shape\":[" + slow + "," + fast + "]},"
                + "\"trace\":{\"pixels\":[],\"position\":\"after\"},\"oracle\":{\"kind\":\"live\"},\"notes\":[],"
                + "\"thresholds\":\"fixtures/thresholds.json\",\"native_outputs\":["
                + "{\"name\":\"i.cbf\",\"format\":\"cbf\",\"smv\":\"i.img\"},"
                + "{\"name\":\"n.cbf\",\"format\":\"cbf_noise\",\"smv\":\"n.img\"},"
                + "{\"name\":\"o.nxs\",\"format\":\"nxmx\",\"smv\":\"i.img\",\"float\":true}]}";
        return Canonical.MAPPER.readValue(json, ParityCase.class);
    }

    private static NativeComparison.Result compare(Map<String, byte[]> files, int slow, int fast) throws IOException {
        return NativeComparison.compare(pc(slow, fast), files::get, TH);
    }

    private static Map<String, Double> values(NativeComparison.Result r) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        r.gates().forEach(g -> m.put(g.name(), g.value()));
        return m;
    }

    private static Map<String, Double> allPass() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (String n : List.of("i.cbf", "n.cbf", "o.nxs")) {
            m.put("native." + n + ".pixels_differing", 0.0);
            if (n.equals("o.nxs")) {
                m.put("native.o.nxs.float_pixels_differing", 0.0);
            }
            m.put("native." + n + ".geometry_diverged", 0.0);
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-mosflm", "-xds", "-dials", "-adxv", "-denzo -Xbeam 1.3 -Ybeam 2.9",
            "-fdet_vector 0.0 0.0871557 0.9961947 -sdet_vector 0.0 -0.9961947 0.0871557 -odet_vector 1 0 0"
                    + " -beam_vector 1 0 0 -polar_vector 0 0 1 -Xbeam 2.1 -Ybeam 1.5 -detector_rotx 2 -detector_roty -1.5"
                    + " -detector_rotz 3 -twotheta 6",
            "-mosflm -dispersion 1 -dispsteps 2 -phi 10 -osc 0.5 -detector_thick 100"})
    void everyConventionPassesAgainstItsOwnPrintedSetup(String flags) throws Exception {
        NativeComparison.Result r = compare(run(BASE + " " + flags), 20, 24);
        assertEquals(allPass(), values(r), r.json().toString());
        for (JsonNode n : r.json()) {
            assertEquals(n.get("format").asText().equals("nxmx") ? 10 : 5, n.get("geometry_compared").asInt(), n.toString());
            for (JsonNode q : n.get("geometry")) {
                assertTrue(q.get("pass").asBoolean() && q.get("note").isNull(), q.toString());
            }
            assertEquals(480, n.get("pixels").get("compared").asInt());
            assertTrue(n.get("c_smv_pixels").isNull(), "no C SMV file given");
        }
    }

    @Test
    void aChangedSmvPixelIsCountedAndNamed() throws Exception {
        Map<String, byte[]> f = run(BASE);
        byte[] smv = f.get("images/java/i.img").clone();
        int idx = 512 + 2 * (3 * 24 + 5); // pixel (s=3, f=5)
        smv[idx] ^= 1;
        f.put("images/java/i.img", smv);
        f.put("images/c/n.img", f.get("images/java/n.img"));
        NativeComparison.Result r = compare(f, 20, 24);
        Map<String, Double> want = allPass();
        want.put("native.i.cbf.pixels_differing", 1.0);
        want.put("native.o.nxs.pixels_differing", 1.0);
        assertEquals(want, values(r));
        JsonNode first = r.json().get(0).get("pixels").get("first_differing");
        assertEquals("[3,5]", first.get("pixel").toString());
        assertEquals(first.get("value").asInt() ^ 1, first.get("smv_value").asInt());
        assertEquals(0, r.json().get(1).get("c_smv_pixels").get("differing").asInt(), "the C's noise SMV, informational");
        assertEquals(List.of("images/java/i.cbf", "images/java/i.img"), r.gates().get(0).files());
    }

    @Test
    void aChangedFloatBitFailsTheFloatGateOnly() throws Exception {
        Map<String, byte[]> f = run(BASE);
        byte[] fl = f.get("images/java/f.bin").clone();
        fl[4 * 100] ^= 1;
        f.put("images/java/f.bin", fl);
        Map<String, Double> want = allPass();
        want.put("native.o.nxs.float_pixels_differing", 1.0);
        assertEquals(want, values(compare(f, 20, 24)));
    }

    /** A C that printed another geometry: each quantity fails where the file says something else. */
    @Test
    void aDifferentPrintedGeometryFails() throws Exception {
        Map<String, byte[]> f = run(BASE + " -mosflm");
        String out = new String(f.get(NativeComparison.C_STDOUT), StandardCharsets.UTF_8);
        check(f, out, s -> s.replace("  distance=0.09 ", "  distance=0.0900001 "), Map.of("native.i.cbf.geometry_diverged", 1.0,
                "native.n.cbf.geometry_diverged", 1.0), "distance_meters");
        check(f, out, s -> s.replace("DIRECTION_OF_DETECTOR_X-AXIS= 0 0 1", "DIRECTION_OF_DETECTOR_X-AXIS= 0 0 -1"),
                Map.of("native.o.nxs.geometry_diverged", 1.0), "fdet_vec");
        // the frame turned half a turn about the beam: mapped back, every vector would still agree
        check(f, out, s -> s.replace("POLARIZATION_PLANE_NORMAL= 0 -1 0", "POLARIZATION_PLANE_NORMAL= 0 1 0"),
                Map.of("native.o.nxs.geometry_diverged", 1.0), "mcstas_y_lab");
        check(f, out, s -> s.replaceAll("(?m)^  dials origin=.*\\n", ""), Map.of("native.o.nxs.geometry_diverged", 1.0),
                "dials_origin_mm");
        check(f, out, s -> s.replace("  wave=1e-10 meters", "  wave=1.00001e-10 meters"),
                Map.of("native.i.cbf.geometry_diverged", 1.0, "native.n.cbf.geometry_diverged", 1.0,
                        "native.o.nxs.geometry_diverged", 1.0), "lambda0_meters");
    }

    private void check(Map<String, byte[]> f, String out, UnaryOperator<String> change, Map<String, Double> failing,
                       String quantity) throws IOException {
        String changed = change.apply(out);
        assertFalse(changed.equals(out), "the stdout line to change was not found: " + quantity);
        Map<String, byte[]> g = new HashMap<>(f);
        g.put(NativeComparison.C_STDOUT, changed.getBytes(StandardCharsets.UTF_8));
        NativeComparison.Result r = compare(g, 20, 24);
        Map<String, Double> want = allPass();
        want.putAll(failing);
        assertEquals(want, values(r), quantity);
        List<String> bad = new ArrayList<>();
        for (JsonNode n : r.json()) {
            for (JsonNode q : n.get("geometry")) {
                if (!q.get("pass").asBoolean()) {
                    bad.add(q.get("quantity").asText());
                }
            }
        }
        assertEquals(failing.size(), bad.size(), bad.toString());
        assertTrue(bad.stream().allMatch(quantity::equals), bad.toString());
    }

    @Test
    void aFileOfAnotherShapeDiffersEverywhere() throws Exception {
        NativeComparison.Result r = compare(run(BASE), 24, 20);
        assertEquals(480.0, values(r).get("native.i.cbf.pixels_differing"));
        assertFalse(r.json().get(0).get("pixels").get("shape_equal").asBoolean());
    }

    @Test
    void missingFilesAndGatesAreErrorsNotPasses() throws Exception {
        Map<String, byte[]> f = run(BASE);
        Map<String, byte[]> noCbf = new HashMap<>(f);
        noCbf.remove("images/java/n.cbf");
        assertEquals("Java run wrote no n.cbf", assertThrows(IOException.class, () -> compare(noCbf, 20, 24)).getMessage());
        Thresholds none = Thresholds.parse(new String(Files.readAllBytes(TestEnv.repo().resolve(Thresholds.REPO_PATH)),
                StandardCharsets.UTF_8).replace("\"native\":", "\"not_native\":").getBytes(StandardCharsets.UTF_8));
        assertEquals("thresholds file has no native section (needed by native_outputs)",
                assertThrows(IOException.class, () -> NativeComparison.compare(pc(20, 24), f::get, none)).getMessage());
        byte[] cut = Arrays.copyOf(f.get("images/java/o.nxs"), 2000);
        f.put("images/java/o.nxs", cut);
        String m = assertThrows(IOException.class, () -> compare(f, 20, 24)).getMessage();
        assertTrue(m.startsWith("images/java/o.nxs: ") && !m.contains("\n"), m);
    }
}
