package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.Precision;
import org.nbparity.harness.trace.StdoutRecords;
import org.nbparity.harness.trace.Trace;
import org.nbparity.harness.trace.TraceRecord;
import org.nbparity.harness.trace.TraceValue;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.io.SmvHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a case's detector-native outputs (issue 15 item 4). Upstream writes no CBF or
 * NXmx, so there is no C file to compare with; instead, for each file the Java side wrote:
 * <ol>
 * <li><b>pixels</b>: the decoded integers equal the same run's SMV file of the same image, pixel for
 * pixel ({@code native.<name>.pixels_differing}); an NXmx float image equals the float file
 * bitwise ({@code native.<name>.float_pixels_differing}). The SMV and float files are themselves
 * held against the C's by the image gates and byte identity, so a native file that passes says
 * what the C computed.</li>
 * <li><b>geometry</b>: every quantity the file states ({@link NativeImage}) equals what the C side
 * printed on its stdout for this run ({@link StdoutRecords}: pixel size, distance, beam centre,
 * wavelength(s), detector axes, pix0 as the DIALS origin, spindle, phi range, beam), within half a
 * unit of the last printed digit plus {@code geometry_rel_tol} of the quantity's largest component
 * ({@code native.<name>.geometry_diverged}: quantities outside, plus quantities the C did not
 * print, since nothing then vouches for them).</li>
 * </ol>
 * The same code runs in {@code run} (on the run directories) and in {@code verify} (on the stored
 * bundle files), so the gates recompute.
 */
public final class NativeComparison {
    /** Bundle path of the C side's untraced stdout. */
    public static final String C_STDOUT = "runs/c.stdout.txt";
    /** Bundle prefix of the Java side's untraced outputs. */
    public static final String JAVA = "images/java/";
    /** Bundle prefix of the C side's untraced outputs. */
    public static final String C = "images/c/";

    /** Reads a logical bundle file ({@code images/java/x}, {@code runs/c.stdout.txt}), or null when absent. */
    @FunctionalInterface
    public interface Files {
        byte[] read(String logicalPath) throws IOException;
    }

    /**
     * Gates and metrics of every native output of a case.
     *
     * @param gates the gates, in case order
     * @param json  the {@code native_outputs} array of metrics.json
     */
    public record Result(List<Gate> gates, ArrayNode json) {
    }

    private NativeComparison() {
    }

    /**
     * Checks every native output {@code pc} lists.
     *
     * @throws IOException when a file is missing or unreadable, or the thresholds have no native section
     */
    public static Result compare(ParityCase pc, Files files, Thresholds th) throws IOException {
        Thresholds.NativeGates ng = th.nativeGates();
        if (ng == null) {
            throw new IOException("thresholds file has no native section (needed by native_outputs)");
        }
        byte[] stdout = files.read(C_STDOUT);
        if (stdout == null) {
            throw new IOException("no C stdout to hold the native geometry against");
        }
        Trace c = StdoutRecords.parse(new String(stdout, StandardCharsets.UTF_8), "C");
        List<Gate> gates = new ArrayList<>();
        ArrayNode arr = Canonical.MAPPER.createArrayNode();
        for (ParityCase.NativeOutput n : pc.natives()) {
            String path = JAVA + n.name();
            NativeImage img = NativeImage.of(need(files, path), n.format().startsWith("cbf") ? "cbf" : "nxmx", path);
            ObjectNode o = arr.addObject();
            o.put("name", n.name()).put("format", n.format()).put("file", path);
            o.putArray("shape").add(img.shape().slow()).add(img.shape().fast());

            String smvPath = JAVA + n.smv();
            int[] smv = smv(need(files, smvPath), smvPath);
            Pixels px = pixels(img.counts(), img.shape(), smv, pc);
            o.set("pixels", px.json(smvPath));
            gates.add(Gate.atMost("native." + n.name() + ".pixels_differing", px.differing(), ng.maxPixelsDiffering(),
                    List.of(path, smvPath)));
            byte[] cSmv = files.read(C + n.smv());
            if (cSmv != null) {
                // informational: the C's own SMV integers (equal whenever the float images are)
                Pixels cp = pixels(img.counts(), img.shape(), smv(cSmv, C + n.smv()), pc);
                o.set("c_smv_pixels", cp.json(C + n.smv()));
            } else {
                o.putNull("c_smv_pixels");
            }
            if (n.hasFloat()) {
                String ff = JAVA + pc.image().floatFile();
                FloatImage f;
                try {
                    f = FloatImage.of(need(files, ff), new ImageShape(pc.image().slow(), pc.image().fast()), ff);
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
                long diff = floatsDiffering(img, f);
                ObjectNode fo = o.putObject("float_pixels");
                fo.put("against", ff).put("compared", f.data().length).put("differing", diff);
                gates.add(Gate.atMost("native." + n.name() + ".float_pixels_differing", diff, ng.maxPixelsDiffering(),
                        List.of(path, ff)));
            }
            ArrayNode geo = o.putArray("geometry");
            long diverged = 0;
            for (Map.Entry<String, double[]> e : img.geometry().entrySet()) {
                Quantity q = quantity(e.getKey(), e.getValue(), c, ng.geometryRelTol());
                geo.add(q.json());
                if (!q.pass()) {
                    diverged++;
                }
            }
            o.put("geometry_compared", img.geometry().size()).put("geometry_diverged", diverged);
            gates.add(Gate.atMost("native." + n.name() + ".geometry_diverged", diverged, ng.maxGeometryDiverged(),
                    List.of(path, C_STDOUT)));
        }
        return new Result(gates, arr);
    }

    private static byte[] need(Files files, String path) throws IOException {
        byte[] b = files.read(path);
        if (b == null) {
            throw new IOException("Java run wrote no " + path.substring(JAVA.length()));
        }
        return b;
    }

    /** The SMV pixels (unsigned 16-bit; BYTE_ORDER=big_endian swapped, as written with -bigendian). */
    private static int[] smv(byte[] b, String what) throws IOException {
        SmvHeader h;
        try {
            h = SmvHeader.of(b, what, "smv");
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
        int[] px = h.pixels;
        if (h.header.contains("BYTE_ORDER=big_endian")) {
            px = px.clone();
            for (int i = 0; i < px.length; i++) {
                px[i] = ((px[i] & 0xFF) << 8) | (px[i] >>> 8);
            }
        }
        return px;
    }

    /** Pixels differing (all of them when the shapes differ), the first differing pixel. */
    private record Pixels(long compared, long differing, int[] first, int firstValue, int firstSmv, boolean shapeOk) {
        ObjectNode json(String against) {
            ObjectNode o = Canonical.MAPPER.createObjectNode();
            o.put("against", against).put("shape_equal", shapeOk).put("compared", compared).put("differing", differing);
            if (first == null) {
                o.putNull("first_differing");
            } else {
                ObjectNode f = o.putObject("first_differing");
                f.putArray("pixel").add(first[0]).add(first[1]);
                f.put("value", firstValue).put("smv_value", firstSmv);
            }
            return o;
        }
    }

    private static Pixels pixels(int[] counts, ImageShape shape, int[] smv, ParityCase pc) {
        ImageShape want = new ImageShape(pc.image().slow(), pc.image().fast());
        if (!shape.equals(want) || smv.length != counts.length) {
            return new Pixels(want.pixels(), want.pixels(), null, 0, 0, false);
        }
        long diff = 0;
        int firstIdx = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != smv[i]) {
                if (diff++ == 0) {
                    firstIdx = i;
                }
            }
        }
        int[] first = firstIdx < 0 ? null : new int[] {firstIdx / shape.fast(), firstIdx % shape.fast()};
        return new Pixels(counts.length, diff, first, firstIdx < 0 ? 0 : counts[firstIdx],
                firstIdx < 0 ? 0 : smv[firstIdx], true);
    }

    private static long floatsDiffering(NativeImage img, FloatImage f) {
        if (img.floats() == null) {
            return f.data().length; // asked for and absent: every pixel is missing
        }
        if (img.floats().length != f.data().length) {
            return f.data().length;
        }
        long d = 0;
        for (int i = 0; i < f.data().length; i++) {
            if (Float.floatToRawIntBits(img.floats()[i]) != Float.floatToRawIntBits(f.data()[i])) {
                d++;
            }
        }
        return d;
    }

    /** One geometry quantity held against the C's printed record. */
    private record Quantity(String name, String cRecord, double[] file, List<String> cPrinted, double[] expected,
                            double[] window, boolean pass, String note) {
        ObjectNode json() {
            ObjectNode o = Canonical.MAPPER.createObjectNode();
            o.put("quantity", name);
            o.put("c_record", cRecord);
            ArrayNode f = o.putArray("file");
            for (double v : file) {
                f.add(v);
            }
            ArrayNode p = o.putArray("c_printed");
            cPrinted.forEach(p::add);
            ArrayNode e = o.putArray("expected");
            ArrayNode w = o.putArray("window");
            if (expected != null) {
                for (int i = 0; i < expected.length; i++) {
                    Gate.putNum(e.addObject(), "v", expected[i]);
                    w.add(window[i]);
                }
                // flatten {"v": x} to x (putNum turns a non-finite value into null)
                for (int i = 0; i < e.size(); i++) {
                    e.set(i, e.get(i).get("v"));
                }
            }
            o.put("pass", pass);
            if (note != null) {
                o.put("note", note);
            } else {
                o.putNull("note");
            }
            return o;
        }
    }

    /** Which C stdout record each file quantity is held against (same name unless listed). */
    private static final Map<String, String> RECORD = Map.of(
            "mcstas_z_lab", "stdout.beam_vec",
            "mcstas_y_lab", "stdout.polarization_plane_normal",
            "source_lambdas_meters", "stdout.source");

    private static Quantity quantity(String name, double[] file, Trace c, double relTol) {
        String rec = RECORD.getOrDefault(name, "stdout." + name);
        List<TraceRecord> recs = c.records().stream().filter(r -> r.name().equals(rec)).toList();
        if (recs.isEmpty()) {
            return new Quantity(name, rec, file, List.of(), null, null, false, "the C printed no " + rec);
        }
        List<String> printed = new ArrayList<>();
        double[] expected;
        double[] window;
        if (name.equals("source_lambdas_meters")) {
            // the distinct wavelengths of the C's source list, in order (the NXmx spectrum)
            Map<Double, TraceValue> distinct = new LinkedHashMap<>();
            Precision p = recs.get(0).precision();
            for (TraceRecord r : recs) {
                if (r.values().size() == 5) {
                    distinct.putIfAbsent(r.values().get(4).value(), r.values().get(4));
                }
            }
            distinct.values().forEach(v -> printed.add(v.text()));
            expected = distinct.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            window = new double[expected.length];
            for (int i = 0; i < expected.length; i++) {
                window[i] = p.uncertainty(expected[i]);
            }
        } else {
            TraceRecord r = recs.get(0);
            r.values().forEach(v -> printed.add(v.text()));
            double[] v = r.numbers();
            Precision p = r.precision();
            if (name.equals("mcstas_y_lab")) {
                // McStas y is "up": minus the unit polarization plane normal (output.McStasFrame:
                // Y = unit(e x b) = -unit(b x p)); its window is the printed normal's, divided by |n|
                double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                if (norm == 0.0) {
                    return new Quantity(name, rec, file, printed, null, null, true,
                            "polarization parallel to the beam: no vertical to compare");
                }
                double err = 0;
                for (double x : v) {
                    err += Math.pow(p.uncertainty(x), 2);
                }
                double w = 2 * Math.sqrt(err) / norm;
                expected = new double[] {-v[0] / norm, -v[1] / norm, -v[2] / norm};
                window = new double[] {w, w, w};
            } else if (v.length == 1 && file.length > 1) {
                // one printed value standing for several file values (pixel size x, y, fast, slow)
                expected = new double[file.length];
                java.util.Arrays.fill(expected, v[0]);
                window = new double[file.length];
                java.util.Arrays.fill(window, p.uncertainty(v[0]));
            } else {
                expected = v;
                window = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    window[i] = p.uncertainty(v[i]);
                }
            }
        }
        if (expected.length != file.length) {
            return new Quantity(name, rec, file, printed, expected, window, false,
                    "the file gives " + file.length + " values, the C printed " + expected.length);
        }
        double scale = 0;
        for (double x : expected) {
            scale = Math.max(scale, Math.abs(x));
        }
        boolean pass = true;
        for (int i = 0; i < expected.length; i++) {
            window[i] += relTol * scale;
            pass &= Math.abs(file[i] - expected[i]) <= window[i];
        }
        return new Quantity(name, rec, file, printed, expected, window, pass, null);
    }
}
