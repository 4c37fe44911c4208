package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.testutil.Shared;

/**
 * Issue 18 item 5: nanobragg-refine recovers misset_x/y/z, cell_a/b/c and distance from a target
 * image made by the simulator itself, starting 0.05 deg and 0.2 % off, to 1e-4 relative.
 */
class RefineTest {
    @TempDir
    Path work;

    private static final String MODEL = "-default_F 100 -N 5 -lambda 1 -pixel 0.1 -detpixels 96 -mosflm -nonoise "
            + "-nopgm -noprogress -threads 2";

    record Run(int rc, String out, String err) {
    }

    private Run refine(String args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Refine.run(args.split(" "), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), work);
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void recoversMissetCellAndDistanceFromASimulatedTarget() {
        Shared.Cli t = Shared.cli(work, ("-cell 70 80 90 90 90 90 -misset 10 20 30 -distance 100 " + MODEL
                + " -floatfile target.bin").split(" "));
        assertEquals(0, t.rc(), t.stderr());
        double[] truth = {10, 20, 30, 70, 80, 90, 100};
        // 0.05 deg off in each misset angle, 0.2 % off in each cell edge and the distance
        Run r = refine("-target target.bin -refine misset_x,misset_y,misset_z,cell_a,cell_b,cell_c,distance "
                + "-cell 70.14 79.84 90.18 90 90 90 -misset 10.05 19.95 30.05 -distance 100.2 " + MODEL);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("evaluation 1: rms residual "), r.out());
        String[] names = {"misset_x", "misset_y", "misset_z", "cell_a", "cell_b", "cell_c", "distance"};
        for (int i = 0; i < names.length; i++) {
            Matcher m = Pattern.compile("recovered " + names[i] + " = (\\S+) ").matcher(r.out());
            assertTrue(m.find(), names[i] + " in\n" + r.out());
            double got = Double.parseDouble(m.group(1));
            assertTrue(Math.abs(got - truth[i]) / truth[i] < 1e-4, names[i] + ": " + got + " vs " + truth[i]);
        }
        assertTrue(r.out().contains("converged after "), r.out());
    }

    @Test
    void badCommandLinesAreOneLineExit2() {
        Run noTarget = refine("-refine misset_x -cell 70 80 90 90 90 90 " + MODEL);
        assertEquals(2, noTarget.rc());
        assertEquals("nanobragg-refine: error: -target: needs the target image (float32, -floatfile layout)\n",
                noTarget.err());
        Run noParams = refine("-target t.bin -cell 70 80 90 90 90 90 " + MODEL);
        assertEquals(2, noParams.rc());
        assertEquals("nanobragg-refine: error: -refine: needs the parameters to refine, e.g. misset_x,cell_a,distance\n",
                noParams.err());
        Run missing = refine("-target none.bin -refine misset_x -cell 70 80 90 90 90 90 " + MODEL);
        assertEquals(2, missing.rc());
        assertTrue(missing.err().startsWith("nanobragg-refine: error: -target: "), missing.err());
        Run n = refine("-target t.bin -refine N -cell 70 80 90 90 90 90 " + MODEL);
        assertEquals(2, n.rc());
        assertTrue(n.err().startsWith("nanobragg-refine: error: -refine: N cannot be refined here"), n.err());
    }
}
