package org.nbparity.harness.trace;

/**
 * How precisely a trace value was printed. Protocol 1 prints doubles with 17 significant digits
 * (exact round trip); the golden TRACE_C dialect uses %.15g and upstream's printout %g, %15.10g
 * and %f, which lose digits. The comparison widens its window by the printing uncertainty.
 *
 * @param kind   exact, significant digits (%g) or digits after the point (%f)
 * @param digits the number of digits for the latter two
 * @param scale  factor applied to the printed value when mapping units (1 if none); the
 *               uncertainty is scaled with it and one extra ulp allowed for the multiplication
 */
public record Precision(Kind kind, int digits, double scale) {
    /** Kinds of printing precision. */
    public enum Kind {
        /** Round-trips exactly (%.17g, hex, integers). */
        EXACT,
        /** %.Ng: N significant digits. */
        SIGNIFICANT,
        /** %.Nf: N digits after the decimal point. */
        DECIMALS
    }

    /** Exact round trip. */
    public static final Precision EXACT = new Precision(Kind.EXACT, 17, 1.0);

    /** %.Ng. */
    public static Precision significant(int n) {
        return new Precision(Kind.SIGNIFICANT, n, 1.0);
    }

    /** %.Nf. */
    public static Precision decimals(int n) {
        return new Precision(Kind.DECIMALS, n, 1.0);
    }

    /** The same precision after a unit conversion by {@code factor}. */
    public Precision scaled(double factor) {
        return new Precision(kind, digits, scale * factor);
    }

    /**
     * The C format that printed the value ({@code %.Ng} or {@code %.Nf}), or null when the
     * value round-trips or was converted to other units (then no textual comparison is possible).
     */
    public String cFormat() {
        if (scale != 1.0) {
            return null;
        }
        return switch (kind) {
            case SIGNIFICANT -> "%." + digits + "g";
            case DECIMALS -> "%." + digits + "f";
            default -> null;
        };
    }

    /** True when the printed value round-trips the binary64 exactly. */
    public boolean exact() {
        return kind == Kind.EXACT && scale == 1.0;
    }

    /**
     * Half a unit of the last printed digit around {@code value} (already in mapped units): the
     * largest distance between the printed and the true binary64 value.
     */
    public double uncertainty(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || exact()) {
            return 0.0;
        }
        double v = Math.abs(value / scale);
        double half;
        switch (kind) {
            case SIGNIFICANT -> {
                if (v == 0.0) {
                    return 0.0;
                }
                int e = (int) Math.floor(Math.log10(v));
                if (Math.pow(10.0, e + 1) <= v) {
                    e++;
                } else if (Math.pow(10.0, e) > v) {
                    e--;
                }
                half = 0.5 * Math.pow(10.0, e + 1 - digits) * (1 + 1e-9);
            }
            case DECIMALS -> half = 0.5 * Math.pow(10.0, -digits) * 1.0000001;
            default -> half = 0.0;
        }
        // plus one ulp: the printed decimal was itself rounded to a double when parsed
        double u = half * Math.abs(scale) + Math.ulp(value);
        return scale == 1.0 ? u : u + 2 * Math.ulp(value);
    }
}
