package org.nbparity.sim.setup;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.Libm;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.crystal.CellSetup;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.crystal.CrystalSize;
import org.nbparity.sim.crystal.Interpolation;
import org.nbparity.sim.crystal.MosaicSetup;
import org.nbparity.sim.crystal.Orientation;
import org.nbparity.sim.crystal.StructureFactorInput;
import org.nbparity.sim.crystal.StructureFactors;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.DetectorSetup;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.geometry.Sampling;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.source.Fluence;
import org.nbparity.sim.source.SourceSetup;
import org.nbparity.sim.source.Sources;
import org.nbparity.sim.source.StepRange;
import org.nbparity.sim.trace.TraceRequest;

/**
 * Everything upstream computes between the option parser and the pixel loop (setup.md S3-S31,
 * upstream lines 1118-2517), printing the same stdout lines. Runs once per simulation; the
 * result is immutable.
 *
 * <p>This class only orders the steps; each domain class does its own part with upstream's
 * arithmetic. The order of the calls is upstream's and must stay so: it fixes the order of the
 * stdout lines, of the ran1 draws (misset before mosaic) and of the input-file reads.
 * Detector: {@code geometry.DetectorSetup} (S3, S5-S7, S9 mask, S11-S13). Beam:
 * {@code source.Fluence} (S4), {@code source.SourceSetup} (S26). Crystal:
 * {@code crystal.StructureFactorInput} (S9, S23), {@code crystal.CellSetup} (S15, S16, S19),
 * {@code crystal.Orientation} (S17, S18), {@code crystal.CrystalSize} (S20, S22),
 * {@code crystal.MosaicSetup} (S27). Step counts: {@link StepSelection} (S10, S21, S25).
 * Summary: {@link SummaryPrinter} (S29).
 */
public final class SetupBuilder {
    private static final double WATER_F = 2.57;
    private static final double WATER_MW = 18.0;

    private final Config c;
    private final PrintStream out;
    private final Path cwd;

    private SetupBuilder(Config c, PrintStream out, Path cwd) {
        this.c = c;
        this.out = out;
        this.cwd = cwd;
    }

    /**
     * Runs setup.
     *
     * @param c   the parsed command line
     * @param out upstream's stdout
     * @param cwd the run directory (input files and Fdump.bin resolve here)
     * @throws UsageException on missing required input or unreadable/malformed input files
     */
    public static Prepared build(Config c, PrintStream out, Path cwd) {
        if (mayCallLibm(c)) {
            // the libm downcall handles take ~0.1 s to create: overlap that with the setup
            Libm.prewarm();
        }
        return new SetupBuilder(c, out, cwd).run();
    }

    /**
     * Whether setup will probably call glibc's sin, cos or atan2 with arguments that need the
     * library, so that binding them in the background pays. Only speed depends on the answer.
     * A -mat crystal with no rotation, misset, mosaic spread or divergence needs none: zero
     * angles are answered without the library, and the cell angles, which are only printed, use
     * it only when the printed digits could depend on it ({@link Libm#atan2Printed}). Binding
     * costs ~90 generated classes and a long C2 compile of the JDK's class writer, which took a
     * core from the render (measured on the supervisor frame, 2 threads: 2.25 s -> 2.00 s).
     */
    static boolean mayCallLibm(Config c) {
        return c.matFile == null || (c.misset != null && c.misset[0] != 0)
                || c.rotx != 0 || c.roty != 0 || c.rotz != 0 || c.twotheta != 0
                || c.mosaicSpread > 0 || c.hdivrange > 0 || c.vdivrange > 0 || c.hdivstep > 0 || c.vdivstep > 0;
    }

    private void p(String fmt, Object... args) {
        out.print(CFormat.sprintf(fmt, args));
    }

    private Prepared run() {
        // ---------------------------------------------------------------- S3 detector size
        DetectorSetup.Size size = DetectorSetup.size(StepInputs.detectorSize(c));
        long pixels = size.pixels();

        // ---------------------------------------------------------------- S4 fluence, clipping
        Fluence beamFluence = Fluence.of(StepInputs.fluence(c), out);
        double fluence = beamFluence.fluence();

        // ---------------------------------------------------------------- S5-S7 detector frame
        DetectorSetup.Frame frame = DetectorSetup.frame(StepInputs.detectorFrame(c), size, out);
        Roi roi = frame.roi();
        long progressPixels = (long) (roi.xmax() - roi.xmin() + 1) * (roi.ymax() - roi.ymin() + 1);

        // ---------------------------------------------------------------- S8, S9
        p("nanoBragg nanocrystal diffraction simulator - James Holton and Ken Frankel 5-17-17\n");
        StructureFactorInput.Input sfFiles = StepInputs.structureFactors(c);
        StructureFactorInput sfInput = StructureFactorInput.locate(sfFiles, cwd, out);
        int[] mask = DetectorSetup.mask(StepInputs.mask(c), size);

        // ---------------------------------------------------------------- S10 step counts
        StepSelection sel = StepSelection.select(StepInputs.sampling(c), out);

        // ---------------------------------------------------------------- S11-S13 detector placement
        DetectorSetup.Placement place = DetectorSetup.place(StepInputs.detectorPlacement(c), size, frame, out);

        // ---------------------------------------------------------------- S14 interpolation
        Interpolation interpolation = Interpolation.select(StepInputs.interpolation(c), out);

        // ---------------------------------------------------------------- S15-S19 cell, misset
        CellSetup.Input cellInput = StepInputs.cell(c);
        CellSetup.Reciprocal reciprocal = CellSetup.readMat(cellInput, cwd, out, CellSetup.fromCell(cellInput, out));
        Ran1 ran1 = new Ran1();
        Orientation orientation = Orientation.apply(StepInputs.orientation(c), ran1, reciprocal, out);
        CellSetup.Cell cell = CellSetup.derive(cellInput, orientation.basis(), out);

        // ---------------------------------------------------------------- S20 size in cells
        CrystalSize xtal = CrystalSize.of(StepInputs.crystalSize(c), beamFluence.sampleX(), beamFluence.sampleY(),
                beamFluence.sampleZ(), cell, out);
        double xmax = xtal.xmax();

        // ---------------------------------------------------------------- S21 oversample
        StepSelection.Oversample os = StepSelection.oversample(StepInputs.oversample(c), xmax, place.distance(),
                size.pixelSize(), out);
        int oversample = os.chosen(), recommended = os.recommended();

        // ---------------------------------------------------------------- S22 bookkeeping
        double mw = xtal.molecularWeight();
        p("approximate MW = %g\n", mw);

        // ---------------------------------------------------------------- S23 structure factors
        StructureFactors sf = sfInput.load(sfFiles, cwd, out);

        // ---------------------------------------------------------------- S24 stol file
        StructureFactorInput.checkStol(sfFiles, cwd, out);

        // ---------------------------------------------------------------- S25 listings
        sel.printListings(out);

        // ---------------------------------------------------------------- S26 sources
        SourceSetup sourceSetup = SourceSetup.build(StepInputs.sources(c), cwd, out, frame.beam(), frame.polar(), frame.vert(),
                sel.hdiv(), sel.vdiv(), sel.disp());
        Sources src = sourceSetup.sources();
        int sources = src.count();
        int divsteps = sourceSetup.divsteps();

        // ---------------------------------------------------------------- S27 mosaic
        double[] umats = MosaicSetup.umats(sel.mosaicDomains(), sel.mosaicSpread(), c.mosaicSeed, ran1, out);

        // ---------------------------------------------------------------- S28 steps
        oversample = Math.max(oversample, 1);
        int steps = sources * sel.mosaicDomains() * sel.phisteps() * oversample * oversample;
        double subpixelSize = size.pixelSize() / oversample;

        // ---------------------------------------------------------------- S30 water
        double fBg = WATER_F;
        // already contains r_e^2*fluence; the kernel multiplies by it again (quirk Q24)
        double iBg = fBg * fBg * Units.R_E_SQR * fluence * c.waterSize * c.waterSize * c.waterSize
                * 1e6 * Units.AVOGADRO / WATER_MW;

        // ---------------------------------------------------------------- S31 hand-over
        DetectorReport report = new DetectorReport(frame.convention(), frame.pivot(), size.detsizeF(),
                size.detsizeS(), frame.xbeam(), frame.ybeam(), place.fbeam(), place.sbeam(), place.fclose(),
                place.sclose(), place.orgx(), place.orgy(), place.dialsOrigin(), c.twotheta, frame.ttAxis(),
                c.rotx, c.roty, c.rotz);
        DetectorGeometry det = new DetectorGeometry(size.fpixels(), size.spixels(), size.pixelSize(),
                place.fdet(), place.sdet(), place.odet(), place.pix0(), place.distance(), place.closeDistance(),
                c.curved, c.pointPixel, sel.thicksteps(), sel.thickstep(), sel.thick(), sel.mu(), roi, mask, report);
        Sampling sampling = new Sampling(oversample, subpixelSize, c.oversampleThick, c.oversamplePolar,
                c.oversampleOmega);
        Crystal crystal = new Crystal(cell.a(), cell.b(), cell.c(), cell.aStar(), cell.bStar(), cell.cStar(),
                cell.vCell(), xtal.na(), xtal.nb(), xtal.nc(), c.shape, c.fudge,
                sel.phi0(), sel.phistep(), sel.phisteps(), sel.osc(), frame.spindle(), sel.mosaicSpread(),
                sel.mosaicDomains(), umats);
        TraceRequest trace = c.traceSpixel >= 0 ? new TraceRequest(c.traceSpixel, c.traceFpixel, c.traceLevel) : null;
        RenderOptions ro = new RenderOptions(c.threads, c.compatThreads, c.printout, c.printoutFpixel,
                c.printoutSpixel, c.progressMeter, progressPixels, trace);
        Setup setup = new Setup(c.mode, det, sampling, src, crystal, sf, interpolation.withTable(sf), c.dmin,
                fluence, Units.R_E_SQR, c.waterSize, iBg, steps, ro);
        StepRange hdiv = sel.hdiv(), vdiv = sel.vdiv(), disp = sel.disp();
        SetupDetails details = new SetupDetails(place.ratio(), orientation.missetRad(), orientation.random(),
                frame.xclose(), frame.yclose(), hdiv.range(), hdiv.step(), hdiv.steps(),
                vdiv.range(), vdiv.step(), vdiv.steps(), divsteps, disp.range(), disp.step(), disp.steps(),
                interpolation.autoMessage(), pixels, xmax, recommended, mw,
                cell.aLengthAngstrom(), cell.bLengthAngstrom(), cell.cLengthAngstrom(), frame.vert());

        // ---------------------------------------------------------------- S29 summary
        SummaryPrinter.print(c, setup, details, out);
        return new Prepared(setup, ran1, c.seed, details);
    }
}
