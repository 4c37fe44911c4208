package org.nbparity.harness.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side, run as a subprocess exactly like the C side (fresh directory holding only the
 * inputs), so that every image and every trace comes from a real run of the program. The command
 * is {@code java -jar simulator/target/nanobragg.jar} unless overridden ({@code --java-cmd} or
 * {@code NBPARITY_JAVA_CMD}, whitespace-separated), which tests use to substitute a fake.
 */
public final class JavaSimulator {
    private final List<String> command;
    private final Map<String, String> provenance;

    /**
     * @param command program and leading arguments; the case argv is appended after
     *                {@code -mode M -threads N}
     */
    public JavaSimulator(List<String> command, Map<String, String> provenance) {
        this.command = List.copyOf(command);
        this.provenance = Map.copyOf(provenance);
    }

    /** The default: the simulator jar of the repository, with the JVM running this harness. */
    public static JavaSimulator fromRepo(Path repoRoot, String override) throws BackendException {
        if (override != null && !override.isBlank()) {
            List<String> cmd = List.of(override.trim().split("\\s+"));
            return new JavaSimulator(cmd, Map.of("java_command", String.join(" ", cmd)));
        }
        Path jar = repoRoot.resolve("simulator/target/nanobragg.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BackendException("Java simulator not built: " + jar + " is missing (run mvn -B package)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("java_command", java + " -jar " + jar);
        try {
            p.put("java_jar_sha256", org.nbparity.harness.cases.Canonical.sha256(jar));
        } catch (IOException e) {
            throw new BackendException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        return new JavaSimulator(List.of(java.toString(), "-jar", jar.toString()), p);
    }

    /** The full command line for an argv (as written to commands.txt). */
    public List<String> command(List<String> argv, String mode, int threads) {
        List<String> cmd = new ArrayList<>(command);
        // the harness flags go first: an argv may end in a flag whose meaning depends on being last
        cmd.addAll(List.of("-mode", mode, "-threads", Integer.toString(threads)));
        cmd.addAll(argv);
        return cmd;
    }

    /** Runs the simulator once in a fresh {@code dir}. */
    public CRun run(List<String> argv, Map<String, Path> inputs, Path dir, String mode, int threads, Duration timeout)
            throws BackendException {
        RunDirs.prepare(dir, inputs);
        List<String> cmd = command(argv, mode, threads);
        Processes.Result r;
        try {
            r = Processes.run(cmd, dir, Map.of(), timeout);
        } catch (IOException e) {
            throw new BackendException("cannot start the Java simulator (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        if (r.timedOut()) {
            throw new BackendException("Java run timed out after " + timeout.toSeconds() + " s");
        }
        if (r.exitCode() != 0) {
            String err = r.stderr().strip();
            int nl = err.lastIndexOf('\n');
            throw new BackendException("Java run failed with " + Processes.describeExit(r.exitCode())
                    + (err.isEmpty() ? "" : ": " + (nl < 0 ? err : err.substring(nl + 1))));
        }
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("threads", Integer.toString(threads));
        return new CRun(0, r.stdout(), r.stderr(), dir, r.wall(), Map.copyOf(p));
    }
}
