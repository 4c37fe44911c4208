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
