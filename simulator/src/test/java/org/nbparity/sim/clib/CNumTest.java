package org.nbparity.sim.clib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** C atof/atoi semantics (cli-flags.md P7) and the project's strict number check. */
class CNumTest {
    @Test
    void atoiTakesTheIntegerPrefix() {
        assertEquals(2, CNum.atoi("2.7"));
        assertEquals(1, CNum.atoi("1e3"));
        assertEquals(-5, CNum.atoi("  -5x"));
        assertEquals(0, CNum.atoi("abc"));
        assertEquals(7, CNum.atoi("+7"));
    }

    @Test
    void toIntIsTheX86Conversion() {
        assertEquals(2, CNum.toInt(2.9));
        assertEquals(-2, CNum.toInt(-2.9));
        assertEquals(Integer.MAX_VALUE, CNum.toInt(2147483647.0));
        assertEquals(Integer.MIN_VALUE, CNum.toInt(-2147483648.0));
        // out of range and NaN: the "integer indefinite" INT_MIN, where a Java cast saturates
        assertEquals(Integer.MIN_VALUE, CNum.toInt(2147483648.0));
        assertEquals(Integer.MIN_VALUE, CNum.toInt(Double.POSITIVE_INFINITY));
        assertEquals(Integer.MIN_VALUE, CNum.toInt(Double.NEGATIVE_INFINITY));
        assertEquals(Integer.MIN_VALUE, CNum.toInt(Double.NaN));
    }

    @Test
    void atofTakesTheNumericPrefix() {
        assertEquals(100.0, CNum.atof("100mm"));
        assertEquals(0.0, CNum.atof("x1"));
        assertEquals(16.0, CNum.atof("0x10"));
        assertEquals(1.5, CNum.atof("1.5e"));
        assertEquals(-0.25, CNum.atof(" -.25"));
        assertEquals(Double.POSITIVE_INFINITY, CNum.atof("inf"));
        assertTrue(Double.isNaN(CNum.atof("nan")));
        assertEquals(1e-10, CNum.atof("1e-10"));
    }

    @Test
    void strictCheckRequiresTheWholeToken() {
        assertTrue(CNum.isNumber("1.2"));
        assertTrue(CNum.isNumber("-3"));
        assertTrue(CNum.isNumber("1e5"));
        assertTrue(CNum.isNumber(".5"));
        assertFalse(CNum.isNumber("1.2x"));
        assertFalse(CNum.isNumber("1.5e"));
        assertFalse(CNum.isNumber(""));
        assertFalse(CNum.isNumber("-mosaic"));
        assertFalse(CNum.isNumber("1d"));
    }
}
