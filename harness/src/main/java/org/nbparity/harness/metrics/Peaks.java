package org.nbparity.harness.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Local maxima and their one-to-one matching between two images. */
public final class Peaks {
    private Peaks() {
    }

    /**
     * Local maxima of {@code img} inside {@code w} with value > {@code threshold}: a pixel is a peak
     * when it is >= its 8 neighbours and > those that come before it in raster order (so a flat
     * top counts once).
     */
    public static List<int[]> find(FloatImage img, Window w, double threshold) {
        List<int[]> out = new ArrayList<>();
        int fast = img.shape().fast();
        for (int s = w.slowMin(); s <= w.slowMax(); s++) {
            for (int f = w.fastMin(); f <= w.fastMax(); f++) {
                float v = img.data()[s * fast + f];
                if (!(v > threshold)) {
                    continue;
                }
                boolean peak = true;
                for (int ds = -1; ds <= 1 && peak; ds++) {
                    for (int df = -1; df <= 1 && peak; df++) {
                        int ss = s + ds;
                        int ff = f + df;
                        if ((ds == 0 && df == 0) || ss < w.slowMin() || ss > w.slowMax() || ff < w.fastMin() || ff > w.fastMax()) {
                            continue;
                        }
                        float u = img.data()[ss * fast + ff];
                        boolean before = ds < 0 || (ds == 0 && df < 0);
                        if (u > v || (before && u == v)) {
                            peak = false;
                        }
                    }
                }
                if (peak) {
                    out.add(new int[]{s, f});
                }
            }
        }
        return out;
    }

    /** Finds peaks in both images with the same absolute threshold and matches them greedily by distance. */
    public static PeakMatch match(FloatImage ref, FloatImage cand, Window w, double threshold, double radius) {
        List<int[]> a = find(ref, w, threshold);
        List<int[]> b = find(cand, w, threshold);
        List<double[]> pairs = new ArrayList<>();
        double r2 = radius * radius;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                double ds = b.get(j)[0] - a.get(i)[0];
                double df = b.get(j)[1] - a.get(i)[1];
                double d2 = ds * ds + df * df;
                if (d2 <= r2) {
                    pairs.add(new double[]{d2, i, j});
                }
            }
        }
        pairs.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]).thenComparingDouble(p -> p[2]));
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        int matched = 0;
        double sumS = 0;
        double sumF = 0;
        double sumD = 0;
        for (double[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (usedA[i] || usedB[j]) {
                continue;
            }
            usedA[i] = true;
            usedB[j] = true;
            matched++;
            sumS += b.get(j)[0] - a.get(i)[0];
            sumF += b.get(j)[1] - a.get(i)[1];
            sumD += Math.sqrt(p[0]);
        }
        List<String> un = new ArrayList<>();
        for (int i = 0; i < a.size() && un.size() < 20; i++) {
            if (!usedA[i]) {
                un.add("ref(" + a.get(i)[0] + "," + a.get(i)[1] + ")");
            }
        }
        for (int j = 0; j < b.size() && un.size() < 20; j++) {
            if (!usedB[j]) {
                un.add("cand(" + b.get(j)[0] + "," + b.get(j)[1] + ")");
            }
        }
        return new PeakMatch(threshold, radius, a.size(), b.size(), matched, a.size() - matched, b.size() - matched,
                matched == 0 ? Double.NaN : sumS / matched, matched == 0 ? Double.NaN : sumF / matched,
                matched == 0 ? Double.NaN : sumD / matched, un);
    }
}
