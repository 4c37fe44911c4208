package org.nbparity.harness.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths and helpers shared by harness tests. */
public final class TestEnv {
    private TestEnv() {
    }

    /** Repository root (surefire passes nb.repo). */
    public static Path repo() {
        String p = System.getProperty("nb.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("fixtures/thresholds.json"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    /** ../shared (surefire passes nb.shared). */
    public static Path shared() {
        String p = System.getProperty("nb.shared");
        return p != null ? Path.of(p).toAbsolutePath().normalize() : repo().resolve("../shared").normalize();
    }

    /**
     * A file of ../shared the test needs: with CI=true its absence fails the test, otherwise the
     * test is skipped (never silently green).
     */
    public static Path requireShared(String rel) {
        Path p = shared().resolve(rel);
        if (!Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("missing shared data (CI=true): " + p);
            }
            Assumptions.assumeTrue(false, "shared data not present: " + p);
        }
        return p;
    }

    /**
     * The built simulator jar (simulator/target/nanobragg.jar, built by the reactor before this
     * module's tests): with CI=true its absence fails the test, otherwise the test is skipped.
     */
    public static Path requireSimulatorJar() {
        Path jar = repo().resolve("simulator/target/nanobragg.jar");
        if (!Files.isRegularFile(jar)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("simulator jar missing under CI=true: " + jar);
            }
            Assumptions.assumeTrue(false, "simulator jar not built: " + jar);
        }
        return jar;
    }

    /** The command line of the fake Java simulator replaying a golden folder with a fault. */
    public static String fakeJava(Path goldenDir, String fault) {
        try {
            Path classes = Path.of(FakeSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return java + " -cp " + classes + " " + FakeSimulator.class.getName() + " " + goldenDir + " " + fault;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Result of an in-process CLI call. */
    public record Cli(int code, String out, String err) {
        /** A progress line of {@code run}: {@code [  1.2 s] case: phase}. */
        public static final java.util.regex.Pattern PROGRESS = java.util.regex.Pattern.compile("^\\[\\s*\\d+\\.\\d s\\] ");

        /** stderr without the progress lines. */
        public String errors() {
            StringBuilder sb = new StringBuilder();
            err.lines().filter(l -> !PROGRESS.matcher(l).find()).forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }

        /** The progress lines of stderr. */
        public List<String> progress() {
            return err.lines().filter(l -> PROGRESS.matcher(l).find()).toList();
        }

    }

    /** Runs nbparity in-process. */
    public static Cli nbparity(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = org.nbparity.harness.cli.NbParity.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }
}
