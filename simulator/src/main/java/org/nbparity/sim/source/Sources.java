package org.nbparity.sim.source;

/**
 * The beam: every source point and the polarization state (setup.md S26, render.md 4.11, 4.15).
 *
 * @param x            unit direction from the sample toward each source, x
 * @param y            same, y
 * @param z            same, z
 * @param lambda       wavelength of each source, m (read by the renderer, quirk Q23)
 * @param intensity    per-source weight; never read by the render loop (render quirk 14)
 * @param lambda0      nominal wavelength, m (printout, headers)
 * @param beam         unit beam propagation vector
 * @param polarVector  unit E-vector direction
 * @param polarization Kahn factor K (default 0.0, quirk Q25)
 * @param nopolar      {@code -nopolar}
 */
public record Sources(double[] x, double[] y, double[] z, double[] lambda, double[] intensity,
                      double lambda0, double[] beam, double[] polarVector,
                      double polarization, boolean nopolar) {
    /** Number of sources. */
    public int count() {
        return x.length;
    }
}
