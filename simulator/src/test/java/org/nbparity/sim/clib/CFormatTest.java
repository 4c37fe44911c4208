package org.nbparity.sim.clib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CFormatTest {
    @Test
    void percentGMatchesGlibc() {
        assertEquals("0", CFormat.g(0.0));
        assertEquals("-0", CFormat.g(-0.0));
        assertEquals("100", CFormat.g(100.0));
        assertEquals("1e+06", CFormat.g(1e6));
        assertEquals("123456", CFormat.g(123456.5));
        assertEquals("123458", CFormat.g(123457.5));
        assertEquals("1.23457e+06", CFormat.g(1234567.0));
        assertEquals("0.0001", CFormat.g(1e-4));
        assertEquals("1e-05", CFormat.g(1e-5));
        assertEquals("2.5", CFormat.g(2.5));
        assertEquals("inf", CFormat.g(Double.POSITIVE_INFINITY));
        assertEquals("-nan", CFormat.g(Double.longBitsToDouble(0xfff8000000000000L)));
        assertEquals("1.2589e+29", CFormat.g(125890000000000000000000000000.0));
        assertEquals("0.10000000000000001", CFormat.g17(0.1));
        assertEquals("7.9407924801896496e-30", CFormat.g17(7.94079248018965e-30));
    }

    @Test
    void tiesRoundToEvenOnExactBinaryValue() {
        assertEquals("0", CFormat.sprintf("%.0f", 0.5));
        assertEquals("2", CFormat.sprintf("%.0f", 2.5));
        assertEquals("4", CFormat.sprintf("%.0f", 3.5));
        // 0.125 is exact: ties-to-even at 2 decimals gives 0.12
        assertEquals("0.12", CFormat.sprintf("%.2f", 0.125));
        // 2.675 is really 2.67499999..., so it rounds down
        assertEquals("2.67", CFormat.sprintf("%.2f", 2.675));
    }

    @Test
    void widthsFlagsAndIntegers() {
        assertEquals("   1.234567891", CFormat.sprintf("%15.10g", 1.2345678912).substring(1));
        assertEquals("  12", CFormat.sprintf("%4d", 12));
        assertEquals("a           b", CFormat.sprintf("%-10s  %s", "a", "b"));
        assertEquals("70.00000000", CFormat.sprintf("%11.8f", 70.0));
        assertEquals("50% done\n", CFormat.sprintf("%lu%% done\n", 50L));
        assertEquals("3.000000", CFormat.sprintf("%f", 3.0));
        assertEquals("1.500000e+00", CFormat.sprintf("%e", 1.5));
    }
}
