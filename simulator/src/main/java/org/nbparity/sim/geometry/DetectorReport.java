package org.nbparity.sim.geometry;

import org.nbparity.sim.config.Convention;
import org.nbparity.sim.config.Pivot;

/**
 * Detector values that only stdout and the SMV headers use (setup.md S13, S32), in SI units
 * (metres, radians) unless the name says otherwise.
 *
 * @param convention   convention actually used (after CUSTOM switching)
 * @param pivot        pivot actually used (after convention forcing, quirk Q1)
 * @param detsizeF     detector size, fast, m
 * @param detsizeS     detector size, slow, m
 * @param xbeam        Xbeam after the convention block, m
 * @param ybeam        Ybeam after the convention block, m
 * @param fbeam        Fbeam after geometry, m
 * @param sbeam        Sbeam after geometry, m
 * @param fclose       Fclose, m
 * @param sclose       Sclose, m
 * @param orgx         XDS ORGX, pixels
 * @param orgy         XDS ORGY, pixels
 * @param dialsOrigin  DIALS origin, mm (three values)
 * @param twotheta     detector two-theta, rad
 * @param twothetaAxis two-theta axis (not normalised, quirk Q3)
 * @param rotx         detector rotation about x, rad
 * @param roty         detector rotation about y, rad
 * @param rotz         detector rotation about z, rad
 */
public record DetectorReport(
        Convention convention, Pivot pivot,
        double detsizeF, double detsizeS,
        double xbeam, double ybeam, double fbeam, double sbeam, double fclose, double sclose,
        double orgx, double orgy, double[] dialsOrigin,
        double twotheta, double[] twothetaAxis, double rotx, double roty, double rotz) {
}
