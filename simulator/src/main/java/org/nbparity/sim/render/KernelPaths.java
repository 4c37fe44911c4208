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
 * @param sourcesPerBatch sources per batch: 0 = chosen by size (auto), else at most this many
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

    /** Sources per batch for nsrc sources of perSource (phi x mosaic) evaluations each. */
    int sourcesPerBatch(int nsrc, int perSource) {
        if (sourcesPerBatch > 0) {
            return Math.min(sourcesPerBatch, nsrc);
        }
        // few evaluations per source (e.g. divergence and dispersion with one phi step): all
        // sources of a subpixel in one batch, so that the SIMD lanes stay filled
        return 3 * perSource < 48 && (long) nsrc * perSource <= 4096 ? nsrc : 1;
    }
}
