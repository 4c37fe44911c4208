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
    private final int compatThreads;

    /**
     * @param command program and leading arguments; the case argv is appended after
     *                {@code -mode M -threads N}
     */
    public JavaSimulator(List<String> command, Map<String, String> provenance) {
        this(command, provenance, 1);
    }

    private JavaSimulator(List<String> command, Map<String, String> provenance, int compatThreads) {
        this.command = List.copyOf(command);
        this.provenance = Map.copyOf(provenance);
        this.compatThreads = compatThreads;
    }

    /**
     * The same simulator emulating an upstream OpenMP build at {@code n} threads in compat mode
     * ({@code -compat_threads n}, added when n > 1): upstream's OpenMP reduction adds the pixel sums
     * of each thread's chunk separately, which the simulator reproduces (issue 13 item 5).
     */
    public JavaSimulator withCompatThreads(int n) {
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("compat_threads", Integer.toString(n));
        return new JavaSimulator(command, p, n);
    }

    /** The default: the simulator jar of the repository, with the JVM running this harness. */
    public static JavaSimulator fromRepo(Path repoRoot, String override) throws BackendException {
        if (override != null && !override.isBlank()) {
            List<String> cmd = List.of(override.trim().split("\\s+"));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("java_command", String.join(" ", cmd));
            p.putAll(ProgramDigests.of(cmd, "java_"));
            return new JavaSimulator(cmd, p);
        }
        Path jar = repoRoot.resolve("simulator/target/nanobragg.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BackendException("Java simulator not built: " + jar + " is missing (run mvn -B package)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-jar", jar.toString());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("java_command", java + " -jar " + jar);
        p.putAll(ProgramDigests.of(cmd, "java_"));
        if (!p.containsKey("java_jar_sha256")) {
            throw new BackendException("cannot read " + jar);
        }
        return new JavaSimulator(cmd, p);
    }

    /** The full command line for an argv (as written to commands.txt). */
    public List<String> command(List<String> argv, String mode, int threads) {
        List<String> cmd = new ArrayList<>(command);
        // the harness flags go first: an argv may end in a flag whose meaning depends on being last
        cmd.addAll(List.of("-mode", mode, "-threads", Integer.toString(threads)));
        if (compatThreads > 1) {
            cmd.addAll(List.of("-compat_threads", Integer.toString(compatThreads)));
        }
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
