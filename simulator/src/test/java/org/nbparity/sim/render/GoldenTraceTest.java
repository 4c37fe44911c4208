package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.trace.TraceLevel;
import org.nbparity.sim.trace.TraceRequest;

/**
 * Every record of the golden TRACE_C traces that has a trace-protocol counterpart agrees with the
 * Java trace of the same pixel: integers exactly, doubles within the default class of
 * fixtures/thresholds.json (16 ULP). The golden prints doubles with %.15g, so the Java value is
 * first rounded the same way (trace-keys.md 6.5) and the two decimal values are compared in ULPs.
 * Mapping (trace-keys.md 4): per-subpixel blocks are counted by pix0_vector_meters lines and
 * numbered (t, sy, sx) in loop order; crystal keys are at src=0, phi=0, mos=0; *_angstroms values
 * are the metre records times 1e10; TRACE_C_PHI k_frac is hkl_frac[...,phi=n,mos=0] component 2.
 */
class GoldenTraceTest {
    static final double RTD = 180.0 * 0.31830988618379067154;
    static final long MAX_ULP = 16;

    static Stream<Arguments> traces() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String c : GoldenImageTest.CASES) {
            Path d = GoldenImageTest.caseDir(c);
            try (Stream<Path> s = Files.list(d)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("trace_s")).sorted()
                        .forEach(n -> out.add(Arguments.of(c, n)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("traces")
    void goldenTraceRecordsAgree(String name, String file) throws IOException {
        Matcher m = Pattern.compile("trace_s(\\d+)_f(\\d+)\\.txt").matcher(file);
        assertTrue(m.matches());
        int sp = Integer.parseInt(m.group(1));
        int fp = Integer.parseInt(m.group(2));
        Setup s = GoldenImageTest.setup(name, List.of("-mode", "compat"));
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bo, true, StandardCharsets.US_ASCII);
        Renderer.render(GoldenImageTest.withThreads(s, 2, new TraceRequest(sp, fp, TraceLevel.LOOPS)), ps);
        Map<String, String[]> jrec = new HashMap<>();
        for (String line : bo.toString(StandardCharsets.US_ASCII).split("\n")) {
            int i = line.indexOf("TRACE_JAVA: ");
            if (i < 0) {
                continue;
            }
            String[] t = line.substring(i + 12).trim().split(" ");
            jrec.putIfAbsent(t[0], java.util.Arrays.copyOfRange(t, 1, t.length));
        }
        int os = s.sampling().oversample();
        int compared = 0;
        long worst = 0;
        String worstKey = "";
        int block = -1;
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(GoldenImageTest.caseDir(name).resolve(file))) {
            String idx = null;
            String[] v;
            String key;
            if (line.startsWith("TRACE_C_PHI ")) {
                Map<String, String> kv = new HashMap<>();
                for (String tok : line.substring(12).trim().split(" ")) {
                    String[] p = tok.split("=");
                    kv.put(p[0], p[1]);
                }
                int phi = Integer.parseInt(kv.get("phi_tic"));
                String ix = loopIdx(block, os) + ",src=0,phi=" + phi;
                String[] hkl = jrec.get("hkl_frac[" + ix + ",mos=0]");
                String[] phiRad = jrec.get("phi_rad[" + ix + "]");
                String[] flb = jrec.get("F_latt_b[" + ix + ",mos=0]");
                String[] fl = jrec.get("F_latt[" + ix + ",mos=0]");
                compared += cmp(failures, "phi_deg", Double.parseDouble(phiRad[0]) * RTD, kv.get("phi_deg"));
                compared += cmp(failures, "k_frac", Double.parseDouble(hkl[1]), kv.get("k_frac"));
                compared += cmp(failures, "F_latt_b", Double.parseDouble(flb[0]), kv.get("F_latt_b"));
                compared += cmp(failures, "F_latt", Double.parseDouble(fl[0]), kv.get("F_latt"));
                continue;
            }
            if (!line.startsWith("TRACE_C: ")) {
                continue;
            }
            String[] t = line.substring(9).trim().split(" ");
            key = t[0];
            v = java.util.Arrays.copyOfRange(t, 1, t.length);
            if (key.equals("pix0_vector_meters")) {
                block++;
            }
            String sub = "[" + loopIdx(block, os) + "]";
            String src = "[" + loopIdx(block, os) + ",src=0]";
            String mos = "[" + loopIdx(block, os) + ",src=0,phi=0,mos=0]";
            double scale = 1.0;
            String jk;
            switch (key) {
                case "pix0_vector_meters": case "fdet_vec": case "sdet_vec": case "close_distance_meters":
                case "r_e_sqr":
                    jk = key;
                    break;
                case "fluence_photons_per_m2": jk = "fluence"; break;
                case "pixel_pos_meters": case "R_distance_meters": case "omega_pixel_sr": case "diffracted_vec":
                    jk = key + sub;
                    break;
                case "incident_vec": case "lambda_meters":
                    jk = key + src;
                    break;
                case "scattering_vec_A_inv": jk = "scattering_vec" + src; break;
                case "rot_a_angstroms": jk = "rot_a" + mos; scale = 1e10; break;
                case "rot_b_angstroms": jk = "rot_b" + mos; scale = 1e10; break;
                case "rot_c_angstroms": jk = "rot_c" + mos; scale = 1e10; break;
                case "rot_a_star_A_inv": jk = "a_star"; break;
                case "rot_b_star_A_inv": jk = "b_star"; break;
                case "rot_c_star_A_inv": jk = "c_star"; break;
                case "hkl_frac": case "hkl_rounded": case "F_latt_a": case "F_latt_b": case "F_latt_c":
                case "F_latt": case "F_cell":
                    jk = key + mos;
                    break;
                case "I_before_scaling": case "capture_fraction": case "polar": case "omega_pixel":
                case "I_pixel_final":
                    jk = key;
                    break;
                case "steps": jk = "steps"; break;
                case "floatimage_accumulated": jk = "floatimage_bits"; break;
                default:
                    continue; // obliquity_factor, lambda_angstroms, r_e_meters, flags, cos_2theta: no counterpart
            }
            String[] jv = jrec.get(jk);
            if (jv == null) {
                failures.add("no Java record " + jk + " for golden " + key);
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                if (key.equals("hkl_rounded") || key.equals("steps")) {
                    assertEquals(v[i], jv[i], key);
                    compared++;
                    continue;
                }
                double jd = Double.parseDouble(jv[i]);
                long u = ulps(round15(jd * scale), Double.parseDouble(v[i]));
                if (u > worst) {
                    worst = u;
                    worstKey = key;
                }
                compared += cmp(failures, key, jd * scale, v[i]);
            }
        }
        System.out.printf("[trace] %s %s: %d values compared, worst %d ULP (%s)%n", name, file, compared, worst, worstKey);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(compared > 20, "too few values compared");
    }

    private static String loopIdx(int block, int os) {
        int t = block / (os * os);
        int r = block % (os * os);
        return "t=" + t + ",sy=" + r / os + ",sx=" + r % os;
    }

    private static double round15(double v) {
        return Double.parseDouble(CFormat.sprintf("%.15g", v).replace("inf", "Infinity"));
    }

    private static int cmp(List<String> failures, String key, double java, String golden) {
        double g = Double.parseDouble(golden);
        long u = ulps(round15(java), g);
        if (u > MAX_ULP && !(Math.abs(g) < 1e-300 && Math.abs(java) < 1e-300)) {
            failures.add(key + ": java " + CFormat.g17(java) + " golden " + golden + " (" + u + " ULP)");
        }
        return 1;
    }

    static long ulps(double a, double b) {
        if (a == b) {
            return 0;
        }
        long x = Double.doubleToLongBits(a);
        long y = Double.doubleToLongBits(b);
        x = x < 0 ? Long.MIN_VALUE - x : x;
        y = y < 0 ? Long.MIN_VALUE - y : y;
        return Math.abs(x - y);
    }
}
