package org.nbparity.sim.setup;

import java.io.PrintStream;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.CNum;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.source.StepRange;

/**
 * Upstream's auto-selection of the sampling counts (setup.md S10): phi steps, divergence and
 * dispersion ranges, detector layers and mosaic domains from whichever of count, range and step
 * were typed; and of the oversampling (S21), which needs the crystal size and so runs later.
 * Each takes a small typed record of the command-line values it reads ({@link SamplingInput},
 * {@link OversampleInput}; {@link StepInputs} fills them).
 *
 * @param phisteps      phi steps
 * @param phi0          start angle, rad
 * @param phistep       rad
 * @param osc           oscillation range, rad
 * @param hdiv          horizontal divergence
 * @param vdiv          vertical divergence
 * @param disp          spectral dispersion
 * @param thicksteps    detector layers
 * @param thick         sensor thickness, m
 * @param thickstep     layer thickness, m
 * @param mu            sensor attenuation, 1/m
 * @param mosaicDomains mosaic domains
 * @param mosaicSpread  rad
 */
record StepSelection(int phisteps, double phi0, double phistep, double osc,
                     StepRange hdiv, StepRange vdiv, StepRange disp,
                     int thicksteps, double thick, double thickstep, double mu,
                     int mosaicDomains, double mosaicSpread) {
    private static final double RTD = Units.RTD;

    /**
     * What S10 reads of the command line: each sampling's count, range and step as typed.
     * Unset counts, ranges and steps are negative (the dispersion, thickness and phi0 default
     * to 0).
     *
     * @param phisteps           phi steps
     * @param phi0               start angle, rad
     * @param phistep            rad
     * @param osc                oscillation range, rad
     * @param hdivsteps          horizontal divergence steps
     * @param hdivrange          horizontal divergence range, rad
     * @param hdivstep           horizontal divergence step, rad
     * @param vdivsteps          vertical divergence steps
     * @param vdivrange          vertical divergence range, rad
     * @param vdivstep           vertical divergence step, rad
     * @param dispsteps          dispersion steps
     * @param dispersion         spectral dispersion (fraction)
     * @param detectorThicksteps detector layers
     * @param detectorThick      sensor thickness, m
     * @param detectorMu         sensor attenuation, 1/m
     * @param mosaicDomains      mosaic domains
     * @param mosaicSpread       rad
     */
    record SamplingInput(int phisteps, double phi0, double phistep, double osc,
                         int hdivsteps, double hdivrange, double hdivstep,
                         int vdivsteps, double vdivrange, double vdivstep,
                         int dispsteps, double dispersion,
                         int detectorThicksteps, double detectorThick, double detectorMu,
                         int mosaicDomains, double mosaicSpread) {
    }

    /**
     * What S21 reads of the command line.
     *
     * @param oversample the {@code -oversample} value, or &lt;= 0 when not given
     * @param lambda0    wavelength, m
     */
    record OversampleInput(int oversample, double lambda0) {
    }

    /**
     * The S21 oversampling.
     *
     * @param chosen      the -oversample value, or the recommendation when not set
     * @param recommended ceil(3 * largest crystal dimension / reciprocal pixel size), at least 1
     */
    record Oversample(int chosen, int recommended) {
    }

    /** S10, printing upstream's warnings in upstream's order. */
    static StepSelection select(SamplingInput c, PrintStream out) {
        int phisteps = c.phisteps();
        double osc = c.osc(), phistep = c.phistep(), phi0 = c.phi0();
        if (phisteps < 0) {
            if (osc < 0.0) {
                if (phistep <= 0.0) {
                    phisteps = 1;
                    osc = 0.0;
                    phistep = 0.0;
                } else {
                    osc = phistep;
                    phisteps = 2;
                }
            } else {
                if (phistep <= 0.0) {
                    // -osc alone: 2 steps, phi0 and phi0+osc/2 (quirk Q21)
                    phisteps = 2;
                    phistep = osc / 2.0;
                } else {
                    phisteps = (int) Math.ceil(osc / phistep);
                }
            }
        } else {
            if (phisteps == 0) {
                phisteps = 1;
            }
            if (osc < 0.0) {
                if (phistep <= 0.0) {
                    osc = 1.0 / RTD;
                    phistep = osc / phisteps;
                } else {
                    osc = phistep;
                    phisteps = 2;
                }
            } else {
                if (phistep < 0.0) {
                    phistep = osc / phisteps;
                }
            }
        }
        StepRange hdiv = StepRange.autoSelect(c.hdivsteps(), c.hdivrange(), c.hdivstep());
        StepRange vdiv = StepRange.autoSelect(c.vdivsteps(), c.vdivrange(), c.vdivstep());
        // there is no flag for dispstep; dispersion starts at 0, not -1 (quirk Q21)
        StepRange disp = StepRange.autoSelect(c.dispsteps(), c.dispersion(), -1.0);

        int thicksteps = c.detectorThicksteps();
        double thick = c.detectorThick(), thickstep = -1.0, mu = c.detectorMu();
        if (thicksteps <= 0) {
            if (thick < 0.0) {
                thicksteps = 1;
                thick = 0.0;
                thickstep = 0.0;
            } else {
                thicksteps = 2;
                thickstep = thick / thicksteps;
            }
        } else {
            if (thick < 0.0) {
                thick = 0.5e-6;
                thickstep = thick / thicksteps;
            } else {
                // n layers of thick/(n-1); -thicksteps 1 gives 2 full layers (quirk Q21)
                if (thicksteps <= 1) thicksteps = 2;
                thickstep = thick / (thicksteps - 1);
            }
        }
        if (thick > 0.0 && mu < 0.0) {
            mu = 1.0 / thick;
            // prints mu (1/m) labelled as a depth (quirk Q28)
            p(out, "WARNING: setting detector attenuation depth to %g m\n", mu);
        }
        int mosaicDomains = c.mosaicDomains();
        double mosaicSpread = c.mosaicSpread();
        if (mosaicDomains <= 0) {
            if (mosaicSpread < 0.0) {
                mosaicDomains = 1;
                mosaicSpread = 0.0;
            } else {
                if (mosaicSpread == 0.0) {
                    mosaicDomains = 1;
                } else {
                    p(out, "WARNING: finite mosaicity with only one domain! upping to 10 mosaic domains\n");
                    mosaicDomains = 10;
                }
            }
        } else {
            if (mosaicSpread < 0.0) {
                p(out, "WARNING: no mosaic spread specified.  setting mosaic_domains = 1\n");
                mosaicSpread = 0.0;
                mosaicDomains = 1;
            } else if (mosaicSpread == 0.0) {
                p(out, "WARNING: zero mosaic spread specified.  setting mosaic_domains = 1\n");
                mosaicDomains = 1;
            }
        }
        if (thick <= 0.0 || thickstep <= 0.0 || thicksteps <= 0) {
            thicksteps = 1; thick = 0.0; thickstep = 0.0;
        }
        return new StepSelection(phisteps, phi0, phistep, osc,
                hdiv.orNoneIfEmpty(), vdiv.orNoneIfEmpty(), disp.orNoneIfEmpty(),
                thicksteps, thick, thickstep, mu, mosaicDomains, mosaicSpread);
    }

    /** S25: lists the detector layers and the phi steps as upstream does before the sources. */
    void printListings(PrintStream out) {
        for (int tt = 0; tt < thicksteps; tt++) {
            p(out, "thick%d = %g um\n", tt, thickstep * tt * 1e6);
        }
        for (int pt = 0; pt < phisteps; pt++) {
            double phi = phi0 + phistep * pt;
            p(out, "phi%d = %g\n", pt, phi * RTD);
        }
    }

    /** S21: the oversampling and its warning for a crystal of largest dimension xmax (m). */
    static Oversample oversample(OversampleInput c, double xmax, double distance, double pixelSize, PrintStream out) {
        double recipPixel = c.lambda0() * distance / pixelSize;
        // U2079: at distance 0 the quotient is infinite and C's conversion gives INT_MIN, so the
        // guard below makes it 1 (a Java cast would give MAX_VALUE subpixels per axis: a hang)
        int recommended = CNum.toInt(Math.ceil(3.0 * xmax / recipPixel));
        if (recommended <= 0) recommended = 1;
        int oversample = c.oversample();
        if (oversample <= 0) {
            oversample = recommended;
            p(out, "auto-selected %d-fold oversampling\n", oversample);
        }
        if (oversample < recommended) {
            p(out, "WARNING: maximum dimension of sample is %g A\n", xmax * 1e10);
            p(out, "         but reciprocal pixel size is %g A\n", recipPixel * 1e10);
            p(out, "         intensity may vary significantly across a pixel!\n");
            p(out, "         recommend -oversample %d to work around this\n", recommended);
        }
        return new Oversample(oversample, recommended);
    }

    private static void p(PrintStream out, String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }
}
