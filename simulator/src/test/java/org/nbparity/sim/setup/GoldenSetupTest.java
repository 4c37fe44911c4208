package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.config.Pivot;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.testutil.Shared;

/**
 * Every visible golden case (../shared/golden/v01..v09, produced by upstream itself): the
 * pre-loop stdout is byte-identical, the setup-level keys of the golden TRACE_C files match the
 * Java setup within the setup_trace ULP gate of fixtures/thresholds.json, and the upstream facts
 * recorded from its stdout (convention, pivot, oversample, sources, mosaic domains, phi steps)
 * match.
 */
class GoldenSetupTest {

    static Stream<Arguments> cases() {
        return Shared.CASES.stream().map(Arguments::of);
    }

    private static boolean isLoopStart(String line) {
        return line.matches("\\d+% done") || line.isEmpty() || line.startsWith("TRACE");
    }

    private static void assertPreLoopStdout(String golden, String java, String what) {
        assertTrue(golden.startsWith(java), what + ": Java stdout is not a prefix of the golden stdout\n"
                + firstDiff(golden, java));
        String rest = golden.substring(java.length());
        String next = rest.split("\n", -1)[0];
        assertTrue(java.endsWith("\n") && isLoopStart(next),
                what + ": golden continues with setup output: '" + next + "'");
    }

    private static String firstDiff(String g, String j) {
        String[] gl = g.split("\n", -1), jl = j.split("\n", -1);
        for (int i = 0; i < jl.length; i++) {
            if (i >= gl.length || !gl[i].equals(jl[i])) {
                return "line " + (i + 1) + ":\n golden: " + (i < gl.length ? gl[i] : "<eof>") + "\n java:   " + jl[i];
            }
        }
        return "";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preLoopStdoutMatchesUpstream(String id, @TempDir Path work) throws Exception {
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        Shared.Run r = Shared.setup(Shared.argv(cj), work);
        assertPreLoopStdout(Files.readString(dir.resolve("stdout.txt")), r.stdout(), id + " compat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preLoopStdoutMatchesFixedOracle(String id, @TempDir Path work) throws Exception {
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        List<String> args = new ArrayList<>(List.of("-mode", "fixed"));
        args.addAll(List.of(Shared.argv(cj)));
        Shared.Run r = Shared.setup(args.toArray(new String[0]), work);
        assertPreLoopStdout(Files.readString(dir.resolve("fixed/stdout.txt")), r.stdout(), id + " fixed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void upstreamFactsMatch(String id, @TempDir Path work) throws Exception {
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        Shared.Run r = Shared.setup(Shared.argv(cj), work);
        Setup s = r.prepared().setup();
        Map<String, Object> f = (Map<String, Object>) cj.get("upstream_facts_from_stdout");
        assertEquals(f.get("convention"), s.detector().report().convention().name().toLowerCase());
        assertEquals(f.get("pivot"), s.detector().report().pivot() == Pivot.BEAM ? "direct beam spot" : "sample");
        assertEquals(f.get("oversample"), String.valueOf(s.sampling().oversample()));
        assertEquals(f.get("sources"), String.valueOf(s.sources().count()));
        assertEquals(f.get("mosaic_domains"), String.valueOf(s.crystal().mosaicDomains()));
        assertEquals(f.get("phisteps"), String.valueOf(s.crystal().phisteps()));
        Object interp = f.get("interpolation_auto");
        if (interp != null) {
            assertEquals("auto-selected " + interp, r.prepared().details().interpolationAuto());
        }
        String golden = Files.readString(dir.resolve("stdout.txt"));
        String goldenPre = golden.substring(0, r.stdout().length());
        for (Object w : (List<Object>) f.get("warnings")) {
            if (goldenPre.contains((String) w)) {
                assertTrue(r.stdout().contains((String) w), "warning " + w);
            }
        }
    }

    /** Setup-level TRACE_C keys (trace-keys.md 4.1, 4.2, 4.7) and the Java value of each. */
    private static Map<String, double[]> javaKeys(Setup s) {
        Map<String, double[]> m = new LinkedHashMap<>();
        DetectorGeometry d = s.detector();
        Crystal c = s.crystal();
        m.put("pix0_vector_meters", d.pix0());
        m.put("fdet_vec", d.fdet());
        m.put("sdet_vec", d.sdet());
        m.put("close_distance_meters", new double[] {d.closeDistance()});
        m.put("incident_vec", new double[] {-s.sources().x()[0], -s.sources().y()[0], -s.sources().z()[0]});
        m.put("lambda_meters", new double[] {s.sources().lambda()[0]});
        m.put("lambda_angstroms", new double[] {s.sources().lambda()[0] * 1e10});
        if (c.phisteps() == 1 && c.phi0() == 0.0) {
            // with several phi steps rot_* shows the carried-over orientation (render.md 5.2)
            m.put("rot_a_angstroms", scale(c.a0(), 1e10));
            m.put("rot_b_angstroms", scale(c.b0(), 1e10));
            m.put("rot_c_angstroms", scale(c.c0(), 1e10));
        }
        m.put("rot_a_star_A_inv", c.aStar());
        m.put("rot_b_star_A_inv", c.bStar());
        m.put("rot_c_star_A_inv", c.cStar());
        m.put("r_e_sqr", new double[] {s.rESqr()});
        m.put("r_e_meters", new double[] {Math.sqrt(s.rESqr())});
        m.put("fluence_photons_per_m2", new double[] {s.fluence()});
        m.put("steps", new double[] {s.steps()});
        m.put("oversample_thick", new double[] {s.sampling().oversampleThick() ? 1 : 0});
        m.put("oversample_polar", new double[] {s.sampling().oversamplePolar() ? 1 : 0});
        m.put("oversample_omega", new double[] {s.sampling().oversampleOmega() ? 1 : 0});
        return m;
    }

    private static double[] scale(double[] v, double f) {
        return new double[] {v[0] * f, v[1] * f, v[2] * f};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void traceSetupKeysWithinGate(String id, @TempDir Path work) throws Exception {
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        Setup s = Shared.setup(Shared.argv(cj), work).prepared().setup();
        int gate = Shared.setupUlpGate();
        Map<String, double[]> jv = javaKeys(s);
        List<Path> traces;
        try (Stream<Path> st = Files.list(dir)) {
            traces = st.filter(p -> p.getFileName().toString().startsWith("trace_")).sorted().toList();
        }
        assertFalse(traces.isEmpty(), "no trace files in " + dir);
        int compared = 0;
        long maxUlp = 0;
        for (Path t : traces) {
            Map<String, String[]> first = new LinkedHashMap<>();
            for (String line : Files.readAllLines(t)) {
                if (!line.startsWith("TRACE_C: ")) continue;
                String[] tok = line.substring(9).trim().split("\\s+");
                first.putIfAbsent(tok[0], java.util.Arrays.copyOfRange(tok, 1, tok.length));
            }
            for (Map.Entry<String, double[]> e : jv.entrySet()) {
                String[] cv = first.get(e.getKey());
                if (cv == null) continue;
                double[] j = e.getValue();
                assertEquals(j.length, cv.length, e.getKey());
                for (int i = 0; i < j.length; i++) {
                    double c = Double.parseDouble(cv[i]);
                    // the trace holds %.15g: round the Java value the same way, then count ULPs
                    double j15 = Double.parseDouble(CFormat.sprintf("%.15g", j[i]));
                    long u = Shared.ulps(c, j15);
                    assertTrue(u <= gate, id + " " + t.getFileName() + " " + e.getKey() + "[" + i + "]: golden "
                            + cv[i] + " java " + CFormat.g17(j[i]) + " (" + u + " ulp > " + gate + ")");
                    compared++;
                    maxUlp = Math.max(maxUlp, u);
                }
            }
        }
        assertTrue(compared >= 2 * 30, id + ": only " + compared + " values compared");
        System.out.println("setup-trace " + id + ": " + compared + " values, max " + maxUlp + " ulp (gate " + gate + ")");
    }
}
