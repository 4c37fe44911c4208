package org.nbparity.sim.config;

import org.nbparity.sim.trace.TraceLevel;

/** The parser's mutable working copy of {@link Config} (upstream's variables while parsing). */
final class ParseState {
    static final double DEFAULT_FLUENCE = 1.25932015286227086360700780544e29;

    // ---- project flags (not upstream) ----
    Mode mode = Mode.COMPAT;
    int threads = Runtime.getRuntime().availableProcessors();
    int compatThreads = 1;
    int traceSpixel = -1;
    int traceFpixel = -1;
    TraceLevel traceLevel = TraceLevel.PIXEL;
    boolean noDefaultOutputs = false;
    boolean help = false;
    /** detector-native outputs (issue 15): file names (null = off) and NXmx options. */
    String cbfFile, cbfNoiseFile, nxsFile;
    boolean nxsFloat = false, nxsCompress = true;
    /** derivative images (issue 18): parameters (empty = none), file prefix, float64 files. */
    java.util.List<DerivParam> deriv = java.util.List.of();
    String derivFile;
    boolean derivDouble = false;

    // ---- crystal ----
    double na = 1.0;
    double nb = 1.0;
    double nc = 1.0;
    boolean userCell = false;
    /** typed cell lengths, Angstrom, and angles, rad (0 = not given). */
    double cellA = 0, cellB = 0, cellC = 0, alpha = 0, beta = 0, gamma = 0;
    /** misset[0]: 0 none, 1 fixed, -1 random; misset[1..3] rad. */
    final double[] misset = {0, 0, 0, 0};
    double sampleX = 0, sampleY = 0, sampleZ = 0;
    double density = 1.0e6, molecularWeight = 18.0;
    Shape shape = Shape.SQUARE;
    double fudge = 1;

    // ---- detector ----
    double xbeam = Double.NaN, ybeam = Double.NaN, xclose = Double.NaN, yclose = Double.NaN;
    double orgx = Double.NaN, orgy = Double.NaN, closeDistance = Double.NaN;
    Pivot pivot = Pivot.BEAM;
    Convention convention = Convention.MOSFLM;
    final double[] beamVector = {1, 0, 0};
    final double[] fdetVector = {0, 0, 1};
    final double[] sdetVector = {0, -1, 0};
    final double[] odetVector = {1, 0, 0};
    final double[] pix0Vector = {0, 0, 0};
    final double[] twothetaAxis = {0, 1, 0};
    final double[] polarVector = {0, 0, 1};
    final double[] spindleVector = {0, 0, 1};
    double distance = 0.1;
    double detsizeF = 0.1024, detsizeS = 0.1024;
    double pixelSize = 1.0e-4;
    int fpixels = 0, spixels = 0;
    double rotx = 0, roty = 0, rotz = 0, twotheta = 0;
    double detectorMu = -1.0, detectorThick = 0.0;
    int detectorThicksteps = -1;
    boolean curved = false, pointPixel = false;
    int roiXmin = -1, roiXmax = -1, roiYmin = -1, roiYmax = -1;
    int oversample = -1;
    boolean oversampleThick = false, oversamplePolar = false, oversampleOmega = false;

    // ---- beam ----
    double polarization = 0.0;
    boolean nopolar = false;
    double lambda0 = 1.0e-10;
    double dispersion = 0.0;
    int dispsteps = -1;
    double hdivrange = -1.0, vdivrange = -1.0, hdivstep = -1.0, vdivstep = -1.0;
    int hdivsteps = -1, vdivsteps = -1;
    boolean roundDiv = true;
    /** upstream's default fluence, photons/m^2 (setup.md constants); its product with r_e^2 rounds to 1.0 */
    double fluence = DEFAULT_FLUENCE;
    double flux = 0.0, exposure = 1.0, beamsize = 1.0e-4;
    double mosaicSpread = -1.0;
    int mosaicDomains = -1;
    double phi0 = 0.0, osc = -1.0, phistep = -1.0;
    int phisteps = -1;
    double dmin = 0;
    double defaultF = 0.0;
    int interpolate = 2;
    double waterSize = 0.0;

    // ---- files ----
    String matFile, hklFile, stolFile, imgFile, maskFile, sourceFile, stoloutFile;
    String dumpFile = "Fdump.bin";
    double stolFileMult = 1.0e10;
    String floatFile = "floatimage.bin", intFile = "intimage.img", pgmFile = "image.pgm",
            noiseFile = "noiseimage.img";
    boolean floatFileGiven, intFileGiven, pgmFileGiven, noiseFileGiven;
    /** noise image and PGM are written unless -nonoise/-nopgm (quirk Q30, lines 394-395). */
    boolean calculateNoise = true, writePgm = true;
    double intfileScale = 0.0, pgmScale = 0.0, adcOffset = 40.0;
    boolean coherent = false;
    boolean printout = false, progressMeter = true;
    int printoutFpixel = -1, printoutSpixel = -1;

    // ---- seeds ----
    /** noise seed as upstream holds it: -time(NULL) unless -seed. */
    long seed;
    long mosaicSeed = -12345678;
    /** captured from the time-based seed before parsing (quirk Q13, upstream line 358). */
    long missetSeed;

    // ---- header-only state (pass 1) ----
    /** header TWOTHETA goes to an unused variable (quirk Q11); kept only for the record. */
    double headerTwotheta = Double.NaN;
    /** mask pixels from the -mask file, or null. */
    int[] maskPixels;

    ParseState(long timeSeed) {
        this.seed = timeSeed;
        this.missetSeed = timeSeed;
    }
}
