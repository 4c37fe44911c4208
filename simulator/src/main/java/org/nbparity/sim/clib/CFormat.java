package org.nbparity.sim.clib;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C {@code printf} number formatting as glibc does it (io-rng.md section 12), so stdout, SMV
 * headers and traces are byte-identical to upstream. Java's {@link java.util.Formatter} rounds
 * half-up from a shortest decimal string and formats {@code %g} differently; glibc rounds the
 * exact binary value with ties-to-even.
 *
 * <p>{@link #sprintf(String, Object...)} accepts C format strings verbatim: conversions
 * {@code d i u ld lu li f lf e le g lg s c %}, flags {@code - + space 0 #}, width and precision
 * (also {@code *}). Integers may be passed as any {@link Number}.
 */
public final class CFormat {
    private CFormat() {
    }

    /** {@code printf(fmt, args...)} into a String. */
    public static String sprintf(String fmt, Object... args) {
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int ai = 0;
        int n = fmt.length();
        for (int i = 0; i < n; i++) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            i++;
            if (i >= n) {
                throw new IllegalArgumentException("dangling % in " + fmt);
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            boolean left = false, plus = false, space = false, zero = false, alt = false;
            for (; i < n; i++) {
                char f = fmt.charAt(i);
                if (f == '-') left = true;
                else if (f == '+') plus = true;
                else if (f == ' ') space = true;
                else if (f == '0') zero = true;
                else if (f == '#') alt = true;
                else break;
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                width = ((Number) args[ai++]).intValue();
                if (width < 0) {
                    left = true;
                    width = -width;
                }
                i++;
            } else {
                int s = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                if (i > s) width = Integer.parseInt(fmt.substring(s, i));
            }
            int prec = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    prec = ((Number) args[ai++]).intValue();
                    i++;
                } else {
                    int s = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                    prec = i > s ? Integer.parseInt(fmt.substring(s, i)) : 0;
                }
            }
            while (i < n && "lhLqjzt".indexOf(fmt.charAt(i)) >= 0) i++;
            if (i >= n) {
                throw new IllegalArgumentException("incomplete conversion in " + fmt);
            }
            char conv = fmt.charAt(i);
            String body;
            boolean numeric = true;
            switch (conv) {
                case 'd', 'i', 'u' -> {
                    long v = ((Number) args[ai++]).longValue();
                    String digits = Long.toString(Math.abs(v));
                    if (v == Long.MIN_VALUE) digits = "9223372036854775808";
                    if (prec >= 0) {
                        zero = false;
                        if (prec == 0 && v == 0) digits = "";
                        while (digits.length() < prec) digits = "0" + digits;
                    }
                    body = sign(v < 0, plus, space) + digits;
                }
                case 'f', 'F' -> body = fixed(toDouble(args[ai++]), prec < 0 ? 6 : prec, plus, space, alt);
                case 'e', 'E' -> body = exp(toDouble(args[ai++]), prec < 0 ? 6 : prec, plus, space, alt);
                case 'g', 'G' -> body = general(toDouble(args[ai++]), prec < 0 ? 6 : prec, plus, space, alt);
                case 's' -> {
                    numeric = false;
                    String s = String.valueOf(args[ai++]);
                    body = prec >= 0 && s.length() > prec ? s.substring(0, prec) : s;
                }
                case 'c' -> {
                    numeric = false;
                    Object a = args[ai++];
                    body = a instanceof Character c ? String.valueOf(c) : String.valueOf((char) ((Number) a).intValue());
                }
                default -> throw new IllegalArgumentException("unsupported conversion %" + conv + " in " + fmt);
            }
            if (conv == 'E' || conv == 'G') {
                body = body.toUpperCase(java.util.Locale.ROOT);
            }
            out.append(pad(body, width, left, zero && numeric && !left && isFinite(body)));
        }
        return out.toString();
    }

    /** C {@code %g} with precision 6. */
    public static String g(double v) {
        return general(v, 6, false, false, false);
    }

    /** C {@code %.Pg}. */
    public static String g(double v, int precision) {
        return general(v, precision, false, false, false);
    }

    /** C {@code %.17g}: the round-trip representation used by the trace protocol. */
    public static String g17(double v) {
        return general(v, 17, false, false, false);
    }

    /** C {@code %.Pf}. */
    public static String f(double v, int precision) {
        return fixed(v, precision, false, false, false);
    }

    private static double toDouble(Object o) {
        return ((Number) o).doubleValue();
    }

    private static boolean isFinite(String body) {
        return !(body.contains("inf") || body.contains("nan") || body.contains("INF") || body.contains("NAN"));
    }

    private static String sign(boolean negative, boolean plus, boolean space) {
        return negative ? "-" : plus ? "+" : space ? " " : "";
    }

    private static String special(double v, boolean plus, boolean space) {
        boolean neg = (Double.doubleToRawLongBits(v) < 0);
        if (Double.isNaN(v)) return sign(neg, plus, space) + "nan";
        return sign(neg, plus, space) + "inf";
    }

    private static String pad(String body, int width, boolean left, boolean zero) {
        if (width < 0 || body.length() >= width) return body;
        int fill = width - body.length();
        if (left) return body + " ".repeat(fill);
        if (zero) {
            int signLen = (!body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0) ? 1 : 0;
            return body.substring(0, signLen) + "0".repeat(fill) + body.substring(signLen);
        }
        return " ".repeat(fill) + body;
    }

    static String fixed(double v, int prec, boolean plus, boolean space, boolean alt) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return special(v, plus, space);
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        BigDecimal bd = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN);
        String s = bd.toPlainString();
        if (alt && prec == 0) s += ".";
        return sign(neg, plus, space) + s;
    }

    static String exp(double v, int prec, boolean plus, boolean space, boolean alt) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return special(v, plus, space);
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        double a = Math.abs(v);
        String mant;
        int x;
        if (a == 0) {
            mant = prec > 0 ? "0." + "0".repeat(prec) : "0";
            x = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            x = r.precision() - r.scale() - 1;
            String digits = r.unscaledValue().toString();
            while (digits.length() < prec + 1) digits += "0";
            digits = digits.substring(0, prec + 1);
            mant = prec > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits.substring(0, 1);
        }
        if (alt && prec == 0) mant += ".";
        return sign(neg, plus, space) + mant + expSuffix(x);
    }

    private static String expSuffix(int x) {
        String e = Integer.toString(Math.abs(x));
        if (e.length() < 2) e = "0" + e;
        return "e" + (x < 0 ? "-" : "+") + e;
    }

    static String general(double v, int prec, boolean plus, boolean space, boolean alt) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return special(v, plus, space);
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        int p = prec == 0 ? 1 : prec;
        double a = Math.abs(v);
        int x;
        BigDecimal r = null;
        if (a == 0) {
            x = 0;
        } else {
            r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
            x = r.precision() - r.scale() - 1;
        }
        String s;
        if (x >= -4 && x < p) {
            int decimals = p - 1 - x;
            s = a == 0 ? (decimals > 0 ? "0." + "0".repeat(decimals) : "0")
                    : r.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            if (!alt) s = stripZeros(s);
        } else {
            String digits = r.unscaledValue().toString();
            while (digits.length() < p) digits += "0";
            digits = digits.substring(0, p);
            String mant = p > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            if (!alt) mant = stripZeros(mant);
            s = mant + expSuffix(x);
        }
        return sign(neg, plus, space) + s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') end--;
        if (end > 0 && s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
