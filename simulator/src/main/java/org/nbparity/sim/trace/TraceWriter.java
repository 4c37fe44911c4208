package org.nbparity.sim.trace;

import org.nbparity.sim.clib.CFormat;

/**
 * Writes trace protocol 1 lines ({@code TRACE_JAVA: <record> <values>}, trace-protocol.md) into
 * a buffer. Doubles are printed with C {@code %.17g} so that they round-trip; integers in
 * decimal; a float32 pixel additionally as its 8-hex-digit bit pattern.
 *
 * <p>Level filtering is done by the caller through {@link #wants(int...)}: at
 * {@link TraceLevel#PIXEL} only the first and last iteration of each loop level is printed.
 * A writer is used by one thread only.
 */
public final class TraceWriter {
    /** Line prefix of the Java implementation. */
    public static final String PREFIX = "TRACE_JAVA: ";
    /** Index names in protocol order: layer, subpixel slow, subpixel fast, source, phi, mosaic. */
    private static final String[] INDEX_NAMES = {"t", "sy", "sx", "src", "phi", "mos"};

    private final StringBuilder out = new StringBuilder();
    private final TraceLevel level;
    private final int[] counts;

    /**
     * @param level  size control
     * @param counts number of iterations of each loop level, in protocol index order
     *               (thicksteps, oversample, oversample, sources, phisteps, mosaic domains)
     */
    public TraceWriter(TraceLevel level, int... counts) {
        this.level = level;
        this.counts = counts.clone();
    }

    /** The first two lines of a trace: protocol version and the traced pixel. */
    public void header(int spixel, int fpixel) {
        line("trace_protocol", "1");
        line("pixel", spixel + " " + fpixel);
    }

    /** Whether per-pixel records are printed at all (not at level RUN). */
    public boolean pixelRecords() {
        return level != TraceLevel.RUN;
    }

    /**
     * Whether a record nested at the given loop indices is printed: always at LOOPS, only for the
     * first and last iteration of each level at PIXEL, never at RUN.
     */
    public boolean wants(int... idx) {
        if (level == TraceLevel.LOOPS) {
            return true;
        }
        if (level == TraceLevel.RUN) {
            return false;
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] != 0 && idx[i] != counts[i] - 1) {
                return false;
            }
        }
        return true;
    }

    /** Record name with its loop indices, e.g. {@code hkl_frac[t=0,sy=1,sx=0,src=0,phi=2,mos=0]}. */
    public static String name(String base, int... idx) {
        if (idx.length == 0) {
            return base;
        }
        StringBuilder b = new StringBuilder(base).append('[');
        for (int i = 0; i < idx.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(INDEX_NAMES[i]).append('=').append(idx[i]);
        }
        return b.append(']').toString();
    }

    /** A record of doubles. */
    public void d(String record, double... v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(CFormat.g17(v[i]));
        }
        line(record, b.toString());
    }

    /** A record of one double followed by a 0/1 "recomputed" flag. */
    public void dFlag(String record, double v, boolean recomputed) {
        line(record, CFormat.g17(v) + (recomputed ? " 1" : " 0"));
    }

    /** A record of integers. */
    public void i(String record, long... v) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(v[k]);
        }
        line(record, b.toString());
    }

    /** A float32 value: widened %.17g plus its 8-hex-digit bit pattern. */
    public void f32(String record, float v) {
        line(record, CFormat.g17(v) + " " + String.format("%08x", Float.floatToRawIntBits(v)));
    }

    /** A record with a free-text value (e.g. the mode label). */
    public void text(String record, String value) {
        line(record, value);
    }

    private void line(String record, String values) {
        out.append(PREFIX).append(record).append(' ').append(values).append('\n');
    }

    /** Everything written so far. */
    public String text() {
        return out.toString();
    }

    /** Appends another writer's text (used to keep run, pixel and end blocks in order). */
    public void append(String text) {
        out.append(text);
    }
}
