package org.nbparity.sim.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.config.UsageException;
import org.nbparity.sim.io.OutputOptions;
import org.nbparity.sim.io.OutputStage;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.render.Renderer;
import org.nbparity.sim.setup.Prepared;
import org.nbparity.sim.setup.SetupBuilder;

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
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        int rc = run(args, out, System.err, Path.of("").toAbsolutePath());
        out.flush();
        System.exit(rc);
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
            Config c = ArgParser.parse(args, -(System.currentTimeMillis() / 1000), out, err, cwd);
            if (c.help) {
                out.print(ArgParser.usage());
                return 0;
            }
            Prepared prep = SetupBuilder.build(c, out, cwd);
            OutputOptions opts = outputOptions(c, cwd);
            RenderResult result = Renderer.render(prep.setup(), out);
            OutputStage.write(prep.setup(), opts, result, prep.ran1(), out);
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

    /** Output files and scaling from the flags (io-rng.md sections 9-10). */
    public static OutputOptions outputOptions(Config c, Path cwd) {
        boolean defaults = !c.noDefaultOutputs;
        Path floatFile = (defaults || c.floatFileGiven) ? cwd.resolve(c.floatFile) : null;
        Path intFile = (defaults || c.intFileGiven) ? cwd.resolve(c.intFile) : null;
        Path pgmFile = c.writePgm ? cwd.resolve(c.pgmFile) : null;
        Path noiseFile = c.calculateNoise ? cwd.resolve(c.noiseFile) : null;
        return new OutputOptions(floatFile, intFile, pgmFile, noiseFile, c.intfileScale, c.pgmScale,
                c.adcOffset, c.seed, false);
    }
}
