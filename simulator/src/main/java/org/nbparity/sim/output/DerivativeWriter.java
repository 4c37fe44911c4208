package org.nbparity.sim.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.io.AtomicFiles;
import org.nbparity.sim.render.DerivativeResult;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.Setup;

/**
 * Writes the derivative images of {@code -deriv} (issue 18): {@code PREFIX_d<name>.bin} per
 * parameter, raw little-endian pixels in exactly the {@code -floatfile} layout (float32, or
 * float64 with {@code -deriv_precision double}), photons per unit of the parameter, and
 * {@code PREFIX.json} describing them. Each file all-or-nothing (temporary file, then rename).
 */
public final class DerivativeWriter {
    private DerivativeWriter() {
    }

    /** The image file of one parameter. */
    public static Path imageFile(Path dir, String prefix, String label) {
        return dir.resolve(prefix + "_d" + label + ".bin");
    }

    /**
     * @param setup   the run's setup (detector size, ROI, mode)
     * @param result  the derivative images
     * @param prefix  {@code -derivfile} as typed
     * @param float64 {@code -deriv_precision double}
     * @param dir     the run directory
     */
    public static void write(Setup setup, DerivativeResult result, String prefix, boolean float64, Path dir) {
        List<ParamTangent> params = result.params();
        DetectorGeometry det = setup.detector();
        Roi roi = det.roi();
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"format\": \"nanobragg derivative images 1\",\n");
        j.append("  \"mode\": \"").append(setup.mode().label()).append("\",\n");
        j.append("  \"dtype\": \"").append(float64 ? "float64" : "float32").append("\",\n");
        j.append("  \"byte_order\": \"little-endian\",\n");
        j.append("  \"layout\": \"as -floatfile: fast index varies fastest, index spixel*fpixels+fpixel\",\n");
        j.append("  \"fpixels\": ").append(det.fpixels()).append(",\n");
        j.append("  \"spixels\": ").append(det.spixels()).append(",\n");
        j.append("  \"roi\": {\"xmin\": ").append(roi.xmin()).append(", \"xmax\": ").append(roi.xmax())
                .append(", \"ymin\": ").append(roi.ymin()).append(", \"ymax\": ").append(roi.ymax()).append("},\n");
        j.append("  \"images\": [\n");
        for (int p = 0; p < params.size(); p++) {
            ParamTangent t = params.get(p);
            double[] img = result.images()[p];
            double sum = 0.0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : img) {
                double w = float64 ? v : (double) (float) v;
                sum += w;
                min = Math.min(min, w);
                max = Math.max(max, w);
            }
            Path file = imageFile(dir, prefix, t.param().label());
            AtomicFiles.writeAtomically(file, o -> writePixels(o, img, float64));
            j.append("    {\"name\": \"").append(t.param().label()).append("\", \"unit\": \"")
                    .append(t.param().unit()).append("\", \"value\": ").append(num(t.value()))
                    .append(", \"file\": \"").append(json(file.getFileName().toString()))
                    .append("\", \"per\": \"photons per ").append(t.param().unit())
                    .append("\", \"sum\": ").append(num(sum)).append(", \"min\": ").append(num(min))
                    .append(", \"max\": ").append(num(max)).append("}")
                    .append(p + 1 < params.size() ? ",\n" : "\n");
        }
        j.append("  ]\n}\n");
        byte[] bytes = j.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.writeAtomically(dir.resolve(prefix + ".json"), o -> o.write(bytes));
    }

    private static void writePixels(OutputStream o, double[] img, boolean float64) throws IOException {
        int size = float64 ? 8 : 4;
        int per = 1 << 14;
        ByteBuffer buf = ByteBuffer.allocate(per * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < img.length; off += per) {
            int len = Math.min(per, img.length - off);
            buf.clear();
            for (int i = 0; i < len; i++) {
                if (float64) {
                    buf.putDouble(img[off + i]);
                } else {
                    buf.putFloat((float) img[off + i]);
                }
            }
            o.write(buf.array(), 0, len * size);
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
