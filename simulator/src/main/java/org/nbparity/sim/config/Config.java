package org.nbparity.sim.config;

import org.nbparity.sim.geometry.Convention;
import org.nbparity.sim.geometry.Pivot;
import org.nbparity.sim.crystal.Shape;
import org.nbparity.sim.trace.TraceLevel;

/**
 * Everything the command line (and the {@code -img}/{@code -mask} headers of pass 1) set, with
 * upstream's defaults (cli-flags.md section 2). SI units inside (metres, radians) unless a name
 * says otherwise. Values are upstream's raw variables before any setup step; "not set" is NaN
 * (setup.md R5) or a negative count as upstream uses.
 *
 * <p>Only {@link ArgParser} writes the fields; everyone else treats an instance as read-only
 * (setup copies what it changes into its own state).
 */
public final class Config {
    // ---- project flags (not upstream) ----
    public Mode mode = Mode.COMPAT;
    public int threads = Runtime.getRuntime().availableProcessors();
    public int compatThreads = 1;
    public int traceSpixel = -1;
    public int traceFpixel = -1;
    public TraceLevel traceLevel = TraceLevel.PIXEL;
    public boolean noDefaultOutputs = false;
    public boolean help = false;

    // ---- crystal ----
    public double na = 1.0, nb = 1.0, nc = 1.0;
    public boolean userCell = false;
    /** typed cell lengths, Angstrom, and angles, rad (0 = not given). */
    public double cellA = 0, cellB = 0, cellC = 0, alpha = 0, beta = 0, gamma = 0;
    /** misset[0]: 0 none, 1 fixed, -1 random; misset[1..3] rad. */
    public final double[] misset = {0, 0, 0, 0};
    public double sampleX = 0, sampleY = 0, sampleZ = 0;
    public double density = 1.0e6, molecularWeight = 18.0;
    public Shape shape = Shape.SQUARE;
    public double fudge = 1;

    // ---- detector ----
    public double xbeam = Double.NaN, ybeam = Double.NaN, xclose = Double.NaN, yclose = Double.NaN;
    public double orgx = Double.NaN, orgy = Double.NaN, closeDistance = Double.NaN;
    public Pivot pivot = Pivot.BEAM;
    public Convention convention = Convention.MOSFLM;
    public final double[] beamVector = {1, 0, 0};
    public final double[] fdetVector = {0, 0, 1};
    public final double[] sdetVector = {0, -1, 0};
    public final double[] odetVector = {1, 0, 0};
    public final double[] pix0Vector = {0, 0, 0};
    public final double[] twothetaAxis = {0, 1, 0};
    public final double[] polarVector = {0, 0, 1};
    public final double[] spindleVector = {0, 0, 1};
    public double distance = 0.1;
    public double detsizeF = 0.1024, detsizeS = 0.1024;
    public double pixelSize = 1.0e-4;
    public int fpixels = 0, spixels = 0;
    public double rotx = 0, roty = 0, rotz = 0, twotheta = 0;
    public double detectorMu = -1.0, detectorThick = 0.0;
    public int detectorThicksteps = -1;
    public boolean curved = false, pointPixel = false;
    public int roiXmin = -1, roiXmax = -1, roiYmin = -1, roiYmax = -1;
    public int oversample = -1;
    public boolean oversampleThick = false, oversamplePolar = false, oversampleOmega = false;

    // ---- beam ----
    public double polarization = 0.0;
    public boolean nopolar = false;
    public double lambda0 = 1.0e-10;
    public double dispersion = 0.0;
    public int dispsteps = -1;
    public double hdivrange = -1.0, vdivrange = -1.0, hdivstep = -1.0, vdivstep = -1.0;
    public int hdivsteps = -1, vdivsteps = -1;
    public boolean roundDiv = true;
    public double fluence = 125932015286227086360700780544.0;
    public double flux = 0.0, exposure = 1.0, beamsize = 1.0e-4;
    public double mosaicSpread = -1.0;
    public int mosaicDomains = -1;
    public double phi0 = 0.0, osc = -1.0, phistep = -1.0;
    public int phisteps = -1;
    public double dmin = 0;
    public double defaultF = 0.0;
    public int interpolate = 2;
    public double waterSize = 0.0;

    // ---- files ----
    public String matFile, hklFile, stolFile, imgFile, maskFile, sourceFile, stoloutFile;
    public String dumpFile = "Fdump.bin";
    public double stolFileMult = 1.0e10;
    public String floatFile = "floatimage.bin", intFile = "intimage.img", pgmFile = "image.pgm",
            noiseFile = "noiseimage.img";
    public boolean floatFileGiven, intFileGiven, pgmFileGiven, noiseFileGiven;
    public boolean calculateNoise = true, writePgm = true;
    public double intfileScale = 0.0, pgmScale = 0.0, adcOffset = 40.0;
    public boolean coherent = false;
    public boolean printout = false, progressMeter = true;
    public int printoutFpixel = -1, printoutSpixel = -1;

    // ---- seeds ----
    /** noise seed as upstream holds it: -time(NULL) unless -seed. */
    public long seed;
    public long mosaicSeed = -12345678;
    /** captured from the time-based seed before parsing (quirk Q13, upstream line 358). */
    public long missetSeed;

    // ---- header-only state (pass 1) ----
    /** header TWOTHETA goes to an unused variable (quirk Q11); kept only for the record. */
    public double headerTwotheta = Double.NaN;
    /** mask pixels from the -mask file, or null. */
    public int[] maskPixels;

    Config(long timeSeed) {
        this.seed = timeSeed;
        this.missetSeed = timeSeed;
    }
}
