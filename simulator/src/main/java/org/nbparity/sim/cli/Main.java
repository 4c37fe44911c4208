package org.nbparity.sim.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.output.DerivativeWriter;
import org.nbparity.sim.output.NativeFormats;
import org.nbparity.sim.output.OutputOptions;
import org.nbparity.sim.output.OutputStage;
import org.nbparity.sim.render.DerivativeRenderer;
import org.nbparity.sim.render.DerivativeResult;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.render.Renderer;
import org.nbparity.sim.setup.DerivativeSetup;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.Prepared;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.setup.SetupBuilder;
import org.nbparity.sim.setup.TestFault;

/**
 * The {@code nanobragg} command: argv -> config -> setup -> render -> outputs, with upstream's
 * flags and stdout. Exit codes: 0 ok, 2 bad usage or input, 3 I/O error.
 */
public final class Main {
    /** Exit status for a bad command line or bad input file. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for an I/O failure while writing outputs. */
    public static final int EXIT_IO = 3;

    private Main() {
    }

    public static void main(String[] args) {
        Integer relaunched = relaunchWithGlibcLibm(args);
        if (relaunched != null) {
            System.exit(relaunched);
        }
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false);
        int rc = run(args, out, System.err, Path.of("").toAbsolutePath());
        out.flush();
        System.exit(rc);
    }

    /**
     * Bit parity needs glibc's libm (clib.Libm), reachable only with the foreign-API JVM flags
     * that {@code bin/nanobragg} passes. A plain {@code java -jar nanobragg.jar} re-runs itself
     * once in a child JVM with those flags (stdin/stdout inherited, stderr relayed without the
     * JVM's incubator-module notice) and returns its exit code; null means "run here" (flags
     * present, relaunch disabled with -Dnb.relaunch=false, or no incubator module).
     */
    static Integer relaunchWithGlibcLibm(String[] args) {
        if ("glibc".equals(org.nbparity.sim.clib.Libm.backend())
                || System.getProperty("nb.relaunched") != null
                || "false".equals(System.getProperty("nb.relaunch"))
                || java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.foreign").isEmpty()) {
            return null;
        }
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("--add-modules");
        cmd.add(java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent()
                ? "jdk.incubator.foreign,jdk.incubator.vector" : "jdk.incubator.foreign");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Dnb.relaunched=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(java.util.List.of(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getErrorStream(), java.nio.charset.StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("WARNING: Using incubator modules")) {
                        System.err.println(line);
                    }
                }
            }
            return p.waitFor();
        } catch (java.io.IOException e) {
            return null; // could not start a child JVM: run here with the Java fallback
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * Runs one simulation in-process.
     *
     * @param args argv without the program name
     * @param out  upstream's stdout
     * @param err  warnings and errors
     * @param cwd  run directory: inputs resolve and outputs land here
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Path cwd) {
        try {
            PhaseClock clock = PhaseClock.fromProperty(err);
            Renderer.warmUp();
            Config c = ArgParser.parse(args, -(System.currentTimeMillis() / 1000), out, err, cwd);
            clock.mark("parse");
            if (c.help) {
                out.print(ArgParser.usage());
                return 0;
            }
            Prepared prep = SetupBuilder.build(c, out, cwd);
            Setup setup = prep.setup();
            clock.mark("setup");
            TestFault fault = TestFault.fromEnvironment();
            if (fault.active()) {
                err.print("nanobragg: WARNING: test fault injected: " + fault.quantity() + " " + fault.value() + "\n");
                setup = fault.apply(setup);
            }
            // derivative parameters are checked before anything is rendered or written (issue 18)
            java.util.List<ParamTangent> tangents = c.deriv.isEmpty() ? java.util.List.of()
                    : DerivativeSetup.build(c, prep, cwd);
            OutputOptions opts = outputOptions(c, cwd);
            OutputStage.refuseInexpressible(setup, opts);
            RenderResult result = Renderer.render(setup, out, fault.omegaFactor());
            clock.event("simd-ready-after-render-start", Renderer.simdReadyNanos());
            clock.mark("render");
            OutputStage.write(setup, opts, result, prep.ran1(), out, cwd);
            clock.mark("output");
            if (!tangents.isEmpty()) {
                DerivativeResult d = DerivativeRenderer.render(setup, tangents, fault.omegaFactor(), err);
                clock.mark("derivatives");
                DerivativeWriter.write(setup, d, c.derivFile, c.derivDouble, cwd);
                clock.mark("derivative-output");
            }
            return 0;
        } catch (UsageException e) {
            out.flush();
            err.print("nanobragg: error: " + e.getMessage() + "\n");
            return EXIT_USAGE;
        } catch (UncheckedIOException e) {
            out.flush();
            err.print("nanobragg: I/O error: " + e.getMessage() + "\n");
            return EXIT_IO;
        } finally {
            out.flush();
        }
    }

    /**
     * Parses and runs setup only (tests, setup-level tools); prints what upstream prints before
     * the pixel loop.
     */
    public static Prepared prepare(String[] args, long timeSeed, PrintStream out, PrintStream err, Path cwd) {
        Config c = ArgParser.parse(args, timeSeed, out, err, cwd);
        return SetupBuilder.build(c, out, cwd);
    }

    /**
     * Output files and scaling from the flags (io-rng.md sections 9-10). File names stay as typed
     * (stdout prints them); {@link OutputStage} resolves them against the run directory.
     */
    public static OutputOptions outputOptions(Config c, Path cwd) {
        boolean defaults = !c.noDefaultOutputs;
        Path floatFile = (defaults || c.floatFileGiven) ? Path.of(c.floatFile) : null;
        Path intFile = (defaults || c.intFileGiven) ? Path.of(c.intFile) : null;
        Path pgmFile = c.writePgm ? Path.of(c.pgmFile) : null;
        Path noiseFile = c.calculateNoise ? Path.of(c.noiseFile) : null;
        NativeFormats formats = new NativeFormats(path(c.cbfFile), path(c.cbfNoiseFile), path(c.nxsFile),
                c.nxsFloat, c.nxsCompress, c.exposure, c.flux);
        return new OutputOptions(floatFile, intFile, pgmFile, noiseFile, c.intfileScale, c.pgmScale,
                c.adcOffset, c.seed, false, formats);
    }

    private static Path path(String name) {
        return name == null ? null : Path.of(name);
    }
}
