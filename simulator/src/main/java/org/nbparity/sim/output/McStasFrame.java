package org.nbparity.sim.output;

import org.nbparity.sim.geometry.Vec;

/**
 * The rotation from nanoBragg's lab frame to the NeXus (McStas) frame, in which NXmx files give
 * every vector.
 *
 * <p><b>The two frames.</b> NeXus uses the McStas frame: z along the incident beam, y vertical
 * (up), x horizontal, completing a right-handed set (x = y × z). nanoBragg has no fixed lab frame:
 * each convention (and {@code -beam_vector}/{@code -polar_vector} for custom vectors) puts the beam
 * along some lab vector {@code b}, and upstream itself says which lab direction is horizontal:
 * "define 'horizontal' as the E-vector of the incident beam" (upstream line 2399, the divergence
 * loop; the polarization factor at line 4075 builds its vertical axis the same way from the
 * polarization vector {@code p}). So the mapping is fixed by two facts nanoBragg states, the
 * beam and the E-vector, and needs no per-convention table.
 *
 * <p><b>Derivation.</b> Let {@code b} = unit beam vector and {@code e} = the component of
 * {@code p} perpendicular to {@code b}, normalised (the E-vector is transverse). The McStas axes,
 * written in nanoBragg lab coordinates, are
 * <pre>
 *   Z = b                      (beam)
 *   Y = unit(e × b)            (vertical: orthogonal to the horizontal E-vector and the beam)
 *   X = Y × Z = (e × b) × b = -e   (for unit e ⟂ b: (e × b) × b = b(e·b) - e(b·b) = -e)
 * </pre>
 * X, Y, Z are orthonormal and X × Y = -e × (e × b) = b = Z, so the map v ↦ (v·X, v·Y, v·Z) is a
 * proper rotation: lengths, angles and handedness are kept, and a right-handed rotation about
 * the spindle in nanoBragg (upstream's rotate_axis) is the same right-handed rotation about the
 * mapped axis in NeXus. The sign of {@code e} is a choice (an E-field has no sign); {@code X = -e}
 * is the one that keeps nanoBragg's vertical axis up in the MOSFLM convention (beam +x,
 * polarization +z: Y = z × x = +y) and gives the XDS convention the usual Eiger NXmx axes
 * (beam +z, polarization +x: fast {1,0,0} ↦ (-1,0,0), slow {0,1,0} ↦ (0,-1,0)).
 *
 * <p>When {@code p} is parallel to the beam (custom vectors only), the E-vector is undefined;
 * then the lab axis least parallel to the beam stands in for {@code p}, so the mapping is still a
 * proper rotation with z along the beam (the file's geometry stays exact, only "up" is arbitrary).
 */
final class McStasFrame {
    /** McStas x, y, z axes in nanoBragg lab coordinates (the rows of the rotation matrix). */
    private final double[][] axes;

    private McStasFrame(double[][] axes) {
        this.axes = axes;
    }

    /**
     * The frame for a run.
     *
     * @param beam  nanoBragg beam propagation vector
     * @param polar nanoBragg polarization (E-vector) direction
     */
    static McStasFrame of(double[] beam, double[] polar) {
        double[] z = unit(beam);
        double[] e = perpendicular(polar, z);
        if (Vec.magnitude(e) < 1e-9) {
            double ax = Math.abs(z[0]), ay = Math.abs(z[1]), az = Math.abs(z[2]);
            double[] stand = ax <= ay && ax <= az ? new double[] {1, 0, 0}
                    : ay <= az ? new double[] {0, 1, 0} : new double[] {0, 0, 1};
            e = perpendicular(stand, z);
        }
        e = unit(e);
        double[] y = unit(Vec.cross(e, z));
        double[] x = Vec.cross(y, z);
        return new McStasFrame(new double[][] {x, y, z});
    }

    /** {@code v} (nanoBragg lab coordinates) in McStas coordinates. */
    double[] toMcStas(double[] v) {
        return new double[] {Vec.dot(v, axes[0]), Vec.dot(v, axes[1]), Vec.dot(v, axes[2])};
    }

    /** The rotation matrix: row i is McStas axis i in nanoBragg coordinates (a copy). */
    double[][] matrix() {
        return new double[][] {axes[0].clone(), axes[1].clone(), axes[2].clone()};
    }

    private static double[] perpendicular(double[] v, double[] unitZ) {
        double d = Vec.dot(v, unitZ);
        return new double[] {v[0] - d * unitZ[0], v[1] - d * unitZ[1], v[2] - d * unitZ[2]};
    }

    /** A unit copy of {@code v}. */
    static double[] unit(double[] v) {
        double[] u = v.clone();
        Vec.unitize(u);
        return u;
    }
}
