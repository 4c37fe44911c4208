package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nbparity.sim.config.ArgParser;

/** When setup binds glibc's functions ahead of time (a speed hint: values never depend on it). */
class SetupBuilderTest {
    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    private static boolean mayCallLibm(String cmd) {
        return SetupBuilder.mayCallLibm(ArgParser.parse(cmd.split(" "), -100, SINK, SINK, Path.of(".")));
    }

    @Test
    void plainMatrixCrystalNeedsNoLibm() {
        // the supervisor command's geometry flags: zero rotations, no misset, no mosaic spread
        assertEquals(false, mayCallLibm("-mat A.mat -hkl x.hkl -distance 231 -detector_rotx 0 -twotheta 0 -mosaic 0"));
    }

    @Test
    void anythingThatRotatesDoes() {
        String base = "-mat A.mat -hkl x.hkl ";
        assertEquals(true, mayCallLibm("-cell 10 20 30 90 90 90 -hkl x.hkl"));
        assertEquals(true, mayCallLibm(base + "-misset 1 2 3"));
        assertEquals(true, mayCallLibm(base + "-misset random"));
        assertEquals(true, mayCallLibm(base + "-detector_rotx 1"));
        assertEquals(true, mayCallLibm(base + "-twotheta 10"));
        assertEquals(true, mayCallLibm(base + "-mosaic 0.5 -mosaic_dom 10"));
        assertEquals(true, mayCallLibm(base + "-hdivrange 0.1 -hdivsteps 3"));
    }
}
