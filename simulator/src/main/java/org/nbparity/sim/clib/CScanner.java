package org.nbparity.sim.clib;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal C {@code fscanf} over a byte string for the {@code %lg} and {@code %d} conversions
 * upstream uses to read HKL text (setup.md S23): each conversion skips white space, then reads
 * the longest numeric prefix, and the next one starts right after it (not at a token boundary).
 *
 * <p>The scanner works on the file's bytes (ISO-8859-1: one char per byte) and the primitive
 * {@link #readDouble()} / {@link #readInt()} allocate nothing per value: a 64 000-line HKL file is
 * scanned while the JVM is still cold, so per-token substrings and boxes were most of its cost.
 */
public final class CScanner {
    private static final Pattern DOUBLE = Pattern.compile(
            "[+-]?(?:0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?"
                    + "|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                    + "|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])");
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");

    /** 10^0..10^22: exactly representable as doubles (Clinger's fast path). */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1.0;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10.0;
        }
    }

    private final byte[] s;
    private final int n;
    private int pos;
    /** The value of the last successful {@link #readDouble()}. */
    private double lastDouble;
    /** The value of the last successful {@link #readInt()}. */
    private int lastInt;

    public CScanner(String s) {
        this(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** @param bytes the text, one char per byte (ISO-8859-1); not copied */
    public CScanner(byte[] bytes) {
        this.s = bytes;
        this.n = bytes.length;
    }

    public void rewind() {
        pos = 0;
    }

    public void rewindTo(int p) {
        pos = p;
    }

    public int position() {
        return pos;
    }

    /** True when only white space is left. */
    public boolean atEnd() {
        skipSpace();
        return pos >= n;
    }

    private void skipSpace() {
        while (pos < n && isSpace(s[pos])) {
            pos++;
        }
    }

    public static boolean isSpace(char ch) {
        return ch == ' ' || (ch >= 0x09 && ch <= 0x0d);
    }

    private static boolean isSpace(byte ch) {
        return ch == ' ' || (ch >= 0x09 && ch <= 0x0d);
    }

    /** True when the next token (after white space) is a plain integer of 1-9 digits followed
     * by white space or the end: %lg and %d then read the same value and stop at the same byte. */
    public boolean nextIsPlainInt() {
        skipSpace();
        int d0 = afterSign(pos);
        int p = afterDigits(d0);
        return p > d0 && p - d0 <= 9 && (p == n || isSpace(s[p]));
    }

    /** Index after an optional '+' or '-' at p. */
    private int afterSign(int p) {
        return p < n && (s[p] == '+' || s[p] == '-') ? p + 1 : p;
    }

    /** Index after the decimal digits starting at p. */
    private int afterDigits(int p) {
        while (p < n && isDigit(s[p])) {
            p++;
        }
        return p;
    }

    /** %lg: the value, or null on a matching failure or end of input. */
    public Double nextDouble() {
        return readDouble() ? lastDouble : null;
    }

    /** %d: the value, or null on a matching failure or end of input. */
    public Integer nextInt() {
        return readInt() ? lastInt : null;
    }

    /** %lg into {@link #lastDouble}; false on a matching failure or end of input. */
    public boolean readDouble() {
        skipSpace();
        int end = plainDecimalEnd(pos);
        if (end > 0) {
            // plain decimal: same value as the regex + CNum.atof path (glibc strtod and Java's
            // parser are both correctly rounded); the sign is applied after, as CNum does
            int p = pos;
            boolean neg = s[p] == '-';
            if (s[p] == '+' || s[p] == '-') {
                p++;
            }
            double v = exactSmall(p, end);
            if (Double.isNaN(v)) {
                v = Double.parseDouble(new String(s, p, end - p, StandardCharsets.ISO_8859_1));
            }
            pos = end;
            lastDouble = neg ? -v : v;
            return true;
        }
        Matcher m = DOUBLE.matcher(chars());
        m.region(pos, n);
        if (!m.lookingAt()) {
            return false;
        }
        pos = m.end();
        lastDouble = CNum.atof(m.group());
        return true;
    }

    /**
     * The unsigned plain decimal in {@code [p, end)} when at most 15 significant digits and a
     * decimal exponent within +-22 make it exact by one IEEE multiplication or division of two
     * exactly representable numbers (Clinger's fast path, also used by Java's and glibc's
     * parsers), which is then the correctly rounded value; NaN when the token needs the full parser.
     */
    private double exactSmall(int p, int end) {
        long m = 0;
        int sig = 0;
        int frac = 0;
        boolean inFrac = false;
        int i = p;
        for (; i < end; i++) {
            byte c = s[i];
            if (c == '.') {
                inFrac = true;
                continue;
            }
            if (!isDigit(c)) {
                break; // 'e' or 'E'
            }
            if (inFrac) {
                frac++;
            }
            if (m == 0 && c == '0') {
                continue; // leading zeros are not significant
            }
            if (++sig > 15) {
                return Double.NaN;
            }
            m = m * 10 + (c - '0');
        }
        int exp = 0;
        if (i < end) {
            int e = i + 1;
            boolean eneg = s[e] == '-';
            if (s[e] == '+' || s[e] == '-') {
                e++;
            }
            if (end - e > 4) {
                return Double.NaN;
            }
            for (; e < end; e++) {
                exp = exp * 10 + (s[e] - '0');
            }
            if (eneg) {
                exp = -exp;
            }
        }
        if (m == 0) {
            return 0.0;
        }
        int e10 = exp - frac;
        if (e10 >= 0 && e10 < POW10.length) {
            return m * POW10[e10];
        }
        if (e10 < 0 && -e10 < POW10.length) {
            return m / POW10[-e10];
        }
        return Double.NaN;
    }

    /** %d into {@link #lastInt}; false on a matching failure or end of input. */
    public boolean readInt() {
        skipSpace();
        int d0 = afterSign(pos);
        int p = afterDigits(d0);
        if (p == d0) {
            return false;
        }
        // fast path of CNum.atoi on the token [+-]?[0-9]+ (same accumulation and wrap)
        boolean neg = s[pos] == '-';
        long v = 0;
        for (int i = d0; i < p && v < (1L << 40); i++) {
            v = v * 10 + (s[i] - '0');
        }
        pos = p;
        lastInt = (int) (neg ? -v : v);
        return true;
    }

    /**
     * End of the %lg token at p if it is a plain decimal ([+-]? digits [. digits] [e[+-]digits],
     * at least one mantissa digit, not hex/inf/nan), else -1 (the regex path decides).
     */
    private int plainDecimalEnd(int p) {
        int i1 = afterSign(p);
        p = afterDigits(i1);
        int intDigits = p - i1;
        if (intDigits == 1 && p < n && (s[p] == 'x' || s[p] == 'X') && s[i1] == '0') {
            return -1;
        }
        int fracDigits = 0;
        if (p < n && s[p] == '.') {
            int f0 = p + 1;
            p = afterDigits(f0);
            fracDigits = p - f0;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return -1;
        }
        if (p < n && (s[p] == 'e' || s[p] == 'E')) {
            int e0 = afterSign(p + 1);
            int e = afterDigits(e0);
            if (e > e0) {
                p = e;
            }
        }
        return p;
    }

    /** The bytes as chars for the regex paths, without copying the text. */
    private CharSequence chars() {
        return new CharSequence() {
            @Override
            public int length() {
                return n;
            }

            @Override
            public char charAt(int i) {
                return at(i);
            }

            @Override
            public CharSequence subSequence(int from, int to) {
                return new String(s, from, to - from, StandardCharsets.ISO_8859_1);
            }

            @Override
            public String toString() {
                return new String(s, 0, n, StandardCharsets.ISO_8859_1);
            }
        };
    }

    private char at(int i) {
        return (char) (s[i] & 0xff);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** %d by the regex (kept for reference; {@link #nextInt()} scans by hand with the same result). */
    public Integer nextIntRegex() {
        skipSpace();
        Matcher m = INT.matcher(chars());
        m.region(pos, n);
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        return CNum.atoi(m.group());
    }

    /** 1-based line number of the current position. */
    public int line() {
        int lines = 1;
        for (int i = 0; i < pos && i < n; i++) {
            if (s[i] == '\n') lines++;
        }
        return lines;
    }

    /** The value of the last successful {@link #readDouble()}. */
    public double lastDouble() {
        return lastDouble;
    }

    /** The value of the last successful {@link #readInt()}. */
    public int lastInt() {
        return lastInt;
    }
}
