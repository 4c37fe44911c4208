package org.nbparity.sim.clib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written %lg / %d scanners give the same values and positions as the regex path. */
class CScannerFastPathTest {
    private static final String[] TOKENS = {
        "1", "-1", "+1", "0", "-0", "00", "007", "1.", ".5", "-.5", "1.5e3", "1.5E-3", "2e", "2e+",
        "3e-x", "1.e5", "12345678901234567890", "-2147483649", "99999999999999999999999",
        "0x1p3", "0X.8", "-0x10", "0xg", "inf", "-Infinity", "nan", "1.7976931348623157e308",
        "4.9e-324", "2.4703282292062327e-324", "123.456789012345678901234", ".", "-", "+.", "e5",
    };

    @Test
    void doublesMatchRegexPath() {
        for (String t : TOKENS) {
            for (String tail : new String[] {"", " 7", "x", "\n3"}) {
                CScanner fast = new CScanner("  " + t + tail);
                Double got = fast.nextDouble();
                Double want = regexDouble("  " + t + tail);
                if (want == null) {
                    assertNull(got, t);
                } else {
                    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), t + tail);
                }
            }
        }
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            String t = String.format("%s%d.%0" + (1 + r.nextInt(8)) + "de%d", r.nextBoolean() ? "-" : "",
                    r.nextInt(100000), r.nextInt(1000), r.nextInt(40) - 20);
            assertEquals(Double.doubleToRawLongBits(regexDouble(t)),
                    Double.doubleToRawLongBits(new CScanner(t).nextDouble()), t);
        }
    }

    /** Around the exact fast path's limits: 14-17 significant digits, decimal exponents near +-22. */
    @Test
    void longMantissasAndExponentsMatchRegexPath() {
        Random r = new Random(3);
        for (int i = 0; i < 50000; i++) {
            StringBuilder t = new StringBuilder(r.nextBoolean() ? "-" : "");
            int digits = 1 + r.nextInt(18);
            int point = r.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    t.append('.');
                }
                t.append((char) ('0' + (d == 0 && r.nextInt(4) == 0 ? 0 : r.nextInt(10))));
            }
            if (r.nextBoolean()) {
                t.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(60) - 30);
            }
            String token = t.toString();
            CScanner sc = new CScanner(token + " 1");
            assertEquals(Double.doubleToRawLongBits(regexDouble(token)),
                    Double.doubleToRawLongBits(sc.nextDouble()), token);
            assertEquals(token.length(), sc.position(), token);
        }
    }

    @Test
    void intsMatchAtoi() {
        for (String t : TOKENS) {
            CScanner fast = new CScanner(" " + t);
            Integer got = fast.nextInt();
            Integer want = new CScanner(" " + t).nextIntRegex();
            assertEquals(want, got, t);
        }
    }

    /** Reference: the longest strtod prefix through CNum.atof, null if none. */
    private static Double regexDouble(String s) {
        String trimmed = s.stripLeading();
        if (!CNum.isNumber(trimmed) && CNum.atof(trimmed) == 0.0 && !startsNumeric(trimmed)) {
            return null;
        }
        return CNum.atof(trimmed);
    }

    private static boolean startsNumeric(String t) {
        return java.util.regex.Pattern.compile("^[+-]?(?:[0-9]|\\.[0-9]|[iI][nN][fF]|[nN][aA][nN])").matcher(t).find();
    }
}
