package org.nbparity.sim.output;

import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.Vec;
import org.nbparity.sim.setup.Setup;

/**
 * What an NXmx transformation chain ({@link NexusWriter}) can express, checked before the render
 * so that a refused run writes nothing. Apart from {@link NexusWriter} because that class links
 * the HDF5 library, which a jar copied without its {@code lib/} lacks.
 */
final class NexusLimits {
    private NexusLimits() {
    }

    /**
     * Why this run's geometry cannot be written as an NXmx transformation chain, or null when it
     * can: every vector must be finite, the fast and slow axes, the detector normal, the beam and
     * the spindle (the phi rotation axis) non-zero, and fast and slow not parallel (a module whose
     * pixels lie on one line). Upstream accepts such vectors (a zero vector stays zero through its
     * unitize); the NXmx file would hold NaN or a zero axis, which no reader can use.
     */
    static String inexpressible(Setup setup) {
        DetectorGeometry det = setup.detector();
        String[] names = {"pix0_vector", "fdet_vector", "sdet_vector", "odet_vector", "beam_vector", "spindle_axis"};
        double[][] v = {det.pix0(), det.fdet(), det.sdet(), det.odet(), setup.sources().beam(), setup.crystal().spindle()};
        for (int i = 0; i < v.length; i++) {
            if (!(Double.isFinite(v[i][0]) && Double.isFinite(v[i][1]) && Double.isFinite(v[i][2]))) {
                return names[i] + " is not finite (" + vec(v[i]) + ")";
            }
            if (i > 0 && Vec.magnitude(v[i]) == 0.0) {
                return names[i] + " is the zero vector";
            }
        }
        if (!(det.pixelSize() > 0 && Double.isFinite(det.pixelSize()))) {
            return "the pixel size " + det.pixelSize() + " m is not a positive finite length";
        }
        double[] n = Vec.cross(det.fdet(), det.sdet());
        if (Vec.magnitude(n) <= 1e-12 * Vec.magnitude(det.fdet()) * Vec.magnitude(det.sdet())) {
            return "fdet_vector (" + vec(det.fdet()) + ") and sdet_vector (" + vec(det.sdet()) + ") are parallel";
        }
        return null;
    }

    private static String vec(double[] v) {
        return v[0] + " " + v[1] + " " + v[2];
    }

}
