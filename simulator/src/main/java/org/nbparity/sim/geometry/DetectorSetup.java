package org.nbparity.sim.geometry;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.Convention;
import org.nbparity.sim.config.Pivot;

/**
 * The detector's size, frame and placement (setup.md S3, S5-S7, S11-S13). Upstream interleaves
 * these with other steps that print, so they are three calls made in upstream's order:
 * {@link #size}, {@link #frame}, {@link #place}. Each step takes a small typed record of the
 * command-line values it reads ({@link SizeInput}, {@link MaskInput}, {@link FrameInput},
 * {@link PlacementInput}; setup.StepInputs fills them), never the whole Config.
 */
public final class DetectorSetup {
    private DetectorSetup() {
    }

    /**
     * What S3 reads of the command line (and the {@code -img}/{@code -mask} headers).
     *
     * @param pixelSize m
     * @param detsizeF  fast size as typed, m
     * @param detsizeS  slow size as typed, m
     * @param fpixels   fast pixels as typed, 0 when not given
     * @param spixels   slow pixels as typed, 0 when not given
     */
    public record SizeInput(double pixelSize, double detsizeF, double detsizeS, int fpixels, int spixels) {
    }

    /**
     * What S9 reads of the {@code -mask} file.
     *
     * @param maskFile   the {@code -mask} name as typed, or null
     * @param maskPixels the mask's pixels as read, or null without a mask (not copied; never changed)
     */
    public record MaskInput(String maskFile, int[] maskPixels) {
    }

    /**
     * What S5-S7 read of the command line: the typed beam centre, ROI, axes and convention.
     * Unset doubles are NaN, unset ROI bounds negative. The vectors are the parsed arrays; they
     * are cloned before use and never changed.
     *
     * @param orgx          ORGX, pixels
     * @param orgy          ORGY, pixels
     * @param xclose        Xclose, m
     * @param yclose        Yclose, m
     * @param xbeam         Xbeam, m
     * @param ybeam         Ybeam, m
     * @param roiXmin       ROI first fast pixel
     * @param roiXmax       ROI last fast pixel
     * @param roiYmin       ROI first slow pixel
     * @param roiYmax       ROI last slow pixel
     * @param beamVector    incident beam
     * @param fdetVector    fast axis
     * @param sdetVector    slow axis
     * @param odetVector    detector normal
     * @param twothetaAxis  two-theta axis
     * @param polarVector   polarization vector
     * @param spindleVector spindle axis
     * @param pivot         the parsed pivot
     * @param convention    the convention
     */
    public record FrameInput(double orgx, double orgy, double xclose, double yclose, double xbeam, double ybeam,
                             int roiXmin, int roiXmax, int roiYmin, int roiYmax,
                             double[] beamVector, double[] fdetVector, double[] sdetVector, double[] odetVector,
                             double[] twothetaAxis, double[] polarVector, double[] spindleVector,
                             Pivot pivot, Convention convention) {
    }

    /**
     * What S11-S13 read of the command line: the detector rotations and distances.
     *
     * @param rotx          rotation about x, rad
     * @param roty          rotation about y, rad
     * @param rotz          rotation about z, rad
     * @param twotheta      two-theta, rad
     * @param closeDistance m, NaN when not given
     * @param distance      m
     */
    public record PlacementInput(double rotx, double roty, double rotz, double twotheta,
                                 double closeDistance, double distance) {
    }

    /**
     * S3: the pixel grid.
     *
     * @param fpixels   fast pixels
     * @param spixels   slow pixels
     * @param pixelSize m
     * @param detsizeF  fast size, m
     * @param detsizeS  slow size, m
     */
    public record Size(int fpixels, int spixels, double pixelSize, double detsizeF, double detsizeS) {
        /** fpixels * spixels. */
        public long pixels() {
            return (long) fpixels * spixels;
        }
    }

    /**
     * S5-S7: the convention's axes and the beam centre before any rotation. Vectors are unit
     * except the two-theta axis (quirk Q3).
     *
     * @param convention the convention
     * @param pivot      the pivot the convention forces (or the parsed one for CUSTOM)
     * @param beam       incident beam
     * @param fdet       fast axis
     * @param sdet       slow axis
     * @param odet       detector normal
     * @param ttAxis     two-theta axis
     * @param polar      polarization vector
     * @param spindle    spindle axis
     * @param vert       unit(beam x polar)
     * @param xbeam      Xbeam, m
     * @param ybeam      Ybeam, m
     * @param fbeam      Fbeam, m
     * @param sbeam      Sbeam, m
     * @param xclose     Xclose, m
     * @param yclose     Yclose, m
     * @param fclose     Fclose, m
     * @param sclose     Sclose, m
     * @param roi        the region of interest with defaults applied
     */
    public record Frame(Convention convention, Pivot pivot, double[] beam, double[] fdet, double[] sdet,
                        double[] odet, double[] ttAxis, double[] polar, double[] spindle, double[] vert,
                        double xbeam, double ybeam, double fbeam, double sbeam,
                        double xclose, double yclose, double fclose, double sclose, Roi roi) {
    }

    /**
     * S11-S13: the rotated detector.
     *
     * @param fdet          fast axis
     * @param sdet          slow axis
     * @param odet          detector normal
     * @param pix0          corner of the first pixel, m
     * @param ratio         beam . rotated odet without two-theta (stale with two-theta, Q4)
     * @param distance      m
     * @param closeDistance m
     * @param fbeam         Fbeam recomputed from pix0, m
     * @param sbeam         Sbeam recomputed from pix0, m
     * @param fclose        Fclose recomputed from pix0, m
     * @param sclose        Sclose recomputed from pix0, m
     * @param orgx          ORGX, pixels
     * @param orgy          ORGY, pixels
     * @param dialsOrigin   DIALS origin, mm
     */
    public record Placement(double[] fdet, double[] sdet, double[] odet, double[] pix0, double ratio,
                            double distance, double closeDistance, double fbeam, double sbeam,
                            double fclose, double sclose, double orgx, double orgy, double[] dialsOrigin) {
    }

    /** S3: the pixel grid from -detpixels/-detsize/-pixel. */
    public static Size size(SizeInput c) {
        double pixelSize = c.pixelSize();
        double detsizeF = c.detsizeF(), detsizeS = c.detsizeS();
        int fpixels = c.fpixels(), spixels = c.spixels();
        if (fpixels != 0) detsizeF = pixelSize * fpixels;
        if (spixels != 0) detsizeS = pixelSize * spixels;
        fpixels = (int) Math.ceil(detsizeF / pixelSize - 0.5);
        spixels = (int) Math.ceil(detsizeS / pixelSize - 0.5);
        if (fpixels <= 0 || spixels <= 0) {
            throw new UsageException("detector has no pixels (" + fpixels + "x" + spixels
                    + "): check -detpixels/-detsize/-pixel");
        }
        long pixels = (long) fpixels * spixels;
        if (pixels > Integer.MAX_VALUE - 16) {
            throw new UsageException("detector too large: " + fpixels + "x" + spixels + " pixels");
        }
        return new Size(fpixels, spixels, pixelSize, detsizeF, detsizeS);
    }

    /**
     * S9: the {@code -mask} pixels for this detector, or null without a mask.
     *
     * @throws UsageException when the mask has fewer pixels than the detector
     */
    public static int[] mask(MaskInput c, Size size) {
        if (c.maskPixels() == null) {
            return null;
        }
        long pixels = size.pixels();
        if (c.maskPixels().length < pixels) {
            // upstream reads past the mask data here (quirk Q11)
            throw new UsageException("-mask: " + c.maskFile() + " has " + c.maskPixels().length
                    + " pixels but the detector has " + pixels);
        }
        return Arrays.copyOf(c.maskPixels(), (int) pixels);
    }

    /** S5-S7: defaults, ROI, the convention's axes and beam centre, normalisation. */
    public static Frame frame(FrameInput c, Size size, PrintStream out) {
        double pixelSize = size.pixelSize(), detsizeF = size.detsizeF(), detsizeS = size.detsizeS();
        double orgx = c.orgx(), orgy = c.orgy();
        double fclose = Double.NaN, sclose = Double.NaN, fbeam = Double.NaN, sbeam = Double.NaN;
        double xclose = c.xclose(), yclose = c.yclose(), xbeam = c.xbeam(), ybeam = c.ybeam();
        if (!Double.isNaN(orgx)) fclose = (orgx - 0.5) * pixelSize;
        if (!Double.isNaN(orgy)) sclose = (orgy - 0.5) * pixelSize;
        if (Double.isNaN(fclose)) fclose = (detsizeF - 0 * pixelSize) / 2.0;
        if (Double.isNaN(sclose)) sclose = (detsizeS + 0 * pixelSize) / 2.0;
        if (Double.isNaN(xclose)) xclose = fclose;
        if (Double.isNaN(yclose)) yclose = sclose;
        if (Double.isNaN(fbeam)) fbeam = fclose;
        if (Double.isNaN(sbeam)) sbeam = sclose;
        int roiXmin = c.roiXmin(), roiXmax = c.roiXmax(), roiYmin = c.roiYmin(), roiYmax = c.roiYmax();
        if (roiXmin < 0) roiXmin = 0;
        if (roiXmax < 0) roiXmax = size.fpixels();
        if (roiYmin < 0) roiYmin = 0;
        if (roiYmax < 0) roiYmax = size.spixels();

        double[] beam = c.beamVector().clone(), fdet = c.fdetVector().clone(), sdet = c.sdetVector().clone();
        double[] odet = c.odetVector().clone(), ttAxis = c.twothetaAxis().clone();
        double[] polar = c.polarVector().clone(), spindle = c.spindleVector().clone();
        Pivot pivot = c.pivot();
        Convention conv = c.convention();
        switch (conv) {
            case ADXV:
                if (Double.isNaN(xbeam)) xbeam = (detsizeF + pixelSize) / 2.0;
                if (Double.isNaN(ybeam)) ybeam = (detsizeS - pixelSize) / 2.0;
                beam = new double[] {0, 0, 1};
                fdet = new double[] {1, 0, 0};
                sdet = new double[] {0, -1, 0};
                odet = new double[] {0, 0, 1};
                ttAxis = new double[] {-1, 0, 0};
                polar = new double[] {1, 0, 0};
                spindle = new double[] {1, 0, 0};
                fbeam = xbeam;
                sbeam = detsizeS - ybeam;
                pivot = Pivot.BEAM; // conventions force the pivot (quirk Q1)
                break;
            case MOSFLM:
            case DENZO:
                if (Double.isNaN(xbeam)) xbeam = (detsizeS + pixelSize) / 2.0;
                if (Double.isNaN(ybeam)) ybeam = (detsizeF + pixelSize) / 2.0;
                beam = new double[] {1, 0, 0};
                odet = new double[] {1, 0, 0};
                fdet = new double[] {0, 0, 1};
                sdet = new double[] {0, -1, 0};
                ttAxis = new double[] {0, 0, -1};
                polar = new double[] {0, 0, 1};
                spindle = new double[] {0, 0, 1};
                if (conv == Convention.MOSFLM) {
                    // +0.5 pixel also for typed beam centres (quirk Q8)
                    fbeam = ybeam + 0.5 * pixelSize;
                    sbeam = xbeam + 0.5 * pixelSize;
                } else {
                    fbeam = ybeam + 0.0 * pixelSize;
                    sbeam = xbeam + 0.0 * pixelSize;
                }
                pivot = Pivot.BEAM;
                break;
            case XDS:
            case DIALS:
                // Xbeam/Ybeam do not place the detector here (quirk Q7)
                if (Double.isNaN(xbeam)) xbeam = xclose;
                if (Double.isNaN(ybeam)) ybeam = yclose;
                beam = new double[] {0, 0, 1};
                fdet = new double[] {1, 0, 0};
                sdet = new double[] {0, 1, 0};
                odet = new double[] {0, 0, 1};
                if (conv == Convention.XDS) {
                    ttAxis = new double[] {1, 0, 0};
                    polar = new double[] {1, 0, 0};
                    spindle = new double[] {1, 0, 0};
                } else {
                    ttAxis = new double[] {0, 1, 0};
                    polar = new double[] {0, 1, 0};
                    spindle = new double[] {0, 1, 0};
                }
                fbeam = xbeam;
                sbeam = ybeam;
                pivot = Pivot.SAMPLE;
                break;
            case CUSTOM:
            default:
                // CUSTOM: Xbeam on the fast axis, no half pixel, Fclose = Xbeam, pivot as parsed (Q6)
                if (Double.isNaN(xbeam)) xbeam = xclose;
                if (Double.isNaN(ybeam)) ybeam = yclose;
                fbeam = xbeam;
                sbeam = ybeam;
                fclose = xbeam;
                sclose = ybeam;
                break;
        }

        Vec.unitize(beam);
        Vec.unitize(fdet);
        Vec.unitize(sdet);
        // a typed odet is replaced unless its length is exactly 1.0 (quirk Q9)
        if (Vec.unitize(odet) != 1.0) {
            out.print("WARNING: auto-generating odet_vector\n");
            odet = Vec.cross(fdet, sdet);
            Vec.unitize(odet);
        }
        Vec.unitize(polar);
        Vec.unitize(spindle);
        // twotheta_axis is never unitized (quirk Q3)
        double[] vert = Vec.cross(beam, polar);
        Vec.unitize(vert);
        return new Frame(conv, pivot, beam, fdet, sdet, odet, ttAxis, polar, spindle, vert,
                xbeam, ybeam, fbeam, sbeam, xclose, yclose, fclose, sclose,
                new Roi(roiXmin, roiXmax, roiYmin, roiYmax));
    }

    /** S11-S13: rotations, pivot, pix0 and the distances and beam centres derived back from it. */
    public static Placement place(PlacementInput c, Size size, Frame f, PrintStream out) {
        double[] beam = f.beam(), fdet = f.fdet(), sdet = f.sdet(), odet = f.odet(), ttAxis = f.ttAxis();
        double fclose = f.fclose(), sclose = f.sclose(), fbeam = f.fbeam(), sbeam = f.sbeam();
        p(out, "%s convention selected.\n", f.convention().name().toLowerCase(Locale.ROOT));
        double rotx = c.rotx(), roty = c.roty(), rotz = c.rotz(), twotheta = c.twotheta();
        double[] t = Vec.rotate(odet, rotx, roty, rotz);
        double ratio = Vec.dot(beam, t);
        if (ratio == 0.0) ratio = Units.DBL_MIN;
        double closeDistance = c.closeDistance();
        double distance = c.distance();
        // a close distance (CLI or header) beats -distance (quirk Q10)
        if (Double.isNaN(closeDistance)) closeDistance = Math.abs(ratio * distance);
        distance = closeDistance / ratio;
        double[] pix0 = new double[3];
        if (f.pivot() == Pivot.SAMPLE) {
            p(out, "pivoting detector around sample\n");
            for (int i = 0; i < 3; i++) {
                pix0[i] = -fclose * fdet[i] - sclose * sdet[i] + closeDistance * odet[i];
            }
            pix0 = Vec.rotate(pix0, rotx, roty, rotz);
            pix0 = Vec.rotateAxis(pix0, ttAxis, twotheta);
        }
        fdet = Vec.rotate(fdet, rotx, roty, rotz);
        sdet = Vec.rotate(sdet, rotx, roty, rotz);
        odet = Vec.rotate(odet, rotx, roty, rotz);
        fdet = Vec.rotateAxis(fdet, ttAxis, twotheta);
        sdet = Vec.rotateAxis(sdet, ttAxis, twotheta);
        odet = Vec.rotateAxis(odet, ttAxis, twotheta);
        if (f.pivot() == Pivot.BEAM) {
            p(out, "pivoting detector around direct beam spot\n");
            for (int i = 0; i < 3; i++) {
                pix0[i] = -fbeam * fdet[i] - sbeam * sdet[i] + distance * beam[i];
            }
        }
        // the typed -pix0_vector never survives to here (quirk Q5)
        fclose = -Vec.dot(pix0, fdet);
        sclose = -Vec.dot(pix0, sdet);
        closeDistance = Vec.dot(pix0, odet);
        double[] nv = new double[3];
        for (int i = 0; i < 3; i++) {
            // ratio is the stale value without two-theta (quirk Q4)
            nv[i] = closeDistance / ratio * beam[i] - pix0[i];
        }
        fbeam = Vec.dot(fdet, nv);
        sbeam = Vec.dot(sdet, nv);
        distance = closeDistance / ratio;
        double orgx = fclose / size.pixelSize() + 0.5;
        double orgy = sclose / size.pixelSize() + 0.5;
        double[] dialsOrigin = {
            1000.0 * Vec.dot(pix0, new double[] {+0.0, +0.0, +1}),
            1000.0 * Vec.dot(pix0, new double[] {+0.0, +1, +0.0}),
            1000.0 * Vec.dot(pix0, new double[] {-1, +0.0, +0.0})};
        p(out, "XDS incident beam: %g %g %g\n", Vec.dot(beam, fdet), Vec.dot(beam, sdet), Vec.dot(beam, odet));
        return new Placement(fdet, sdet, odet, pix0, ratio, distance, closeDistance, fbeam, sbeam,
                fclose, sclose, orgx, orgy, dialsOrigin);
    }

    private static void p(PrintStream out, String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }
}
