package org.nbparity.harness.trace;

/**
 * One printed value of a trace record.
 *
 * @param text  the token as printed (after unit mapping the text still shows the printed token)
 * @param value the numeric value in protocol units (a float32 bit pattern is widened to double)
 * @param bits  the bit pattern when the token is an 8-hex-digit float32 pattern, else null
 */
public record TraceValue(String text, double value, Integer bits) {

    /**
     * Parses one token: integer, %.17g double, nan/inf, hex float, an 8-hex-digit bit pattern
     * (always when {@code asBits} and the token is 8 hex digits), or else free text (e.g. the
     * {@code mode} label), kept as text with a NaN value.
     */
    public static TraceValue parse(String token, boolean asBits) {
        String t = token.trim();
        if ((asBits && t.matches("(0[xX])?[0-9a-fA-F]{8}")) || isHexBits(t)) {
            String h = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
            int b = Integer.parseUnsignedInt(h, 16);
            return new TraceValue(t, Float.intBitsToFloat(b), b);
        }
        try {
            return new TraceValue(t, parseDouble(t), null);
        } catch (NumberFormatException e) {
            if (t.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                return new TraceValue(t, Double.NaN, null); // text value
            }
            throw e;
        }
    }

    /** False for a free-text value. */
    public boolean numeric() {
        if (bits != null || !Double.isNaN(value)) {
            return true;
        }
        return text.toLowerCase().matches("[+-]?nan");
    }

    /** A C-printed double: accepts nan, -nan, inf, -inf, hex floats. */
    public static double parseDouble(String t) {
        String l = t.toLowerCase();
        switch (l) {
            case "nan", "-nan", "+nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        try {
            if (l.startsWith("0x") || l.startsWith("-0x") || l.startsWith("+0x")) {
                return Double.parseDouble(l.contains("p") ? l : l + "p0");
            }
            return Double.parseDouble(l);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a number: '" + t + "'");
        }
    }

    /**
     * An 8-hex-digit token with at least one letter a-f and no sign, point or exponent sign is a
     * bit pattern: a %.17g double always has a sign after its exponent letter.
     */
    static boolean isHexBits(String t) {
        String h = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
        if (h.length() != 8 || !h.matches("[0-9a-fA-F]{8}")) {
            return false;
        }
        return t.length() == 10 || h.matches(".*[a-fA-F].*");
    }
}
