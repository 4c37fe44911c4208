package org.nbparity.harness.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nbparity.harness.thresholds.GradCheckGates;
import org.nbparity.sim.cli.GradCheck;

/**
 * The gradcheck ladders of a bundle (issue 18): their table as stored ({@code gradcheck/ladder.tsv},
 * from which {@code verify} recomputes the gates), the gates of each parameter from the
 * thresholds file, and the log-log picture of error against step.
 */
public final class GradCheckLadders {
    /** Logical path of the stored table inside a bundle. */
    public static final String TABLE = "gradcheck/ladder.tsv";
    private static final String HEADER = "param\th\trel_error";

    private GradCheckLadders() {
    }

    /** The table: one line per rung, parameter, step and relative error (shortest round-trip decimals). */
    public static String tsv(List<GradCheck.Ladder> ladders) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (GradCheck.Ladder l : ladders) {
            for (GradCheck.Rung r : l.rungs()) {
                b.append(l.param().label()).append('\t').append(r.h()).append('\t').append(r.relError()).append('\n');
            }
        }
        return b.toString();
    }

    /** Parses {@link #tsv}: rungs per parameter name, in table order. */
    public static Map<String, List<GradCheck.Rung>> parse(String tsv) throws IOException {
        Map<String, List<GradCheck.Rung>> out = new LinkedHashMap<>();
        String[] lines = tsv.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IOException(TABLE + ": not a gradcheck table");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            if (f.length != 3) {
                throw new IOException(TABLE + ": line " + (i + 1) + " does not have 3 fields");
            }
            try {
                out.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new GradCheck.Rung(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            } catch (NumberFormatException e) {
                throw new IOException(TABLE + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The three gates of one parameter: {@code gradcheck.<p>.best_rel_error} (max),
     * {@code gradcheck.<p>.loglog_r} (min), {@code gradcheck.<p>.slope_deviation} (|slope - 2|, max).
     */
    public static List<Gate> gates(String param, List<GradCheck.Rung> rungs, GradCheckGates g) {
        GradCheck.Fit f = GradCheck.fit(rungs);
        List<String> files = List.of(TABLE);
        String p = "gradcheck." + param + ".";
        return List.of(Gate.atMost(p + "best_rel_error", f.best(), g.maxBestRelError(), files),
                Gate.atLeast(p + "loglog_r", Double.isNaN(f.r()) ? Double.NEGATIVE_INFINITY : f.r(), g.minLoglogR(), files),
                Gate.atMost(p + "slope_deviation", Math.abs(f.slope() - 2.0), g.maxSlopeDeviation(), files));
    }

    /** PNG: relative error against step, log-log, one line per parameter, with an h² guide line. */
    public static byte[] plot(List<GradCheck.Ladder> ladders, String title) {
        int w = 720;
        int h = 520;
        int left = 80;
        int right = 170;
        int top = 40;
        int bottom = 60;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (GradCheck.Ladder l : ladders) {
            for (GradCheck.Rung r : l.rungs()) {
                xmin = Math.min(xmin, Math.log10(r.h()));
                xmax = Math.max(xmax, Math.log10(r.h()));
                if (r.relError() > 0) {
                    ymin = Math.min(ymin, Math.log10(r.relError()));
                    ymax = Math.max(ymax, Math.log10(r.relError()));
                }
            }
        }
        xmin = Math.floor(xmin);
        xmax = Math.ceil(xmax);
        ymin = Math.floor(Math.min(ymin, -7));
        ymax = Math.ceil(ymax);
        if (xmax <= xmin) {
            xmax = xmin + 1;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        final double x0 = xmin;
        final double x1 = xmax;
        final double y0 = ymin;
        final double y1 = ymax;
        java.util.function.DoubleUnaryOperator px = x -> left + (x - x0) / (x1 - x0) * (w - left - right);
        java.util.function.DoubleUnaryOperator py = y -> top + (y1 - y) / (y1 - y0) * (h - top - bottom);
        boolean text = hasFont(g);
        g.setColor(new Color(230, 230, 230));
        for (double x = x0; x <= x1; x++) {
            g.drawLine((int) px.applyAsDouble(x), top, (int) px.applyAsDouble(x), h - bottom);
        }
        for (double y = y0; y <= y1; y++) {
            g.drawLine(left, (int) py.applyAsDouble(y), w - right, (int) py.applyAsDouble(y));
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, w - left - right, h - top - bottom);
        if (text) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double x = x0; x <= x1; x++) {
                g.drawString(String.format(Locale.ROOT, "1e%d", (int) x), (int) px.applyAsDouble(x) - 12, h - bottom + 16);
            }
            for (double y = y0; y <= y1; y++) {
                g.drawString(String.format(Locale.ROOT, "1e%d", (int) y), left - 40, (int) py.applyAsDouble(y) + 4);
            }
            g.drawString("step h (unit of the parameter)", left + 120, h - 20);
            g.drawString(title, left, 24);
            g.drawString("relative error", 8, top - 8);
        }
        Color[] colours = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
        g.setStroke(new BasicStroke(2f));
        int li = 0;
        for (GradCheck.Ladder l : ladders) {
            g.setColor(colours[li % colours.length]);
            int[] xs = new int[l.rungs().size()];
            int[] ys = new int[l.rungs().size()];
            for (int i = 0; i < xs.length; i++) {
                GradCheck.Rung r = l.rungs().get(i);
                xs[i] = (int) px.applyAsDouble(Math.log10(r.h()));
                ys[i] = (int) py.applyAsDouble(Math.log10(Math.max(r.relError(), Math.pow(10, y0))));
                g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
            }
            g.drawPolyline(xs, ys, xs.length);
            if (text) {
                g.drawString(l.param().label(), w - right + 14, top + 20 + 18 * li);
            }
            li++;
        }
        // h^2 guide a decade above the first ladder's largest step
        if (!ladders.isEmpty() && !ladders.get(0).rungs().isEmpty()) {
            GradCheck.Rung r = ladders.get(0).rungs().get(0);
            double lx = Math.log10(r.h());
            double ly = Math.min(Math.log10(r.relError()) + 1, y1);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine((int) px.applyAsDouble(lx), (int) py.applyAsDouble(ly),
                    (int) px.applyAsDouble(x0), (int) py.applyAsDouble(ly - 2 * (lx - x0)));
            if (text) {
                g.drawString("slope 2", w - right + 14, top + 20 + 18 * li);
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ImageIO.write(img, "png", o);
            return o.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasFont(Graphics2D g) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.getFontMetrics().stringWidth("1e-6");
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
