package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress lines found by stepping (after a chunk) are those of upstream's per-pixel test. */
class ProgressMeterTest {

    private static void assertStepsMatchEveryPixel(long total, long from, long to) {
        long next = ProgressMeter.nextLine(from, total);
        for (long p = from; p < to; p++) {
            if (ProgressMeter.lineAt(p, total)) {
                assertEquals(p, next, "total " + total);
                next = ProgressMeter.nextLine(p + 1, total);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(next >= to, "total " + total + ": extra line at " + next);
    }

    @Test
    void everyTotalFrom100To3000() {
        for (long total = 100; total <= 3000; total++) {
            assertStepsMatchEveryPixel(total, 0, total + 1);
        }
    }

    @Test
    void largeFramesAndChunkStarts() {
        // the supervisor frame's (2463+1)*(2527+1), upstream's default 1024 frame, and odd sizes
        for (long total : new long[] {6_228_992L, 1_050_625L, 999_983L, 2_000_003L}) {
            assertStepsMatchEveryPixel(total, 0, total + 1);
            assertStepsMatchEveryPixel(total, total / 3 + 7, total / 2);
        }
    }

    @Test
    void supervisorLinesAreUpstreamPercentages() {
        long total = 6_228_992L;
        int lines = 0;
        for (long p = ProgressMeter.nextLine(0, total); p < 6_224_001L; p = ProgressMeter.nextLine(p + 1, total)) {
            lines++;
        }
        // 0..10 % every 1 %, 15..85 % every 5 %, 90..99 % every 1 %, as upstream's stdout has
        assertEquals(39, lines);
    }
}
