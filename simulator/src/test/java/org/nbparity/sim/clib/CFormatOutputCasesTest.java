package org.nbparity.sim.clib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The C formatting corner cases the writers rely on; expected strings were printed by glibc
 * printf (gcc 12, x86-64) for the same double values.
 */
class CFormatOutputCasesTest {
    @Test
    void gAsUsedInHeadersAndStatistics() {
        assertEquals("3.61795", CFormat.sprintf("%lg", 250.0 / (5.0 * 13.82)));
        assertEquals("6.96305e+09", CFormat.g(6963050000.5));
        assertEquals("7.89884e-06", CFormat.g(7.898845e-06));
        assertEquals("0.00285185", CFormat.g(0.00285185));
        assertEquals("1", CFormat.g(1.0000005));
        assertEquals("10", CFormat.g(9.9999995));
        assertEquals("1e+06", CFormat.g(999999.5));
        assertEquals("6.125e-05", CFormat.g(6.125e-5));
        assertEquals("100", CFormat.g(100.00005));
        // the DENZO_X_BEAM -0 quirk: (-0.0 - 0.0*px)*1000 keeps the sign, (-0.0 + 0.0*px) loses it
        assertEquals("-0", CFormat.g((-0.0 - 0.0 * 1e-4) * 1000.0));
        assertEquals("0", CFormat.g((-0.0 + 0.0 * 1e-4) * 1000.0));
    }

    @Test
    void noiseSumIsRoundedHalfEven() {
        assertEquals("37016", CFormat.sprintf("%.0f", 37016.5));
        assertEquals("37018", CFormat.sprintf("%.0f", 37017.5));
        assertEquals("100000000000000000000", CFormat.sprintf("%.0f", 1e20));
    }

    @Test
    void stringsAndUnsignedArgumentsAsTheWritersPassThem() {
        assertEquals("writing out/int.img as 2-byte integers\n",
                CFormat.sprintf("writing %s as %lu-byte integers\n", Path.of("out/int.img"), 2));
        assertEquals("writing f.bin as 16384 4-byte floats\n",
                CFormat.sprintf("writing %s as %d %lu-byte floats\n", Path.of("f.bin"), 16384, 4));
        assertEquals("12 photons on noise image (3 overloads)\n",
                CFormat.sprintf("%.0f photons on noise image (%d overloads)\n", 12.0, 3));
    }
}
