package org.nbparity.sim.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.CNum;
import org.nbparity.sim.clib.Units;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.io.SmvHeader;
import org.nbparity.sim.trace.TraceLevel;

/**
 * Upstream's command-line parser (cli-flags.md section 1, upstream lines 400-1116), reproduced
 * with its matching rules: two passes, substring matching, arguments never consumed, handlers
 * that continue with the next handler, later flags win.
 *
 * <p>Project rules on top (issue "Simulator I"): a token upstream would ignore is ignored with a
 * one-line warning; a missing or non-numeric value is a {@link UsageException}; the project
 * flags ({@code -mode -threads -compat_threads -trace_pixel -trace_level -no_default_outputs
 * -cbffile -cbfnoisefile -nxsfile -nxsfloat -nxs_nocompress
 * -h -help --help}) match exactly and never reach upstream's handlers (none of upstream's names
 * occurs inside them, and none of them occurs inside an upstream name).
 *
 * <p>Bad values are refused in both modes with one line naming the flag and the value (issue
 * 17; simulator/README.md "Differences from upstream" lists what upstream accepts instead):
 * nan/inf anywhere, a {@code -cell} with 2 to 5 numbers (1 is a cubic cell), edges &lt;= 0 or
 * angles outside (0, 180); wavelength, energy, pixel size and detector size &lt;= 0; a distance
 * of 0; pixel, step and domain counts &lt; 1; unit-cell counts &lt; 0; and the same quantities
 * read from an {@code -img}/{@code -mask} header.
 */
public final class ArgParser {
    private final String[] argv;
    private final int argc;
    private final ParseState c;
    private final PrintStream out;
    private final PrintStream err;
    private final Path cwd;
    /** argument positions read by some handler (never warned about). */
    private final boolean[] consumed;
    private boolean fired;

    private ArgParser(String[] args, long timeSeed, PrintStream out, PrintStream err, Path cwd) {
        // upstream's argv[0] is the program name; keep its indexing so argc tests read the same
        this.argv = new String[args.length + 1];
        this.argv[0] = "nanoBragg";
        System.arraycopy(args, 0, argv, 1, args.length);
        this.argc = argv.length;
        this.c = new ParseState(timeSeed);
        this.out = out;
        this.err = err;
        this.cwd = cwd;
        this.consumed = new boolean[argc];
    }

    /**
     * Parses argv (without the program name).
     *
     * @param timeSeed -time(NULL) as upstream computes its default seeds (S0)
     * @param out      upstream's stdout (header reading prints there)
     * @param err      warnings
     * @param cwd      directory relative file names resolve against
     */
    public static Config parse(String[] args, long timeSeed, PrintStream out, PrintStream err, Path cwd) {
        for (String a : args) {
            // a C argv cannot hold one; through the Java API it would reach Path as an
            // InvalidPathException (found by fuzzing)
            if (a.indexOf('\0') >= 0) {
                throw new UsageException("'" + a + "': an argument cannot contain a NUL character");
            }
        }
        ArgParser p = new ArgParser(args, timeSeed, out, err, cwd);
        p.projectPass();
        if (!p.c.help) {
            p.pass1();
            p.pass2();
        }
        return new Config(p.c);
    }

    // ------------------------------------------------------------------ project flags

    private static boolean isProjectFlag(String t) {
        switch (t) {
            case "-mode": case "-threads": case "-compat_threads": case "-trace_pixel":
            case "-trace_level": case "-no_default_outputs": case "-help": case "--help": case "-h":
            case "-cbffile": case "-cbfnoisefile": case "-nxsfile": case "-nxsfloat": case "-nxs_nocompress":
            case "-deriv": case "-derivfile": case "-deriv_precision":
                return true;
            default:
                return false;
        }
    }

    /** Project flags first, so that -mode applies to the whole command line wherever it stands. */
    private void projectPass() {
        for (int i = 1; i < argc; i++) {
            String t = argv[i];
            switch (t) {
                case "-help": case "--help": case "-h":
                    c.help = true;
                    break;
                case "-mode": {
                    String v = value(i, 1, t);
                    switch (v) {
                        case "compat": c.mode = Mode.COMPAT; break;
                        case "fixed": c.mode = Mode.FIXED; break;
                        default: throw new UsageException("-mode: expected compat or fixed, got '" + v + "'");
                    }
                    break;
                }
                case "-threads":
                    c.threads = count(i, t, 1, "a count");
                    break;
                case "-compat_threads":
                    c.compatThreads = count(i, t, 1, "a count");
                    break;
                case "-trace_pixel":
                    c.traceSpixel = intArg(i, 1, t);
                    c.traceFpixel = intArg(i, 2, t);
                    if (c.traceSpixel < 0 || c.traceFpixel < 0) {
                        throw new UsageException("-trace_pixel: pixel indices must be >= 0");
                    }
                    break;
                case "-trace_level": {
                    String v = value(i, 1, t);
                    switch (v) {
                        case "run": c.traceLevel = TraceLevel.RUN; break;
                        case "pixel": c.traceLevel = TraceLevel.PIXEL; break;
                        case "loops": c.traceLevel = TraceLevel.LOOPS; break;
                        default: throw new UsageException("-trace_level: expected run, pixel or loops, got '" + v + "'");
                    }
                    break;
                }
                case "-no_default_outputs":
                    c.noDefaultOutputs = true;
                    break;
                // detector-native formats (issue 15); no upstream name occurs inside these
                case "-cbffile":
                    c.cbfFile = value(i, 1, t);
                    break;
                case "-cbfnoisefile":
                    c.cbfNoiseFile = value(i, 1, t);
                    break;
                case "-nxsfile":
                    c.nxsFile = value(i, 1, t);
                    break;
                case "-nxsfloat":
                    c.nxsFloat = true;
                    break;
                case "-nxs_nocompress":
                    c.nxsCompress = false;
                    break;
                // derivative images (issue 18)
                case "-deriv":
                    c.deriv = DerivParam.parseList(value(i, 1, t));
                    break;
                case "-derivfile":
                    c.derivFile = value(i, 1, t);
                    break;
                case "-deriv_precision": {
                    String v = value(i, 1, t);
                    switch (v) {
                        case "float": c.derivDouble = false; break;
                        case "double": c.derivDouble = true; break;
                        default: throw new UsageException("-deriv_precision: expected float or double, got '" + v + "'");
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (!c.deriv.isEmpty() && c.derivFile == null) {
            throw new UsageException("-deriv: needs -derivfile PREFIX (where the derivative images go)");
        }
        if (c.deriv.isEmpty() && c.derivFile != null) {
            throw new UsageException("-derivfile: needs -deriv NAME[,NAME...] (which derivatives to write)");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** argv[i+k] as a string; a missing value is an error naming the flag. */
    private String value(int i, int k, String flag) {
        if (!(argc > i + k)) {
            throw new UsageException(flag + ": missing value" + (k > 1 ? "s (needs " + k + ")" : ""));
        }
        for (int j = 1; j <= k; j++) {
            consumed[i + j] = true;
        }
        return argv[i + k];
    }

    /** atof(argv[i+k]) after checking that the value exists and is a number. */
    private double num(int i, int k, String flag) {
        String v = value(i, k, flag);
        if (!CNum.isNumber(v)) {
            throw new UsageException(flag + ": not a number: '" + v + "'");
        }
        double d = CNum.atof(v);
        if (!Double.isFinite(d)) {
            // atof takes nan/inf/infinity; no flag has a meaning for them (upstream runs on)
            throw new UsageException(flag + ": not a finite number: '" + v + "'");
        }
        return d;
    }

    /** {@link #num} that must be greater than zero (a length, a wavelength, an energy). */
    private double positive(int i, int k, String flag) {
        double d = num(i, k, flag);
        if (!(d > 0)) {
            throw new UsageException(flag + ": must be greater than 0, got '" + argv[i + k] + "'");
        }
        return d;
    }

    /**
     * {@link #intArg} for a count that must be at least {@code min}: steps, layers, domains,
     * pixels, threads (min 1) and unit cells (min 0: 0 and 1 both mean one cell, upstream line
     * 2068). {@code noun} names the count in the message.
     */
    private int count(int i, String flag, int min, String noun) {
        int n = intArg(i, 1, flag);
        if (n < min) {
            throw new UsageException(flag + ": expected " + noun + " >= " + min + ", got '" + argv[i + 1] + "'");
        }
        return n;
    }

    /** atoi(argv[i+k]) after the same checks (so "-N 2.7" is 2 as upstream). */
    private int intArg(int i, int k, String flag) {
        String v = value(i, k, flag);
        if (!CNum.isNumber(v)) {
            throw new UsageException(flag + ": not a number: '" + v + "'");
        }
        if (!Double.isFinite(CNum.atof(v))) {
            throw new UsageException(flag + ": not a finite number: '" + v + "'");
        }
        return CNum.atoi(v);
    }

    /** Handler condition {@code argc > i+k} plus the project's missing-value rule. */
    private boolean need(int i, int k, String flag) {
        fired = true;
        if (!(argc > i + k)) {
            throw new UsageException(flag + ": missing value" + (k > 1 ? "s (needs " + k + ")" : ""));
        }
        return true;
    }

    /**
     * The crystal size flags (mm), spelled with either family prefix: {@code <all>size}/{@code <p>size},
     * {@code <p>thick}/{@code <p>x}, {@code <p>width}/{@code <p>y}/{@code -width},
     * {@code <p>heigh}/{@code <p>z}/{@code -heigh}. Upstream tests both families one after the
     * other, so a bare -width or -heigh matches in each; the second assignment is the same value.
     */
    private void crystalSize(int i, String t, String all, String p) {
        if ((has(t, all + "size") || has(t, p + "size")) && need(i, 1, t)) {
            c.sampleX = c.sampleY = c.sampleZ = num(i, 1, t) / 1000;
        }
        if ((has(t, p + "thick") || has(t, p + "x")) && need(i, 1, t)) {
            c.sampleX = num(i, 1, t) / 1000;
        }
        if ((has(t, p + "width") || has(t, p + "y") || has(t, "-width")) && need(i, 1, t)) {
            c.sampleY = num(i, 1, t) / 1000;
        }
        if ((has(t, p + "heigh") || has(t, p + "z") || has(t, "-heigh")) && need(i, 1, t)) {
            c.sampleZ = num(i, 1, t) / 1000;
        }
    }

    private static boolean has(String t, String name) {
        return t.contains(name);
    }

    private void mark() {
        fired = true;
    }

    // ------------------------------------------------------------------ pass 1 (S1)

    private void pass1() {
        for (int i = 1; i < argc; i++) {
            String t = argv[i];
            if (t.isEmpty() || t.charAt(0) != '-' || isProjectFlag(t)) {
                continue;
            }
            if (has(t, "-img") && argc > i + 1) {
                c.imgFile = argv[i + 1];
            }
            if (has(t, "-mask") && argc > i + 1) {
                c.maskFile = argv[i + 1];
            }
        }
        // the mask header is read before the img header whatever the order (quirk Q11)
        if (c.maskFile != null) {
            SmvHeader h = SmvHeader.read(cwd.resolve(c.maskFile), c.maskFile, "-mask");
            out.print("reading " + c.maskFile + "\n");
            out.print(mmapLine(c.maskFile));
            ingest(h, true, "-mask: " + c.maskFile);
            c.maskPixels = h.pixels;
        }
        if (c.imgFile != null) {
            SmvHeader h = SmvHeader.read(cwd.resolve(c.imgFile), c.imgFile, "-img");
            out.print("reading " + c.imgFile + "\n");
            out.print(mmapLine(c.imgFile));
            ingest(h, false, "-img: " + c.imgFile);
        }
    }

    /**
     * Upstream prints the heap address of the frame buffer here (line 4220); an address cannot
     * be reproduced, so this line is the one pre-loop stdout line that differs by design.
     */
    private static String mmapLine(String name) {
        return "mmap(" + name + ") = 0x0\n";
    }

    /** Header keys into the config (S1 steps 1-12). */
    private void ingest(SmvHeader h, boolean isMask, String source) {
        c.fpixels = h.width;
        c.spixels = h.height;
        double test = headerValue(h, "PIXEL_SIZE", source, HeaderValue.POSITIVE);
        if (!Double.isNaN(test)) c.pixelSize = test / 1000.0;
        c.detsizeF = c.pixelSize * c.fpixels;
        c.detsizeS = c.pixelSize * c.spixels;
        // substring match, last occurrence: a CLOSE_DISTANCE key also feeds DISTANCE (Q11, H11)
        test = headerValue(h, "DISTANCE", source, HeaderValue.NON_ZERO);
        if (!Double.isNaN(test)) c.distance = test / 1000.0;
        test = headerValue(h, "CLOSE_DISTANCE", source, HeaderValue.NON_ZERO);
        if (!Double.isNaN(test)) c.closeDistance = test / 1000.0;
        test = headerValue(h, "WAVELENGTH", source, HeaderValue.POSITIVE);
        if (!Double.isNaN(test)) c.lambda0 = test / 1e10;
        test = headerValue(h, "BEAM_CENTER_X", source, HeaderValue.FINITE);
        if (!Double.isNaN(test)) c.xbeam = test / 1000.0;
        test = headerValue(h, "BEAM_CENTER_Y", source, HeaderValue.FINITE);
        // only the mask flips BEAM_CENTER_Y (quirk Q11, upstream line 440 vs 483)
        if (!Double.isNaN(test)) c.ybeam = isMask ? c.detsizeS - test / 1000.0 : test / 1000.0;
        test = headerValue(h, "ORGX", source, HeaderValue.FINITE);
        if (!Double.isNaN(test)) c.orgx = test;
        test = headerValue(h, "ORGY", source, HeaderValue.FINITE);
        if (!Double.isNaN(test)) c.orgy = test;
        test = headerValue(h, "PHI", source, HeaderValue.FINITE);
        if (!Double.isNaN(test)) c.phi0 = test / Units.RTD;
        test = headerValue(h, "OSC_RANGE", source, HeaderValue.FINITE);
        if (!Double.isNaN(test)) c.osc = test / Units.RTD;
        test = headerValue(h, "TWOTHETA", source, HeaderValue.FINITE);
        // goes to an unused local in upstream: no effect on the detector (quirk Q11)
        if (!Double.isNaN(test)) c.headerTwotheta = test / Units.RTD;
    }

    /** What a header value must be, beyond finite (a NaN means "key absent" and passes). */
    private enum HeaderValue { FINITE, POSITIVE, NON_ZERO }

    /**
     * ValueOf(key) on an -img/-mask header, refused with one line naming the file and key when
     * it is infinite, or not what the quantity allows (upstream takes it as it is).
     */
    private static double headerValue(SmvHeader h, String key, String source, HeaderValue rule) {
        double v = h.valueOf(key);
        if (Double.isNaN(v)) {
            return v;
        }
        String bad = !Double.isFinite(v) ? "is not finite"
                : rule == HeaderValue.POSITIVE && !(v > 0) ? "must be greater than 0"
                : rule == HeaderValue.NON_ZERO && v == 0 ? "must not be 0" : null;
        if (bad != null) {
            throw new UsageException(source + ": header value " + key + " " + bad + ", got " + CFormat.sprintf("%g", v));
        }
        return v;
    }

    // ------------------------------------------------------------------ pass 2 (S2)

    private void pass2() {
        boolean fixed = c.mode == Mode.FIXED;
        for (int i = 1; i < argc; i++) {
            String t = argv[i];
            if (t.isEmpty() || t.charAt(0) != '-') {
                continue;
            }
            if (isProjectFlag(t)) {
                continue;
            }
            fired = false;
            handle(i, t, fixed);
            if (!fired && !consumed[i]) {
                // e.g. -dispstep, -hdiv, -detector_twotheta: upstream ignores them silently (Q26)
                warn("ignoring unknown option " + t);
            }
        }
        for (int i = 1; i < argc; i++) {
            String t = argv[i];
            if (!consumed[i] && !t.isEmpty() && t.charAt(0) != '-' && !projectValue(i)) {
                warn("ignoring stray argument '" + t + "'");
            }
        }
        if (c.noDefaultOutputs) {
            // project flag: only outputs named on the command line are written
            if (!c.noiseFileGiven) c.calculateNoise = false;
            if (!c.pgmFileGiven) c.writePgm = false;
        }
    }

    /** True when argv[i] is a value of a project flag. */
    private boolean projectValue(int i) {
        String p1 = argv[i - 1];
        if (p1.equals("-mode") || p1.equals("-threads") || p1.equals("-compat_threads")
                || p1.equals("-trace_level") || p1.equals("-trace_pixel") || p1.equals("-cbffile")
                || p1.equals("-cbfnoisefile") || p1.equals("-nxsfile") || p1.equals("-deriv")
                || p1.equals("-derivfile") || p1.equals("-deriv_precision")) {
            return true;
        }
        return i >= 2 && argv[i - 2].equals("-trace_pixel");
    }

    private void warn(String msg) {
        err.print("warning: " + msg + "\n");
    }

    /** Every upstream handler in source order; returns early where upstream does `continue`. */
    private void handle(int i, String t, boolean fixed) {
        // -img and -mask were handled in pass 1; -img matches again below with no effect
        if (has(t, "-mask") && argc > i + 1) {
            mark();
            consumed[i + 1] = true;
        }
        if (has(t, "-Na") && need(i, 1, "-Na")) {
            c.na = count(i, "-Na", 0, "a number of unit cells");
            return;
        }
        if (has(t, "-Nb") && need(i, 1, "-Nb")) {
            c.nb = count(i, "-Nb", 0, "a number of unit cells");
            return;
        }
        if (has(t, "-Nc") && need(i, 1, "-Nc")) {
            c.nc = count(i, "-Nc", 0, "a number of unit cells");
            return;
        }
        if (t.equals("-N") && need(i, 1, "-N")) {
            c.na = c.nb = c.nc = count(i, "-N", 0, "a number of unit cells");
            return;
        }
        if (has(t, "-cell")) {
            mark();
            c.userCell = true;
            // upstream reads up to 6 values and stops at a missing one or one starting with '-'
            // (b, c default to a, angles to 90); here six are required (or one, a cubic cell),
            // edges > 0 and angles strictly between 0 and 180 degrees
            int n = 0;
            while (n < 6 && argc > i + 1 + n && !argv[i + 1 + n].startsWith("-")) {
                double v = num(i, 1 + n, "-cell");
                if (n < 3 ? !(v > 0) : !(v > 0 && v < 180)) {
                    throw new UsageException("-cell: " + (n < 3 ? "cell edges must be greater than 0"
                            : "cell angles must lie between 0 and 180 degrees") + ", got '" + argv[i + 1 + n] + "'");
                }
                switch (n) {
                    case 0: c.cellA = v; break;
                    case 1: c.cellB = v; break;
                    case 2: c.cellC = v; break;
                    case 3: c.alpha = v / Units.RTD; break;
                    case 4: c.beta = v / Units.RTD; break;
                    default: c.gamma = v / Units.RTD; break;
                }
                n++;
            }
            // one number stays accepted: the cubic cell a a a 90 90 90 (upstream lines 1796-1800)
            if (n != 6 && n != 1) {
                throw new UsageException("-cell: needs 6 numbers (a b c alpha beta gamma) or 1 (a cubic cell), got " + n);
            }
            return;
        }
        boolean missetExact = t.equals("-misset");
        if (has(t, "-misset") && argc > i + 1) {
            if (argv[i + 1].contains("rand")) {
                mark();
                consumed[i + 1] = true;
                c.misset[0] = -1;
                return;
            }
        }
        if (has(t, "-misset")) {
            if (argc > i + 3) {
                mark();
                c.misset[0] = 1;
                if (missetExact) {
                    c.misset[1] = num(i, 1, t) / Units.RTD;
                    c.misset[2] = num(i, 2, t) / Units.RTD;
                    c.misset[3] = num(i, 3, t) / Units.RTD;
                } else {
                    // -misset_seed N a b also sets a fixed misset (N, a, b) degrees with plain
                    // atof, replacing an earlier -misset random (quirk Q12, lines 553/561)
                    c.misset[1] = finiteAtof(i + 1, t) / Units.RTD;
                    c.misset[2] = finiteAtof(i + 2, t) / Units.RTD;
                    c.misset[3] = finiteAtof(i + 3, t) / Units.RTD;
                    consumed[i + 2] = consumed[i + 3] = true;
                }
            } else if (missetExact) {
                throw new UsageException("-misset: missing values (needs 3 angles or 'random')");
            }
        }
        crystalSize(i, t, "-sample", "-sample_");
        crystalSize(i, t, "-xtal", "-xtal_");
        if ((has(t, "-density") || has(t, "-sample_den")) && need(i, 1, t)) {
            c.density = num(i, 1, t) * 1e6; // dead: overwritten in setup (Q18)
        }
        if ((t.equals("-MW") || has(t, "-molec")) && need(i, 1, t)) {
            c.molecularWeight = num(i, 1, t); // dead: overwritten in setup (Q18)
        }
        if (has(t, "-Xbeam") && need(i, 1, t)) {
            c.xbeam = num(i, 1, t) / 1000.0;
            c.pivot = Pivot.BEAM;
        }
        if (has(t, "-Ybeam") && need(i, 1, t)) {
            c.ybeam = num(i, 1, t) / 1000.0;
            c.pivot = Pivot.BEAM;
        }
        if (has(t, "-Xclose") && need(i, 1, t)) {
            c.xclose = num(i, 1, t) / 1000.0;
            c.pivot = Pivot.SAMPLE;
        }
        if (has(t, "-Yclose") && need(i, 1, t)) {
            c.yclose = num(i, 1, t) / 1000.0;
            c.pivot = Pivot.SAMPLE;
        }
        if (has(t, "-ORGX") && need(i, 1, t)) {
            c.orgx = num(i, 1, t);
            c.pivot = Pivot.SAMPLE;
        }
        if (has(t, "-ORGY") && need(i, 1, t)) {
            c.orgy = num(i, 1, t);
            c.pivot = Pivot.SAMPLE;
        }
        if (has(t, "-pivot") && need(i, 1, t)) {
            String w = value(i, 1, t);
            if (w.contains("sample")) c.pivot = Pivot.SAMPLE;
            if (w.contains("beam")) c.pivot = Pivot.BEAM;
            if (!w.contains("sample") && !w.contains("beam")) warn("-pivot: '" + w + "' is neither sample nor beam; ignored");
        }
        if (has(t, "-mosflm")) { mark(); c.convention = Convention.MOSFLM; c.pivot = Pivot.BEAM; }
        if (has(t, "-xds")) { mark(); c.convention = Convention.XDS; c.pivot = Pivot.SAMPLE; }
        if (has(t, "-adxv")) { mark(); c.convention = Convention.ADXV; c.pivot = Pivot.BEAM; }
        if (has(t, "-denzo")) { mark(); c.convention = Convention.DENZO; c.pivot = Pivot.BEAM; }
        // -dials sets BEAM here; the DIALS block forces SAMPLE later (quirk Q7)
        if (has(t, "-dials")) { mark(); c.convention = Convention.DIALS; c.pivot = Pivot.BEAM; }
        // every custom-vector flag switches to CUSTOM (quirk Q6)
        if (has(t, "-fdet_vector") && need(i, 3, t)) vec3(i, t, c.fdetVector);
        if (has(t, "-sdet_vector") && need(i, 3, t)) vec3(i, t, c.sdetVector);
        if (has(t, "-odet_vector") && need(i, 3, t)) vec3(i, t, c.odetVector);
        if (has(t, "-beam_vector") && need(i, 3, t)) vec3(i, t, c.beamVector);
        if (has(t, "-polar_vector") && need(i, 3, t)) vec3(i, t, c.polarVector);
        if (has(t, "-spindle_axis") && need(i, 3, t)) vec3(i, t, c.spindleVector);
        if (has(t, "-twotheta_axis") && need(i, 3, t)) vec3(i, t, c.twothetaAxis);
        // -pix0_vector (and -pix0_vector_mm by substring) only selects CUSTOM: the values are
        // overwritten in setup (quirk Q5, lines 721-728 vs 1719/1740)
        if (has(t, "-pix0_vector") && need(i, 3, t)) vec3(i, t, c.pix0Vector);
        if (has(t, "-distance") && need(i, 1, t)) {
            c.distance = nonZero(i, t) / 1000.0;
            c.pivot = Pivot.BEAM;
        }
        if (has(t, "-close_distance") && need(i, 1, t)) {
            c.closeDistance = nonZero(i, t) / 1000.0;
            c.pivot = Pivot.SAMPLE;
        }
        // the four thickness flags test argc >= i+1 upstream and read past argv when last
        // (quirk Q27: SIGSEGV); here a missing value is an error in both modes
        if (has(t, "-detector_abs") && need(i, 1, t)) {
            String v = value(i, 1, t);
            if (v.contains("inf")) {
                c.detectorThick = 0.0; // also zeroes the thickness (quirk Q28)
                c.detectorMu = 0.0;
            } else {
                double a = num(i, 1, t);
                if (a == 0.0) {
                    c.detectorThick = 0.0;
                    c.detectorMu = 0.0;
                } else {
                    c.detectorMu = 1.0 / (a * 1e-6);
                }
            }
        }
        if (has(t, "-detector_thick") && t.length() == 15 && need(i, 1, t)) {
            c.detectorThick = num(i, 1, t) * 1e-6;
        }
        if (has(t, "-detector_thicksteps") && need(i, 1, t)) {
            c.detectorThicksteps = count(i, t, 1, "a count");
        }
        if (has(t, "-thicksteps") && need(i, 1, t)) {
            c.detectorThicksteps = count(i, t, 1, "a count");
        }
        // -twotheta_axis fires this handler too: two-theta = axis x in degrees, pivot SAMPLE (Q2)
        if (has(t, "-twotheta") && need(i, 1, t)) {
            c.twotheta = num(i, 1, t) / Units.RTD;
            c.pivot = Pivot.SAMPLE;
        }
        if (has(t, "-detector_rotx") && need(i, 1, t)) c.rotx = num(i, 1, t) / Units.RTD;
        if (has(t, "-detector_roty") && need(i, 1, t)) c.roty = num(i, 1, t) / Units.RTD;
        if (has(t, "-detector_rotz") && need(i, 1, t)) c.rotz = num(i, 1, t) / Units.RTD;
        if (has(t, "-detsize") && t.length() == 8 && need(i, 1, t)) {
            c.detsizeF = positive(i, 1, t) / 1000.0;
            c.detsizeS = positive(i, 1, t) / 1000.0;
        }
        if (has(t, "-detsize_f") && need(i, 1, t)) c.detsizeF = positive(i, 1, t) / 1000.0;
        if (has(t, "-detsize_s") && need(i, 1, t)) c.detsizeS = positive(i, 1, t) / 1000.0;
        if (has(t, "-detpixels") && t.length() == 10 && need(i, 1, t)) {
            c.fpixels = c.spixels = count(i, t, 1, "a pixel count");
        }
        if ((has(t, "-detpixels_f") || has(t, "-detpixels_x")) && need(i, 1, t)) c.fpixels = count(i, t, 1, "a pixel count");
        if ((has(t, "-detpixels_s") || has(t, "-detpixels_y")) && need(i, 1, t)) c.spixels = count(i, t, 1, "a pixel count");
        if (has(t, "-curved_det")) {
            mark();
            if (argc > i + 1 || fixed) {
                c.curved = true;
            } else {
                // compat: needs a following token, as the last argument it is ignored
                // (quirk Q27, line 806); fixed mode honours it (fix/curved-det-flag-guard)
                warn("-curved_det as the last argument is ignored (upstream behaviour; -mode fixed honours it)");
            }
        }
        if (has(t, "-pixel") && need(i, 1, t)) c.pixelSize = positive(i, 1, t) / 1000.0;
        if (has(t, "-point_pixel")) { mark(); c.pointPixel = true; }
        if (has(t, "-polar") && t.length() == 6 && need(i, 1, t)) {
            c.polarization = num(i, 1, t);
            c.nopolar = false; // -polar K clears an earlier -nopolar (quirk Q25)
        }
        if (has(t, "-nopolar")) { mark(); c.nopolar = true; }
        if (has(t, "-oversample_thick")) { mark(); c.oversampleThick = true; return; }
        if (has(t, "-oversample_polar")) { mark(); c.oversamplePolar = true; return; }
        if (has(t, "-oversample_omega")) { mark(); c.oversampleOmega = true; return; }
        if (has(t, "-oversample") && need(i, 1, t)) c.oversample = intArg(i, 1, t);
        if (has(t, "-roi") && need(i, 4, t)) {
            c.roiXmin = intArg(i, 1, t);
            c.roiXmax = intArg(i, 2, t);
            c.roiYmin = intArg(i, 3, t);
            c.roiYmax = intArg(i, 4, t);
        }
        if ((has(t, "-lambda") || has(t, "-wave")) && need(i, 1, t)) c.lambda0 = positive(i, 1, t) / 1.0e10;
        if (has(t, "-energy") && need(i, 1, t)) c.lambda0 = (12398.42 / positive(i, 1, t)) / 1.0e10;
        if (has(t, "-fluence") && need(i, 1, t)) c.fluence = num(i, 1, t);
        if (has(t, "-flux") && need(i, 1, t)) c.flux = num(i, 1, t);
        if (has(t, "-exposure") && need(i, 1, t)) c.exposure = num(i, 1, t);
        if (has(t, "-beamsize") && need(i, 1, t)) c.beamsize = num(i, 1, t) / 1000;
        if (((has(t, "-mosaic") && t.length() == 7) || has(t, "-mosaici") || has(t, "-mosaic_spr")) && need(i, 1, t)) {
            c.mosaicSpread = num(i, 1, t) / Units.RTD;
        }
        if (has(t, "-mosaic_dom") && need(i, 1, t)) c.mosaicDomains = count(i, t, 1, "a count");
        if (has(t, "-dispersion") && need(i, 1, t)) c.dispersion = num(i, 1, t) / 100.0;
        if (has(t, "-dispsteps") && need(i, 1, t)) c.dispsteps = count(i, t, 1, "a count");
        if (has(t, "-divergence") && need(i, 1, t)) c.hdivrange = c.vdivrange = num(i, 1, t) / 1000.0;
        if (has(t, "-hdivrange") && need(i, 1, t)) c.hdivrange = num(i, 1, t) / 1000.0;
        if (has(t, "-vdivrange") && need(i, 1, t)) c.vdivrange = num(i, 1, t) / 1000.0;
        if (has(t, "-hdivstep") && t.length() == 9 && need(i, 1, t)) c.hdivstep = num(i, 1, t) / 1000.0;
        if (has(t, "-hdivsteps") && need(i, 1, t)) c.hdivsteps = count(i, t, 1, "a count");
        if (has(t, "-vdivstep") && t.length() == 9 && need(i, 1, t)) c.vdivstep = num(i, 1, t) / 1000.0;
        if (has(t, "-vdivsteps") && need(i, 1, t)) c.vdivsteps = count(i, t, 1, "a count");
        if (has(t, "-divsteps") && need(i, 1, t)) c.hdivsteps = c.vdivsteps = count(i, t, 1, "a count");
        if (has(t, "-round_div")) { mark(); c.roundDiv = true; }
        if (has(t, "-square_div")) { mark(); c.roundDiv = false; }
        if (has(t, "-adc") && need(i, 1, t)) c.adcOffset = num(i, 1, t);
        if (has(t, "-phi") && t.length() == 4 && need(i, 1, t)) c.phi0 = num(i, 1, t) / Units.RTD;
        if (has(t, "-osc") && need(i, 1, t)) c.osc = num(i, 1, t) / Units.RTD;
        if (has(t, "-phistep") && t.length() == 8 && need(i, 1, t)) c.phistep = num(i, 1, t) / Units.RTD;
        if (has(t, "-phisteps") && need(i, 1, t)) c.phisteps = count(i, t, 1, "a count");
        if (has(t, "-dmin") && need(i, 1, t)) c.dmin = num(i, 1, t) * 1e-10;
        if (has(t, "-mat") && need(i, 1, t)) c.matFile = value(i, 1, t);
        if (has(t, "-hkl") && need(i, 1, t)) c.hklFile = value(i, 1, t);
        if (has(t, "-default_F") && need(i, 1, t)) c.defaultF = num(i, 1, t);
        // hoidn's -dump_pixel lands here and names the dump file after the slow index (cli 4)
        if (has(t, "-dump") && need(i, 1, t)) c.dumpFile = value(i, 1, t);
        if (has(t, "-img") && need(i, 1, t)) c.imgFile = value(i, 1, t);
        if (has(t, "-stolout") && t.length() > 7 && need(i, 1, t)) c.stoloutFile = value(i, 1, t);
        if (has(t, "-stol") && t.length() == 5 && need(i, 1, t)) {
            c.stolFile = value(i, 1, t);
            c.stolFileMult = 1e10;
        }
        if (has(t, "-4stol") && t.length() == 6 && need(i, 1, t)) {
            c.stolFile = value(i, 1, t);
            c.stolFileMult = 1e10 / 4;
        }
        if (has(t, "-Q") && t.length() == 2 && need(i, 1, t)) {
            c.stolFile = value(i, 1, t);
            c.stolFileMult = 1e10 / Math.PI / 4;
        }
        if (has(t, "-sourcefile") && need(i, 1, t)) c.sourceFile = value(i, 1, t);
        if ((has(t, "-floatfile") || has(t, "-floatimage")) && need(i, 1, t)) {
            c.floatFile = value(i, 1, t);
            c.floatFileGiven = true;
        }
        if ((has(t, "-intfile") || has(t, "-intimage")) && need(i, 1, t)) {
            c.intFile = value(i, 1, t);
            c.intFileGiven = true;
        }
        if ((has(t, "-pgmfile") || has(t, "-pgmimage")) && need(i, 1, t)) {
            c.pgmFile = value(i, 1, t);
            c.pgmFileGiven = true;
            c.writePgm = true;
        }
        if ((has(t, "-noisefile") || has(t, "-noiseimage")) && need(i, 1, t)) {
            c.noiseFile = value(i, 1, t);
            c.noiseFileGiven = true;
            c.calculateNoise = true;
        }
        if (has(t, "-nonoise")) { mark(); c.calculateNoise = false; }
        if (has(t, "-nopgm")) { mark(); c.writePgm = false; }
        if (has(t, "-scale") && need(i, 1, t)) c.intfileScale = num(i, 1, t);
        if (has(t, "-pgmscale") && need(i, 1, t)) {
            c.pgmScale = num(i, 1, t);
            c.writePgm = true;
        }
        if (has(t, "-coherent")) { mark(); c.coherent = true; } // dead upstream
        if (has(t, "-printout")) { mark(); c.printout = true; }
        if (has(t, "-noprogress")) { mark(); c.progressMeter = false; }
        if (has(t, "-progress")) { mark(); c.progressMeter = true; }
        if (has(t, "-interpolate")) { mark(); c.interpolate = 1; }
        if (has(t, "-nointerpolate")) { mark(); c.interpolate = 0; }
        if (has(t, "-round_xtal")) { mark(); c.shape = Shape.ROUND; }
        if (has(t, "-square_xtal")) { mark(); c.shape = Shape.SQUARE; }
        if (has(t, "-gauss_xtal")) { mark(); c.shape = Shape.GAUSS; }
        if (has(t, "-binary_spots") || has(t, "-tophat_spots")) { mark(); c.shape = Shape.TOPHAT; }
        if (has(t, "-fudge") && need(i, 1, t)) c.fudge = num(i, 1, t);
        if (has(t, "-printout_pixel") && need(i, 2, t)) {
            c.printoutFpixel = intArg(i, 1, t);
            c.printoutSpixel = intArg(i, 2, t);
        }
        if (has(t, "-seed") && need(i, 1, t)) c.seed = -(long) intArg(i, 1, t);
        if (has(t, "-mosaic_seed") && need(i, 1, t)) c.mosaicSeed = -(long) intArg(i, 1, t);
        if (has(t, "-misset_seed") && need(i, 1, t)) c.missetSeed = -(long) intArg(i, 1, t);
        if (has(t, "-water") && need(i, 1, t)) c.waterSize = num(i, 1, t) / 1e6;
    }


    /** A distance: any finite value but 0 (upstream keeps only its size, setup.md S11 step 4). */
    private double nonZero(int i, String t) {
        double d = num(i, 1, t);
        if (d == 0) {
            throw new UsageException(t + ": must not be 0, got '" + argv[i + 1] + "'");
        }
        return d;
    }

    /** Plain atof as upstream (text gives 0), but nan/inf refused. */
    private double finiteAtof(int j, String t) {
        double d = CNum.atof(argv[j]);
        if (!Double.isFinite(d)) {
            throw new UsageException(t + ": not a finite number: '" + argv[j] + "'");
        }
        return d;
    }

    private void vec3(int i, String t, double[] v) {
        c.convention = Convention.CUSTOM;
        v[0] = num(i, 1, t);
        v[1] = num(i, 2, t);
        v[2] = num(i, 3, t);
    }

    /** Usage text for -help (written for this project; upstream prints its own only on error). */
    public static String usage() {
        return String.join("\n",
                "usage: nanobragg [upstream nanoBragg flags] [project flags]",
                "  crystal:   -cell a b c al be ga | -mat A.mat, -misset x y z | -misset random,",
                "             -N n | -Na/-Nb/-Nc n | -xtal_size mm, -round_xtal -square_xtal -gauss_xtal -tophat_spots",
                "  structure: -hkl file.hkl, -default_F F, -interpolate | -nointerpolate",
                "  detector:  -distance mm -pixel mm -detpixels n | -detpixels_x n -detpixels_y n, -detsize mm,",
                "             -Xbeam -Ybeam mm, -ORGX -ORGY px, -mosflm -xds -adxv -denzo -dials, -twotheta deg,",
                "             -detector_rotx/-roty/-rotz deg, -fdet_vector/-sdet_vector/-odet_vector/-beam_vector x y z,",
                "             -detector_thick um -detector_abs um -thicksteps n, -curved_det, -point_pixel, -roi x0 x1 y0 y1",
                "  beam:      -lambda A | -energy eV, -dispersion % -dispsteps n, -divergence mrad -divsteps n,",
                "             -fluence | -flux -exposure -beamsize, -polar K | -nopolar, -sourcefile file",
                "  sampling:  -oversample n, -phi -osc deg -phisteps n, -mosaic deg -mosaic_domains n",
                "  output:    -floatfile -intfile -pgmfile -noisefile name, -nopgm -nonoise, -scale -pgmscale -adc,",
                "             -seed n -mosaic_seed n -misset_seed n, -water um, -printout_pixel f s, -noprogress",
                "  project:   -mode compat|fixed (default compat), -threads N, -compat_threads N,",
                "             -trace_pixel S F, -trace_level run|pixel|loops, -no_default_outputs, -h | -help | --help",
                "  formats:   -cbffile name, -cbfnoisefile name (Pilatus miniCBF of the int / noise image),",
                "             -nxsfile name (NeXus/NXmx HDF5), -nxsfloat (adds the float image), -nxs_nocompress",
                "  derivs:    -deriv name[,name...] -derivfile prefix [-deriv_precision float|double]: images of",
                "             d(pixel)/d(param) for misset_x misset_y misset_z cell_a cell_b cell_c N distance fluence default_F",
                "Required: a cell (-cell or -mat) and structure factors (-hkl, a Fdump.bin, or -default_F).",
                "Refused (exit 2): a -cell with 2 to 5 numbers (1 means a cubic cell), nan/inf values, a wavelength,",
                "energy, pixel size, detector size or cell edge <= 0, a distance of 0, pixel and step counts < 1, -N < 0.",
                "");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
