package org.nbparity.sim.render;

/**
 * What {@code -printout} shows of a pixel (render.md 4.26, quirk 21), kept in one place: upstream
 * prints variables that the loop leaves behind, so a block shows the values of the last mosaic
 * iteration and the last F_cell its thread evaluated, possibly in an earlier pixel, next to the
 * pixel's own end values. The reference kernel and every fast path report through
 * {@link #mosaic} and {@link #fcell}; {@link #pixelEnd} records the rest; {@link Renderer} turns a
 * snapshot into a {@link Printout} and fills the carried values in from earlier chunks.
 */
final class LastValues {
    /**
     * The values of the last mosaic iteration a thread executed.
     *
     * @param ob offset of that iteration's orientation in RenderInputs.orient, or -1 for a0/b0/c0
     */
    record Mosaic(double h, double k, double l, int h0, int k0, int l0, double flatt, int ob) {
        /** Upstream's values at region entry, before any mosaic iteration. */
        static final Mosaic ENTRY = new Mosaic(0, 0, 0, 0, 0, 0, 0, -1);
    }

    /** What a -printout block needs from the end of one pixel. */
    static final class Printout {
        int fpixel;
        int spixel;
        double stol;
        double p1;
        double p2;
        double p3;
        /** last mosaic iteration executed by the pixel's thread, or null: carried from earlier */
        Mosaic mos;
        boolean fcellKnown;
        double fcell;
        double i;
        double polar;
        double omega;
        double capture;
        float pixel;
    }

    private boolean mosaicKnown;
    private double h;
    private double k;
    private double l;
    private int h0;
    private int k0;
    private int l0;
    private double flatt;
    private int ob = -1;
    private boolean fcellKnown;
    private double fcell;
    /** The last source iteration's scattering vector: its stol is computed only for a printout. */
    private double q1;
    private double q2;
    private double q3;
    private double p1;
    private double p2;
    private double p3;
    private double intensity;
    private double polar;
    private double omega;
    private double capture;
    private float pixel;

    /** Region entry of an upstream thread: nothing executed yet. */
    void reset() {
        mosaicKnown = false;
        fcellKnown = false;
        ob = -1;
    }

    /** A mosaic iteration ran (render.md 4.18-4.19): its indices and lattice factor. */
    void mosaic(double h, double k, double l, int h0, int k0, int l0, double flatt, int ob) {
        this.mosaicKnown = true;
        this.h = h;
        this.k = k;
        this.l = l;
        this.h0 = h0;
        this.k0 = k0;
        this.l0 = l0;
        this.flatt = flatt;
        this.ob = ob;
    }

    /** F_cell was evaluated (render.md 4.22). */
    void fcell(double f) {
        fcellKnown = true;
        fcell = f;
    }

    /** The end-of-pixel values (render.md 4.24). */
    void pixelEnd(double[] scattering, double[] pos, double intensity, double polar, double omega, double capture,
                  float pixel) {
        this.q1 = scattering[0];
        this.q2 = scattering[1];
        this.q3 = scattering[2];
        this.p1 = pos[0];
        this.p2 = pos[1];
        this.p3 = pos[2];
        this.intensity = intensity;
        this.polar = polar;
        this.omega = omega;
        this.capture = capture;
        this.pixel = pixel;
    }

    /** The last mosaic iteration of this thread, or null if it has executed none yet. */
    Mosaic mosaicOrNull() {
        return mosaicKnown ? new Mosaic(h, k, l, h0, k0, l0, flatt, ob) : null;
    }

    boolean fcellKnown() {
        return fcellKnown;
    }

    double fcell() {
        return fcell;
    }

    /** The -printout record of the pixel just rendered. */
    Printout printout(int fpixel, int spixel) {
        Printout p = new Printout();
        p.fpixel = fpixel;
        p.spixel = spixel;
        p.stol = RenderInputs.stol(q1, q2, q3);
        p.p1 = p1;
        p.p2 = p2;
        p.p3 = p3;
        p.mos = mosaicOrNull();
        p.fcellKnown = fcellKnown;
        p.fcell = fcell;
        p.i = intensity;
        p.polar = polar;
        p.omega = omega;
        p.capture = capture;
        p.pixel = pixel;
        return p;
    }
}
