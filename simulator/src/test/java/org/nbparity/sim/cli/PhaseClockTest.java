package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The phase lines that bench/run.sh parses for its scaling table (-Dnb.timing=true). */
class PhaseClockTest {

    @Test
    void printsStartupThenEachPhaseInTheFormatTheBenchmarkParses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PhaseClock clock = PhaseClock.of(true, err);
        clock.mark("parse");
        clock.event("simd-ready-after-render-start", 0);
        clock.mark("render");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(5, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].matches("nanobragg: timing startup [0-9]+\\.[0-9]{3} s"), lines[0]);
        assertTrue(lines[1].matches("nanobragg: timing parse [0-9]+\\.[0-9]{3} s"), lines[1]);
        assertEquals("nanobragg: timing simd-ready-after-render-start never", lines[2]);
        assertTrue(lines[3].matches("nanobragg: timing render [0-9]+\\.[0-9]{3} s"), lines[3]);
        assertEquals("", lines[4]);
        // the JVM has been up for longer than this test's first line took
        assertTrue(Double.parseDouble(lines[0].split(" ")[3]) > 0.0, lines[0]);
    }

    @Test
    void printsNothingWhenOff() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PhaseClock clock = PhaseClock.of(false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        clock.mark("parse");
        clock.event("simd-ready-after-render-start", System.nanoTime());
        assertEquals(0, bytes.size());
    }
}
