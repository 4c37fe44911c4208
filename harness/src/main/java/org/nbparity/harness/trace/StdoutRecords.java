package org.nbparity.harness.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream's ordinary stdout as run-level records: every nanoBragg build prints its setup
 * (cell, wavelengths and sources, fluence, detector geometry and vectors, beam centre, loop
 * counts; upstream nanoBragg.c lines 2033-2503) before it renders, and the Java simulator prints
 * the same lines with the same formats. So even a C that traces nothing gives these quantities,
 * compared before any pixel record (each to the digits printed: %g is 6 significant digits).
 *
 * <p>Records are named {@code stdout.<quantity>} (units in the name where not SI); the per-source
 * line is {@code stdout.source[src=k]} (x y z weight lambda), {@code thick%d} and {@code phi%d}
 * carry their loop index. Parsing stops where the render starts (progress meter, a printout
 * block, or the solid-angle line), so image statistics, which follow from the image, are left to
 * the image gates. Warnings and text-only lines are not records.
 */
public final class StdoutRecords {
    /** Prefix of every record name. */
    public static final String PREFIX = "stdout.";
    private static final Precision G6 = Precision.significant(6);
    private static final Precision F6 = Precision.decimals(6);
    private static final Precision F8 = Precision.decimals(8);
    private static final String NUM = "(\\S+)";

    /** One line format: regex, record names (one per group run), precisions, group counts. */
    private record Line(Pattern p, String[] names, Precision[] prec, int[] groups) {
    }

    private static final List<Line> LINES = new ArrayList<>();

    static {
        line("^Unit Cell: " + nums(6) + "$", "stdout.unit_cell_A_deg", G6, 6);
        line("^Recp Cell: " + nums(6) + "$", "stdout.recp_cell_A_inv_deg", G6, 6);
        line("^volume = " + NUM + " A\\^3$", "stdout.V_cell_A3", G6, 1);
        line("^random orientation misset angles: " + nums(3) + " deg$", "stdout.misset_deg", F6, 3);
        line("^XDS incident beam: " + nums(3) + "$", "stdout.xds_incident_beam", G6, 3);
        line("^crystal is " + NUM + " x " + NUM + " x " + NUM + " microns$", "stdout.xtal_size_um", G6, 3);
        line("^auto-selected (\\d+)-fold oversampling$", "stdout.oversample_auto", Precision.EXACT, 1);
        line("^approximate MW = " + NUM + "$", "stdout.molecular_weight", G6, 1);
        line("^initializing to default_F = " + NUM + ":$", "stdout.default_F", G6, 1);
        line("^divergence deviation: " + NUM + " " + NUM + "$", "stdout.divergence_deviation_rad", G6, 2);
        line("^lambda\\d+ = " + NUM + "$", "stdout.dispersion_lambda_meters", Precision.significant(15), 1);
        line("^\\s*created a total of (\\d+) sources:$", "stdout.sources_created", Precision.EXACT, 1);
        line("^\\s*created a total of (\\d+) mosaic domains$", "stdout.mosaic_domains_created", Precision.EXACT, 1);
        line("^\\s*(\\d+) initialized hkls \\(all others =" + NUM + "\\)$",
                new String[]{"stdout.initialized_hkls", "stdout.default_F"}, new Precision[]{Precision.EXACT, G6}, 1, 1);
        line("^\\s*\\S+ xtal: (\\d+)x(\\d+)x(\\d+) cells$", "stdout.N_cells", Precision.EXACT, 3);
        line("^\\s*wave=" + NUM + " meters \\+/- " + NUM + "% in (\\d+) steps$",
                new String[]{"stdout.lambda0_meters", "stdout.dispersion_percent", "stdout.dispsteps"},
                new Precision[]{G6, G6, Precision.EXACT}, 1, 1, 1);
        line("^\\s*Kahn polarization factor: " + NUM + "$", "stdout.polarization", F6, 1);
        line("^\\s*incident fluence: " + NUM + " photons/m\\^2$", "stdout.fluence", G6, 1);
        line("^\\s*distance=" + NUM + " detsize=" + NUM + "x" + NUM + "\\s+pixel=" + NUM + " meters \\((\\d+)x(\\d+) pixels\\)$",
                new String[]{"stdout.distance_meters", "stdout.detsize_meters", "stdout.pixel_size_meters", "stdout.detpixels"},
                new Precision[]{G6, G6, G6, Precision.EXACT}, 1, 2, 1, 2);
        line("^\\s*sensor is " + NUM + " m thick in (\\d+) layers with mu= " + NUM + "$",
                new String[]{"stdout.detector_thick_meters", "stdout.thicksteps", "stdout.detector_mu"},
                new Precision[]{G6, Precision.EXACT, G6}, 1, 1, 1);
        line("^\\s*Xbeam=" + NUM + " Ybeam=" + NUM + "$", "stdout.Xbeam_Ybeam_meters", G6, 2);
        line("^\\s*Fbeam=" + NUM + " Sbeam=" + NUM + "$", "stdout.Fbeam_Sbeam_meters", G6, 2);
        line("^\\s*Xclose=" + NUM + " Yclose=" + NUM + "$", "stdout.Xclose_Yclose_meters", G6, 2);
        line("^\\s*Fclose=" + NUM + " Sclose=" + NUM + "$", "stdout.Fclose_Sclose_meters", G6, 2);
        line("^\\s*DIRECTION_OF_DETECTOR_X-AXIS= " + nums(3) + "$", "stdout.fdet_vec", G6, 3);
        line("^\\s*DIRECTION_OF_DETECTOR_Y-AXIS= " + nums(3) + "$", "stdout.sdet_vec", G6, 3);
        line("^\\s*DIRECTION_OF_DETECTOR_Z-AXIS= " + nums(3) + "$", "stdout.odet_vec", G6, 3);
        line("^\\s*INCIDENT_BEAM_DIRECTION= " + nums(3) + "$", "stdout.beam_vec", G6, 3);
        line("^\\s*spindle ROTATION_AXIS= " + nums(3) + "$", "stdout.spindle_vec", G6, 3);
        line("^\\s*POLARIZATION_PLANE_NORMAL= " + nums(3) + "$", "stdout.polarization_plane_normal", G6, 3);
        line("^\\s*dials origin= " + nums(3) + "$", "stdout.dials_origin_mm", G6, 3);
        line("^\\s*roi: (-?\\d+) < x < (-?\\d+) && (-?\\d+) < y < (-?\\d+)$", "stdout.roi", Precision.EXACT, 4);
        line("^\\s*hdivrange=" + NUM + " hdivstep=" + NUM + "\\s+radians$", "stdout.hdivrange_hdivstep", G6, 2);
        line("^\\s*vdivrange=" + NUM + " vdivstep=" + NUM + "\\s+radians$", "stdout.vdivrange_vdivstep", G6, 2);
        line("^\\s*(\\d+) divergence steps$", "stdout.divsteps", Precision.EXACT, 1);
        line("^\\s*(\\d+) sources$", "stdout.sources", Precision.EXACT, 1);
        line("^\\s*(\\d+) mosaic domains over mosaic spread of " + NUM + " degrees$",
                new String[]{"stdout.mosaic_domains", "stdout.mosaic_spread_deg"}, new Precision[]{Precision.EXACT, G6}, 1, 1);
        line("^\\s*(\\d+) phi steps from " + NUM + " to " + NUM + " degrees$",
                new String[]{"stdout.phisteps", "stdout.phi_range_deg"}, new Precision[]{Precision.EXACT, G6}, 1, 2);
        line("^\\s*(\\d+)x(\\d+) pixel oversample steps.*$", "stdout.oversample", Precision.EXACT, 2);
    }

    private static final Pattern THICK = Pattern.compile("^thick(\\d+) = (\\S+) um$");
    private static final Pattern PHI = Pattern.compile("^phi(\\d+) = (\\S+)$");
    private static final Pattern SOURCE = Pattern.compile("^(\\S+) (\\S+) (\\S+)   (\\S+) (\\S+)$");
    private static final Pattern CELL_ROW = Pattern.compile("^([XYZ]): +(\\S+) +(\\S+) +(\\S+)\\s*$");
    private static final Pattern RENDER_START = Pattern.compile("^(\\d+% done|WARNING: out of range for three point.*|solid angle subtended.*)$");

    private StdoutRecords() {
    }

    private static String nums(int n) {
        return String.join(" +", java.util.Collections.nCopies(n, NUM));
    }

    private static void line(String re, String name, Precision p, int groups) {
        LINES.add(new Line(Pattern.compile(re), new String[]{name}, new Precision[]{p}, new int[]{groups}));
    }

    private static void line(String re, String[] names, Precision[] p, int... groups) {
        LINES.add(new Line(Pattern.compile(re), names, p, groups));
    }

    /**
     * The run-level records of one program's stdout ({@code impl} names the side, e.g. "C",
     * "JAVA"). A stdout with none of upstream's lines gives an empty trace.
     */
    public static Trace parse(String stdout, String impl) {
        List<TraceRecord> out = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        List<String> lines = stdout.lines().toList();
        String cellBlock = null;
        String[][] cellText = new String[3][];
        int source = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int ln = i + 1;
            if (RENDER_START.matcher(l).matches() || TraceParser.isStolLine(l)) {
                break;
            }
            Matcher m;
            if (l.startsWith("real-space cell vectors")) {
                cellBlock = "";
                continue;
            }
            if (l.startsWith("reciprocal-space cell vectors")) {
                cellBlock = "_star";
                continue;
            }
            if (cellBlock != null && (m = CELL_ROW.matcher(l)).matches()) {
                int r = "XYZ".indexOf(m.group(1));
                cellText[r] = new String[]{m.group(2), m.group(3), m.group(4)};
                if (r == 2 && cellText[0] != null && cellText[1] != null) {
                    String unit = cellBlock.isEmpty() ? "_A" : "_A_inv";
                    String[] axes = {"a", "b", "c"};
                    for (int c = 0; c < 3; c++) {
                        add(out, count, "stdout." + axes[c] + (cellBlock.isEmpty() ? "0" : cellBlock) + unit, Map.of(),
                                List.of(tv(cellText[0][c]), tv(cellText[1][c]), tv(cellText[2][c])), F8, ln, l);
                    }
                    cellBlock = null;
                    cellText = new String[3][];
                }
                continue;
            }
            if (l.matches("^\\s*created a total of \\d+ sources:$")) {
                source = 0;
            } else if (source >= 0 && (m = SOURCE.matcher(l)).matches()) {
                List<TraceValue> v = new ArrayList<>();
                for (int g = 1; g <= 5; g++) {
                    v.add(tv(m.group(g)));
                }
                add(out, count, "stdout.source", Map.of("src", source++), v, G6, ln, l);
                continue;
            } else {
                source = -1;
            }
            if ((m = THICK.matcher(l)).matches()) {
                add(out, count, "stdout.thick_um", Map.of("t", Integer.parseInt(m.group(1))), List.of(tv(m.group(2))), G6, ln, l);
                continue;
            }
            if ((m = PHI.matcher(l)).matches()) {
                add(out, count, "stdout.phi_deg", Map.of("phi", Integer.parseInt(m.group(1))), List.of(tv(m.group(2))), G6, ln, l);
                continue;
            }
            for (Line f : LINES) {
                if ((m = f.p().matcher(l)).matches()) {
                    int g = 1;
                    for (int k = 0; k < f.names().length; k++) {
                        List<TraceValue> v = new ArrayList<>();
                        for (int j = 0; j < f.groups()[k]; j++) {
                            v.add(tv(m.group(g++)));
                        }
                        add(out, count, f.names()[k], Map.of(), v, f.prec()[k], ln, l.strip());
                    }
                    break;
                }
            }
        }
        return new Trace(impl + "_STDOUT", "stdout", -1, -1, out, List.of());
    }

    /**
     * The single-valued run-level constants of a parsed stdout under the names scale forensics
     * tests (fluence, sources, mosaic_domains, phisteps, thicksteps, distance_meters,
     * pixel_size_meters, lambda_meters, oversample), for a C that prints no trace.
     */
    public static Map<String, Double> scalars(Trace t) {
        Map<String, String> names = Map.of("stdout.fluence", "fluence", "stdout.sources", "sources",
                "stdout.mosaic_domains", "mosaic_domains", "stdout.phisteps", "phisteps", "stdout.thicksteps", "thicksteps",
                "stdout.distance_meters", "distance_meters", "stdout.pixel_size_meters", "pixel_size_meters",
                "stdout.lambda0_meters", "lambda_meters");
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (TraceRecord r : t.records()) {
            String k = names.get(r.name());
            if (k != null && r.values().size() == 1) {
                m.putIfAbsent(k, r.values().get(0).value());
            }
            if (r.name().equals("stdout.oversample") && r.values().size() == 2) {
                m.putIfAbsent("oversample", r.values().get(0).value());
            }
        }
        return m;
    }

    /**
     * The loop extents the C states on its stdout ("N sources", "N mosaic domains", "N phi steps",
     * "NxN pixel oversample steps", "... in N layers"), or null when one is missing: what names
     * the records of a dialect without loop indices when the case gives no layout.
     */
    public static LoopLayout layout(String stdout) {
        Trace t = parse(stdout, "C");
        Integer[] v = new Integer[5];
        String[] names = {"stdout.thicksteps", "stdout.oversample", "stdout.sources", "stdout.phisteps", "stdout.mosaic_domains"};
        for (int i = 0; i < names.length; i++) {
            var r = t.get(names[i]);
            if (r.isEmpty() || r.get().values().isEmpty()) {
                return null;
            }
            double d = r.get().values().get(0).value();
            if (!(d >= 1) || d != Math.rint(d)) {
                return null;
            }
            v[i] = (int) d;
        }
        return new LoopLayout(v[0], v[1], v[2], v[3], v[4]);
    }

    private static void add(List<TraceRecord> out, Map<String, Integer> count, String name, Map<String, Integer> idx,
                            List<TraceValue> v, Precision p, int line, String src) {
        String base = TraceRecord.baseKey(name, idx);
        int n = count.merge(base, 1, Integer::sum);
        out.add(new TraceRecord(n == 1 ? base : base + "#" + n, name, idx, v, p, line, src));
    }

    private static TraceValue tv(String t) {
        return new TraceValue(t, TraceValue.parseDouble(t), null);
    }
}
