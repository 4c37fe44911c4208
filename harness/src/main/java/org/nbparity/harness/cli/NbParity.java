package org.nbparity.harness.cli;

import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.cases.CaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code nbparity}: runs C and Java on parity cases and writes verifiable evidence bundles.
 * Exit codes: 0 pass, 1 parity failure, 2 usage, 3 environment or oracle problem.
 */
@Command(name = "nbparity", mixinStandardHelpOptions = true, version = "nbparity 0.1.0",
        description = "Runs the C and Java nanoBragg on parity cases, compares them, and writes evidence bundles.",
        subcommands = {RunCommand.class, SuiteCommand.class, TraceDiffCommand.class, ImageDiffCommand.class,
                VerifyCommand.class, SignOffCommand.class, BundleDiffCommand.class, KeygenCommand.class, RecordCommand.class,
                ShrinkCommand.class, CampaignCommand.class, GradCheckCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:pass (run/suite), verified (verify), no divergence (trace-diff, image-diff, bundle-diff)",
                "1:parity failure: a gate failed, a suite verdict flipped, a bundle FAILED verification",
                "2:usage error",
                "3:environment or oracle problem: missing input, C build failure, crash or timeout, no engine",
                "4:verify: UNSIGNED (intact, no signature)",
                "5:verify: UNTRUSTED (signed, but by no trusted key; or too few trusted sign-offs)"})
public final class NbParity implements Runnable {
    /** Parity failure. */
    public static final int FAIL = 1;
    /** Usage error. */
    public static final int USAGE = 2;
    /** Environment or oracle problem. */
    public static final int ENV = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NbParity());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String msg = ex instanceof BackendException || ex instanceof CaseException
                    || ex instanceof EnvironmentException || ex instanceof IOException
                    ? ex.getMessage() : "internal error: " + ex;
            cmd.getErr().println("nbparity: " + msg);
            cmd.getErr().flush();
            return ENV;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The repository root: {@code NBPARITY_REPO}, else system property {@code nb.repo}, else the
     * first parent of the working directory holding {@code fixtures/thresholds.json}.
     */
    static Path repoRoot() throws EnvironmentException {
        String env = System.getenv("NBPARITY_REPO");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String prop = System.getProperty("nb.repo");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fixtures/thresholds.json"))) {
                return p;
            }
        }
        throw new EnvironmentException("cannot find the nbparity repository (set NBPARITY_REPO or use bin/nbparity)");
    }
}
