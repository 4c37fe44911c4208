package org.nbparity.sim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Vec;

/**
 * The nanoBragg-to-McStas rotation on the conventions' fixed vectors (the axes the derivation in
 * {@link McStasFrame} names), its properness for custom vectors and the fallback when the
 * polarization lies along the beam; and the NXmx writer's failure type.
 */
class McStasFrameTest {
    @TempDir
    Path dir;

    @Test
    void mosflmKeepsYUpAndXdsGivesTheEigerAxes() {
        McStasFrame mosflm = McStasFrame.of(new double[] {1, 0, 0}, new double[] {0, 0, 1});
        assertArrayEquals(new double[] {0, 0, 1}, mosflm.toMcStas(new double[] {1, 0, 0}), 0); // beam
        assertArrayEquals(new double[] {0, 1, 0}, mosflm.toMcStas(new double[] {0, 1, 0}), 0); // up stays up
        assertArrayEquals(new double[] {-1, 0, 0}, mosflm.toMcStas(new double[] {0, 0, 1}), 0); // E-vector horizontal
        McStasFrame xds = McStasFrame.of(new double[] {0, 0, 1}, new double[] {1, 0, 0});
        assertArrayEquals(new double[] {-1, 0, 0}, xds.toMcStas(new double[] {1, 0, 0}), 0); // fast
        assertArrayEquals(new double[] {0, -1, 0}, xds.toMcStas(new double[] {0, 1, 0}), 0); // slow
    }

    @Test
    void customVectorsGiveAProperRotationWithTheBeamAlongZ() {
        double[] beam = {0.3, -0.2, 0.9};
        double[] polar = {0.1, 1, 0.4}; // not perpendicular to the beam: only its transverse part counts
        McStasFrame f = McStasFrame.of(beam, polar);
        double[][] m = f.matrix();
        double det = Vec.dot(Vec.cross(m[0], m[1]), m[2]);
        assertEquals(1.0, det, 1e-15);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1.0 : 0.0, Vec.dot(m[i], m[j]), 1e-15);
            }
        }
        double[] z = f.toMcStas(McStasFrame.unit(beam));
        assertArrayEquals(new double[] {0, 0, 1}, z, 1e-15);
    }

    @Test
    void polarizationAlongTheBeamFallsBackToALabAxis() {
        McStasFrame f = McStasFrame.of(new double[] {0, 0, 1}, new double[] {0, 0, -2});
        double[][] m = f.matrix();
        assertEquals(1.0, Vec.dot(Vec.cross(m[0], m[1]), m[2]), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, f.toMcStas(new double[] {0, 0, 1}), 1e-15);
    }

    @Test
    void libraryFailureIsAnIOException() {
        var setup = OutputStageTest.setup(4, 3, new Roi(0, 3, 0, 2), 0.0002, 0.00015, 2.5);
        IOException e = assertThrows(IOException.class, () -> NexusWriter.write(dir.resolve("no/such/dir/x.nxs"),
                setup, NativeFormats.NONE, new short[12], new float[12]));
        assertEquals(false, e.getMessage().contains("\n"), e.getMessage());
    }
}
