package org.nbparity.sim.crystal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nbparity.sim.config.CNum;

/**
 * A minimal C {@code fscanf} over a byte string for the {@code %lg} and {@code %d} conversions
 * upstream uses to read HKL text (setup.md S23): each conversion skips white space, then reads
 * the longest numeric prefix, and the next one starts right after it (not at a token boundary).
 */
final class CScanner {
    private static final Pattern DOUBLE = Pattern.compile(
            "[+-]?(?:0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?"
                    + "|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                    + "|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])");
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");

    private final String s;
    private int pos;

    CScanner(String s) {
        this.s = s;
    }

    void rewind() {
        pos = 0;
    }

    void rewindTo(int p) {
        pos = p;
    }

    int position() {
        return pos;
    }

    /** True when only white space is left. */
    boolean atEnd() {
        skipSpace();
        return pos >= s.length();
    }

    private void skipSpace() {
        while (pos < s.length() && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    static boolean isSpace(char ch) {
        return ch == ' ' || (ch >= 0x09 && ch <= 0x0d);
    }

    /** %lg: the value, or null on a matching failure or end of input. */
    Double nextDouble() {
        skipSpace();
        int end = plainDecimalEnd(pos);
        if (end > 0) {
            // fast path (same value as the regex + CNum.atof path): plain decimal, Java's parser
            // is correctly rounded like glibc strtod; the sign is applied after, as CNum does
            int p = pos;
            char c0 = s.charAt(p);
            boolean neg = c0 == '-';
            if (c0 == '+' || c0 == '-') {
                p++;
            }
            double v = Double.parseDouble(s.substring(p, end));
            pos = end;
            return neg ? -v : v;
        }
        Matcher m = DOUBLE.matcher(s);
        m.region(pos, s.length());
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        return CNum.atof(m.group());
    }

    /** %d: the value, or null on a matching failure or end of input. */
    Integer nextInt() {
        skipSpace();
        int p = pos;
        int n = s.length();
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int d0 = p;
        while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        if (p == d0) {
            return null;
        }
        // fast path of CNum.atoi on the token [+-]?[0-9]+ (same accumulation and wrap)
        boolean neg = s.charAt(pos) == '-';
        long v = 0;
        for (int i = d0; i < p && v < (1L << 40); i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        pos = p;
        return (int) (neg ? -v : v);
    }

    /**
     * End of the %lg token at p if it is a plain decimal ([+-]? digits [. digits] [e[+-]digits],
     * at least one mantissa digit, not hex/inf/nan), else -1 (the regex path decides).
     */
    private int plainDecimalEnd(int p) {
        int n = s.length();
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int i1 = p;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
        }
        int intDigits = p - i1;
        if (intDigits == 1 && p < n && (s.charAt(p) == 'x' || s.charAt(p) == 'X') && s.charAt(i1) == '0') {
            return -1;
        }
        int fracDigits = 0;
        if (p < n && s.charAt(p) == '.') {
            int f0 = ++p;
            while (p < n && isDigit(s.charAt(p))) {
                p++;
            }
            fracDigits = p - f0;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return -1;
        }
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            int e = p + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            int e0 = e;
            while (e < n && isDigit(s.charAt(e))) {
                e++;
            }
            if (e > e0) {
                p = e;
            }
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** %d by the regex (kept for reference; {@link #nextInt()} scans by hand with the same result). */
    Integer nextIntRegex() {
        skipSpace();
        Matcher m = INT.matcher(s);
        m.region(pos, s.length());
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        return CNum.atoi(m.group());
    }

    /** 1-based line number of the current position. */
    int line() {
        int n = 1;
        for (int i = 0; i < pos && i < s.length(); i++) {
            if (s.charAt(i) == '\n') n++;
        }
        return n;
    }
}
