package org.nbparity.harness.metrics;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.nbparity.sim.io.MiniCbf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A detector-native image file the simulator writes (issue 15) read back: the miniCBF of
 * {@code -cbffile}/{@code -cbfnoisefile} (decoded by the simulator's {@link MiniCbf}, the one CBF
 * decoder of the project) or the NeXus/NXmx HDF5 of {@code -nxsfile} (read with io.jhdf, the one
 * NXmx reader). Besides the pixels it gives the geometry the file states, turned back into the
 * quantities nanoBragg prints on stdout, in its own lab frame and units, so that they can be held
 * against a C run's printed setup ({@link NativeComparison}).
 *
 * <p>Geometry names (each a vector of numbers, SI units unless the name says otherwise):
 * <ul>
 * <li>CBF ({@code PILATUS_1.2} header): {@code pixel_size_meters} (x and y), {@code distance_meters}
 * ({@code Detector_distance}), {@code Fbeam_Sbeam_meters} ({@code Beam_xy} times the pixel size),
 * {@code lambda0_meters} ({@code Wavelength}), {@code phi_range_deg} (start, start + increment).</li>
 * <li>NXmx: the transformation chain of the module's fast pixel direction, summed to the origin of
 * pixel (0,0) (nanoBragg's pix0, given as {@code dials_origin_mm} as upstream prints it) and
 * mapped to nanoBragg's lab frame with the file's {@code /entry/nanobragg/lab_to_mcstas} rotation:
 * {@code fdet_vec}, {@code sdet_vec}, {@code odet_vec} (the detector_distance axis),
 * {@code pixel_size_meters} (fast and slow step, {@code x_pixel_size}, {@code y_pixel_size}),
 * {@code lambda0_meters} (one wavelength) or {@code source_lambdas_meters} (a spectrum),
 * {@code spindle_vec} (the phi axis), {@code phi_range_deg}, and the rotation's own McStas axes
 * {@code mcstas_z_lab} (must be the beam) and {@code mcstas_y_lab} (must be "up": minus the
 * polarization plane normal), so that a wrong frame cannot hide behind its own inverse.</li>
 * </ul>
 *
 * @param format   {@code cbf} or {@code nxmx}
 * @param shape    slow, fast pixel counts of the file
 * @param counts   the integer pixels, index {@code s*fast + f}
 * @param floats   the float image ({@code /entry/data/float_image}), or null
 * @param geometry the geometry quantities above, in file order
 */
public record NativeImage(String format, ImageShape shape, int[] counts, float[] floats,
                          Map<String, double[]> geometry) {
    /** NXmx path of the integer image. */
    public static final String NX_DATA = "/entry/data/data";
    /** NXmx path of the float image ({@code -nxsfloat}). */
    public static final String NX_FLOAT = "/entry/data/float_image";

    /** The format a file name implies: {@code cbf} for .cbf, {@code nxmx} for .nxs/.h5/.hdf5/.nx5, else null. */
    public static String formatOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".cbf")) {
            return "cbf";
        }
        if (n.endsWith(".nxs") || n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".nx5")) {
            return "nxmx";
        }
        return null;
    }

    /** Reads {@code file} ({@code .gz} decompressed) in the format its name implies. */
    public static NativeImage read(Path file) throws IOException {
        String format = formatOf(file.getFileName().toString());
        if (format == null) {
            throw new IOException(file + ": not a .cbf, .nxs or .h5 file");
        }
        byte[] b = file.toString().endsWith(".gz") ? FloatImage.readBytes(file) : Files.readAllBytes(file);
        return of(b, format, file.toString());
    }

    /**
     * The image in {@code bytes} of the given format; {@code what} names the file in errors.
     *
     * @throws IOException one line naming {@code what} when the file is not a readable image of
     *                     that format
     */
    public static NativeImage of(byte[] bytes, String format, String what) throws IOException {
        try {
            return switch (format) {
                case "cbf" -> cbf(bytes);
                case "nxmx" -> nxmx(bytes);
                default -> throw new IOException("unknown native format " + format);
            };
        } catch (IOException | HdfException | IllegalArgumentException | ClassCastException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(what + ": " + m.replaceAll("[\\r\\n]+", " "), e);
        }
    }

    /** The integer image as a float image (for pictures and the image gates). */
    public FloatImage countsAsFloat() {
        float[] f = new float[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = counts[i];
        }
        return new FloatImage(shape, f);
    }

    private static NativeImage cbf(byte[] bytes) throws IOException {
        MiniCbf.Decoded d = MiniCbf.read(bytes);
        Map<String, double[]> g = new LinkedHashMap<>();
        String px = d.header("Pixel_size");
        double pixel = Double.NaN;
        if (px != null) {
            // "172e-6 m x 172e-6 m"
            String[] t = px.split("\\s+");
            if (t.length < 5) {
                throw new IOException("miniCBF: Pixel_size line '" + px + "' is not 'X m x Y m'");
            }
            pixel = number(t[0], "Pixel_size");
            g.put("pixel_size_meters", new double[] {pixel, number(t[3], "Pixel_size")});
        }
        String dist = d.header("Detector_distance");
        if (dist != null) {
            g.put("distance_meters", new double[] {number(first(dist), "Detector_distance")});
        }
        String beam = d.header("Beam_xy");
        if (beam != null && px != null) {
            // "(x, y) pixels"
            String[] t = beam.replace("(", "").replace(")", "").replace(",", " ").trim().split("\\s+");
            g.put("Fbeam_Sbeam_meters", new double[] {number(t[0], "Beam_xy") * pixel, number(t[1], "Beam_xy") * pixel});
        }
        String wave = d.header("Wavelength");
        if (wave != null) {
            g.put("lambda0_meters", new double[] {number(first(wave), "Wavelength") * 1e-10});
        }
        String start = d.header("Start_angle");
        String inc = d.header("Angle_increment");
        if (start != null && inc != null) {
            double s = number(first(start), "Start_angle");
            g.put("phi_range_deg", new double[] {s, s + number(first(inc), "Angle_increment")});
        }
        return new NativeImage("cbf", new ImageShape(d.slow(), d.fast()), d.values(), null, g);
    }

    private static NativeImage nxmx(byte[] bytes) throws IOException {
        try (HdfFile h = HdfFile.fromBytes(bytes)) {
            Dataset data = h.getDatasetByPath(NX_DATA);
            int[] dims = data.getDimensions();
            if (dims.length != 3 || dims[0] != 1) {
                throw new IOException(NX_DATA + " is not [1, slow, fast]");
            }
            ImageShape shape = new ImageShape(dims[1], dims[2]);
            int[] counts = (int[]) flat(data.getData(), int.class, shape, NX_DATA);
            float[] floats = null;
            if (h.getByPath("/entry/data") instanceof io.jhdf.api.Group grp && grp.getChild("float_image") != null) {
                floats = (float[]) flat(h.getDatasetByPath(NX_FLOAT).getData(), float.class, shape, NX_FLOAT);
            }
            return new NativeImage("nxmx", shape, counts, floats, nxGeometry(h));
        }
    }

    private static Map<String, double[]> nxGeometry(HdfFile h) throws IOException {
        String det = "/entry/instrument/detector";
        double[][] m = matrix(h.getDatasetByPath("/entry/nanobragg/lab_to_mcstas").getData());
        Map<String, double[]> g = new LinkedHashMap<>();
        // the chain from the fast pixel direction down to "." gives the origin of pixel (0,0)
        Dataset fast = h.getDatasetByPath(det + "/module/fast_pixel_direction");
        Dataset slow = h.getDatasetByPath(det + "/module/slow_pixel_direction");
        double[] origin = new double[3];
        String next = text(fast.getAttribute("depends_on"));
        List<String> seen = new ArrayList<>();
        double[] odet = null;
        while (!".".equals(next)) {
            if (seen.contains(next) || seen.size() > 16) {
                throw new IOException("transformation chain loops at " + next);
            }
            seen.add(next);
            Dataset t = h.getDatasetByPath(next);
            if (!"translation".equals(text(t.getAttribute("transformation_type")))) {
                throw new IOException(next + " is not a translation (a detector chain here holds translations only)");
            }
            double[] v = vector(t.getAttribute("vector").getData());
            double value = scalar(t.getData()) * metres(t);
            double[] off = t.getAttribute("offset") == null ? new double[3] : vector(t.getAttribute("offset").getData());
            for (int i = 0; i < 3; i++) {
                origin[i] += value * v[i] + off[i] * metres(t);
            }
            if (next.endsWith("/detector_distance")) {
                odet = v;
            }
            next = text(t.getAttribute("depends_on"));
        }
        double[] pix0 = toLab(m, origin);
        // upstream prints pix0 as the DIALS origin in mm: (1000 z, 1000 y, -1000 x), setup.md S13 step 5
        g.put("dials_origin_mm", new double[] {1000.0 * pix0[2], 1000.0 * pix0[1], -1000.0 * pix0[0]});
        g.put("fdet_vec", toLab(m, vector(fast.getAttribute("vector").getData())));
        g.put("sdet_vec", toLab(m, vector(slow.getAttribute("vector").getData())));
        if (odet != null) {
            g.put("odet_vec", toLab(m, odet));
        }
        g.put("pixel_size_meters", new double[] {scalar(fast.getData()) * metres(fast), scalar(slow.getData()) * metres(slow),
                scalar(h.getDatasetByPath(det + "/x_pixel_size").getData()),
                scalar(h.getDatasetByPath(det + "/y_pixel_size").getData())});
        Object wave = h.getDatasetByPath("/entry/instrument/beam/incident_wavelength").getData();
        double[] lambdas = wave instanceof double[] arr ? arr : new double[] {scalar(wave)};
        double[] metresL = new double[lambdas.length];
        for (int i = 0; i < lambdas.length; i++) {
            metresL[i] = lambdas[i] * 1e-10;
        }
        g.put(lambdas.length == 1 ? "lambda0_meters" : "source_lambdas_meters", metresL);
        Dataset phi = h.getDatasetByPath("/entry/sample/transformations/phi");
        g.put("spindle_vec", toLab(m, vector(phi.getAttribute("vector").getData())));
        double phi0 = scalar(phi.getData());
        g.put("phi_range_deg", new double[] {phi0,
                phi0 + scalar(h.getDatasetByPath("/entry/sample/transformations/phi_increment_set").getData())});
        g.put("mcstas_z_lab", m[2].clone());
        g.put("mcstas_y_lab", m[1].clone());
        return g;
    }

    /** McStas vector to nanoBragg lab coordinates: the transpose of the rows-are-axes rotation. */
    private static double[] toLab(double[][] m, double[] v) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = m[0][i] * v[0] + m[1][i] * v[1] + m[2][i] * v[2];
        }
        return out;
    }

    private static double metres(Node n) throws IOException {
        Attribute u = n.getAttribute("units");
        String unit = u == null ? "m" : text(u);
        return switch (unit) {
            case "m" -> 1.0;
            case "mm" -> 1e-3;
            case "um", "microns" -> 1e-6;
            default -> throw new IOException(n.getPath() + " has units '" + unit + "', not a length");
        };
    }

    private static String text(Attribute a) throws IOException {
        if (a == null) {
            throw new IOException("missing attribute");
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof String[] arr && arr.length == 1) {
            return arr[0];
        }
        throw new IOException("attribute " + a.getName() + " is not a string");
    }

    private static double scalar(Object d) throws IOException {
        if (d instanceof Number n) {
            return n.doubleValue();
        }
        if (d instanceof double[] a && a.length == 1) {
            return a[0];
        }
        if (d instanceof float[] a && a.length == 1) {
            return a[0];
        }
        if (d instanceof int[] a && a.length == 1) {
            return a[0];
        }
        throw new IOException("not a number: " + d);
    }

    private static double[] vector(Object d) throws IOException {
        if (d instanceof double[] a && a.length == 3) {
            return a.clone();
        }
        throw new IOException("not a 3-vector of doubles");
    }

    private static double[][] matrix(Object d) throws IOException {
        if (d instanceof double[][] a && a.length == 3 && a[0].length == 3 && a[1].length == 3 && a[2].length == 3) {
            return a;
        }
        throw new IOException("lab_to_mcstas is not a 3x3 matrix of doubles");
    }

    /**
     * The one [1][slow][fast] plane of {@code d} (as jhdf returns a 3-d dataset) flattened, row
     * after row; {@code d} must be a 3-d array of {@code element} ({@code int.class},
     * {@code float.class}).
     */
    private static Object flat(Object d, Class<?> element, ImageShape shape, String path) throws IOException {
        if (d == null || !d.getClass().getName().equals("[[[" + (element == int.class ? "I" : "F"))) {
            throw new IOException(path + " is not " + (element == int.class ? "int32" : "float32"));
        }
        Object[] rows = (Object[]) ((Object[]) d)[0];
        Object out = java.lang.reflect.Array.newInstance(element, shape.pixels());
        for (int s = 0; s < shape.slow(); s++) {
            System.arraycopy(rows[s], 0, out, s * shape.fast(), shape.fast());
        }
        return out;
    }

    private static String first(String v) {
        return v.trim().split("\\s+")[0];
    }

    private static double number(String t, String key) throws IOException {
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IOException("miniCBF: " + key + " value '" + t + "' is not a number");
        }
    }
}
