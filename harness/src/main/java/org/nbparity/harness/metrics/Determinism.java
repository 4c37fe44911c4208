package org.nbparity.harness.metrics;

import org.nbparity.harness.trace.Ulp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pure comparison code for determinism probes. */
public final class Determinism {
    private Determinism() {
    }

    /**
     * Compares every image with the first one (iteration order of {@code runs}, so pass a
     * LinkedHashMap), bit for bit.
     */
    public static DeterminismResult compare(Map<String, FloatImage> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a determinism probe needs at least two images");
        }
        var it = runs.entrySet().iterator();
        var base = it.next();
        FloatImage a = base.getValue();
        List<DeterminismResult.Run> out = new ArrayList<>();
        boolean all = true;
        while (it.hasNext()) {
            var e = it.next();
            FloatImage b = e.getValue();
            if (!a.shape().equals(b.shape())) {
                throw new IllegalArgumentException("determinism probe: " + e.getKey() + " has shape " + b.shape()
                        + ", " + base.getKey() + " has " + a.shape());
            }
            long diff = 0;
            long maxU = 0;
            List<PixelDiff> first = new ArrayList<>();
            int fast = a.shape().fast();
            for (int p = 0; p < a.data().length; p++) {
                float x = a.data()[p];
                float y = b.data()[p];
                if (Float.floatToRawIntBits(x) != Float.floatToRawIntBits(y)) {
                    diff++;
                    long u = Ulp.distance(x, y);
                    maxU = Math.max(maxU, u);
                    if (first.size() < 20) {
                        first.add(new PixelDiff(p / fast, p % fast, x, y, Math.abs((double) y - x), u));
                    }
                }
            }
            all &= diff == 0;
            out.add(new DeterminismResult.Run(e.getKey(), diff, maxU, first));
        }
        return new DeterminismResult("nbparity-determinism", 1, base.getKey(), out, all);
    }
}
