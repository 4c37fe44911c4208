package org.nbparity.sim.render;

/**
 * Where upstream's progress meter prints its "N% done" lines (render.md 4.27, U3075-3080): at
 * pixel count {@code p} (rendered pixels finished so far) out of {@code total} when
 * {@code p % (total/20) == 0}, or in the first and last tenth when {@code p % (total/100) == 0}.
 * Callers print only when {@code total / 100 > 0}.
 */
final class ProgressMeter {
    private ProgressMeter() {
    }

    /** Whether upstream prints a line at pixel count {@code p}. */
    static boolean lineAt(long p, long total) {
        return p % (total / 20) == 0
                || ((10 * p < total || 10 * p > 9 * total) && (p % (total / 100) == 0));
    }

    /**
     * The first pixel count {@code >= from} at which {@link #lineAt} holds, found among the
     * multiples of the two steps instead of testing every pixel.
     */
    static long nextLine(long from, long total) {
        long every20 = total / 20;
        long every100 = total / 100;
        long p = from;
        while (true) {
            long m20 = (p + every20 - 1) / every20 * every20;
            long m100 = (p + every100 - 1) / every100 * every100;
            long candidate = Math.min(m20, m100);
            if (lineAt(candidate, total)) {
                return candidate;
            }
            p = candidate + 1;
        }
    }
}
