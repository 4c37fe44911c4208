package org.nbparity.harness.metrics;

/**
 * A rectangular region of an image in pixel indices, bounds inclusive.
 *
 * @param name    "full" or "roi" (or any label)
 * @param slowMin first row
 * @param slowMax last row
 * @param fastMin first column
 * @param fastMax last column
 */
public record Window(String name, int slowMin, int slowMax, int fastMin, int fastMax) {
    /** The whole image. */
    public static Window full(ImageShape s) {
        return new Window("full", 0, s.slow() - 1, 0, s.fast() - 1);
    }

    /**
     * Upstream's -roi xmin xmax ymin ymax (fast then slow, inclusive; render.md 4.1) clipped to the
     * image, since the default bounds lie one past the last index.
     */
    public static Window fromRoi(int xmin, int xmax, int ymin, int ymax, ImageShape s) {
        return new Window("roi", Math.max(0, ymin), Math.min(s.slow() - 1, ymax), Math.max(0, xmin),
                Math.min(s.fast() - 1, xmax));
    }

    /**
     * The ROI an argv gives with upstream's {@code -roi xmin xmax ymin ymax} (see
     * {@link #fromRoi}), or null when it has none or its values are not integers.
     */
    public static Window roiOf(java.util.List<String> argv, ImageShape shape) {
        for (int i = 0; i + 4 < argv.size(); i++) {
            if (argv.get(i).equals("-roi")) {
                try {
                    return fromRoi(Integer.parseInt(argv.get(i + 1)), Integer.parseInt(argv.get(i + 2)),
                            Integer.parseInt(argv.get(i + 3)), Integer.parseInt(argv.get(i + 4)), shape);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Number of pixels (0 when empty). */
    public int pixels() {
        return Math.max(0, slowMax - slowMin + 1) * Math.max(0, fastMax - fastMin + 1);
    }
}
