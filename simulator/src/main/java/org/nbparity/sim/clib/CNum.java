package org.nbparity.sim.clib;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C number conversion as upstream uses it: {@code atof}/{@code atoi} (prefix parsing, trailing
 * junk ignored, no number = 0) plus the project's strict check that a flag value is a number.
 */
public final class CNum {
    private CNum() {
    }

    /** The longest prefix strtod accepts (after leading white space); group 1 is the number. */
    private static final Pattern STRTOD = Pattern.compile(
            "^[ \\t\\n\\x0B\\f\\r]*([+-]?(?:"
                    + "0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?"
                    + "|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                    + "|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?"
                    + "|[nN][aA][nN]))");
    private static final Pattern STRTOL = Pattern.compile("^[ \\t\\n\\x0B\\f\\r]*([+-]?[0-9]+)");

    /**
     * C's {@code (int)} of a double as x86-64 compiles it ({@code cvttsd2si}): truncation toward
     * zero; NaN and values outside the int range give INT_MIN, the "integer indefinite" (C leaves
     * it undefined; Java's cast would saturate to MAX_VALUE instead).
     */
    public static int toInt(double x) {
        return x > -2147483649.0 && x < 2147483648.0 ? (int) x : Integer.MIN_VALUE;
    }

    /** C {@code atof}: the value of the longest numeric prefix, 0.0 if there is none. */
    public static double atof(String s) {
        Matcher m = STRTOD.matcher(s);
        if (!m.find()) {
            return 0.0;
        }
        return parseC(m.group(1));
    }

    /** C {@code atoi}: the value of the longest integer prefix, 0 if none (wraps like a 32-bit int). */
    public static int atoi(String s) {
        Matcher m = STRTOL.matcher(s);
        if (!m.find()) {
            return 0;
        }
        String d = m.group(1);
        boolean neg = d.startsWith("-");
        String digits = d.replaceFirst("^[+-]", "");
        long v = 0;
        for (int i = 0; i < digits.length() && v < (1L << 40); i++) {
            v = v * 10 + (digits.charAt(i) - '0');
        }
        if (neg) {
            v = -v;
        }
        // strtol clamps to LONG range, then the int conversion keeps the low 32 bits
        return (int) v;
    }

    /** True when the whole string (minus surrounding white space) is one C number. */
    public static boolean isNumber(String s) {
        Matcher m = STRTOD.matcher(s);
        if (!m.find()) {
            return false;
        }
        return s.substring(m.end()).isBlank();
    }

    private static double parseC(String num) {
        String t = num;
        boolean neg = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String low = t.toLowerCase(java.util.Locale.ROOT);
        double v;
        if (low.startsWith("inf")) {
            v = Double.POSITIVE_INFINITY;
        } else if (low.startsWith("nan")) {
            v = Double.NaN;
        } else if (low.startsWith("0x")) {
            String h = low.substring(2);
            if (!h.contains("p")) {
                h = h + "p0";
            }
            if (h.startsWith(".")) {
                h = "0" + h;
            }
            v = Double.parseDouble("0x" + h);
        } else {
            v = Double.parseDouble(t);
        }
        return neg ? -v : v;
    }
}
