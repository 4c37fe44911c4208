package org.nbparity.harness.metrics;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A float64 -floatfile (a port's) is read as float64 and compared as double, never rounded to float32 first. */
class Float64ImageTest {
    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    @Test
    void float64ValuesAreKeptAndComparedAsDoubles() throws Exception {
        Thresholds th = Thresholds.parse(Files.readAllBytes(TestEnv.repo().resolve("fixtures/thresholds.json")));
        ImageShape shape = new ImageShape(1, 4);
        FloatImage ref = new FloatImage(shape, new float[]{1f, 2f, 0f, 100f});
        double tiny = 100.0 + Math.ulp(100f) / 4; // rounds to the same float32 as 100
        FloatImage cand = FloatImage.of64(doubles(1.0, 2.0, 0.0, tiny), shape, "cand");
        assertEquals(tiny, cand.value(3));
        assertEquals(100f, cand.data()[3]);
        RegionMetrics r = ImageMetrics.compare(ref, cand, null, th).full();
        // three equal values, and one that differs as a double although its float32 rounding is equal
        assertEquals(3, r.bitwiseEqual());
        assertEquals(1, r.maxUlps());
        assertEquals(tiny - 100.0, r.maxAbsError(), 0.0);
        assertEquals(103.0 + (tiny - 100.0), r.sumCandidate(), 0.0);
        // float32 widened exactly: the same as float32 against float32
        FloatImage same = FloatImage.of64(doubles(1.0, 2.0, 0.0, 100.0), shape, "same");
        assertEquals(1.0, ImageMetrics.compare(ref, same, null, th).full().bitwiseEqualFraction());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatImage.of64(new byte[16], shape, "short.bin"));
        assertEquals("short.bin has 16 bytes; shape 1x4 needs 32 (float64)", e.getMessage());
    }
}
