package org.nbparity.sim.render;

/**
 * Which fast paths the render may take instead of the reference kernel ({@link PixelKernel}).
 * Every fast path computes bitwise what the reference computes; this switch exists so that the
 * contract test ({@code FastPathContractTest}) can force each one on where it applies, or all of
 * them off, and compare. System property {@code nb.kernel.paths} selects one for a whole run
 * ({@code auto} when unset); only speed depends on it.
 *
 * @param batch     {@link LatticeBatch} may render a subpixel's sources (SQUARE crystals, no
 *                  trace, interpolation off, no per-subpixel factors)
 * @param sourcesPerBatch source iterations per batch (they may span subpixels and layers): 0 =
 *                  chosen by size (auto), else at most this many
 * @param simd      null = the sines on SIMD lanes once the warm-up says they are compiled (auto);
 *                  TRUE / FALSE = always / never
 */
record KernelPaths(boolean batch, int sourcesPerBatch, Boolean simd) {
    /** The choice of a normal run. */
    static final KernelPaths AUTO = new KernelPaths(true, 0, null);
    /** The reference kernel alone. */
    static final KernelPaths REFERENCE = new KernelPaths(false, 0, Boolean.FALSE);

    /** From {@code nb.kernel.paths}: auto, reference, or batch:N[:simd|:scalar]. */
    static KernelPaths fromSystemProperty() {
        return parse(System.getProperty("nb.kernel.paths", "auto"));
    }

    static KernelPaths parse(String s) {
        if (s.equals("auto")) {
            return AUTO;
        }
        if (s.equals("reference")) {
            return REFERENCE;
        }
        String[] p = s.split(":");
        if (p.length >= 2 && p[0].equals("batch")) {
            Boolean simd = p.length < 3 ? null : Boolean.valueOf(p[2].equals("simd"));
            return new KernelPaths(true, Integer.parseInt(p[1]), simd);
        }
        throw new IllegalArgumentException("nb.kernel.paths: expected auto, reference or batch:N[:simd|:scalar], got " + s);
    }

    /**
     * Source iterations per batch when a pixel has {@code iterations} of them (layers x
     * subpixels x sources) of {@code perSource} (phi x mosaic) evaluations each.
     */
    int sourcesPerBatch(int iterations, int perSource) {
        if (sourcesPerBatch > 0) {
            return Math.min(sourcesPerBatch, Math.max(1, iterations));
        }
        // the whole pixel in one batch when it fits in 4096 evaluations (few padding lanes, one
        // pass per pixel), else as many source iterations as fit
        return (int) Math.max(1, Math.min(iterations, 4096 / Math.max(1, perSource)));
    }
}
