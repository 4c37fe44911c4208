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
 * A side run as a subprocess from its {@link Candidate} description, exactly like the C side
 * (fresh directory holding only the inputs), so that every image and every trace comes from a
 * real run of the program: the Java simulator by default ({@code fixtures/candidates/java.json},
 * {@code java -jar simulator/target/nanobragg.jar}), a command given by {@code --java-cmd} or
 * {@code NBPARITY_JAVA_CMD} (whitespace-separated; tests use it to substitute a fake), or any
 * other port ({@code --candidate}). Project flags ({@code -mode M -threads N}) are added first
 * only when the description says it takes them; its environment variables are set for the run.
 */
public final class JavaSimulator {
    private final Candidate candidate;
    private final Path repo;
    private final Map<String, String> provenance;
    private final int compatThreads;
    /** How errors name this side: "Java" for the simulator, else the candidate's name. */
    private final String label;

    private JavaSimulator(Candidate candidate, Path repo, Map<String, String> provenance, int compatThreads, String label) {
        this.candidate = candidate;
        this.repo = repo;
        this.provenance = Map.copyOf(provenance);
        this.compatThreads = compatThreads;
        this.label = label;
    }

    /** The runner of a command candidate (not a C-side one). */
    public static JavaSimulator of(Candidate c, Path repo) throws BackendException {
        if (c.runsC()) {
            throw new BackendException("candidate " + c.name() + " is the C side ({c}); it runs through the C backend");
        }
        List<String> cmd = c.expand(List.of(), repo);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("candidate", c.name());
        if (c.source() != null) {
            p.put("candidate_file", c.source().toString());
        }
        p.put("java_command", String.join(" ", cmd));
        c.expandedEnv(repo).forEach((k, v) -> p.put("env." + k, v));
        p.put("dtype", c.dtype());
        p.putAll(ProgramDigests.of(cmd, "java_"));
        return new JavaSimulator(c, repo, p, 1, "java".equals(c.name()) ? "Java" : c.name());
    }

    /** The repository the command's placeholders expand against. */
    Path repo() {
        return repo;
    }

    /** The candidate this runs. */
    public Candidate candidate() {
        return candidate;
    }

    /**
     * The same simulator emulating an upstream OpenMP build at {@code n} threads in compat mode
     * ({@code -compat_threads n}, added when n > 1 to a candidate taking project flags): upstream's
     * OpenMP reduction adds the pixel sums of each thread's chunk separately, which the simulator
     * reproduces (issue 13 item 5).
     */
    public JavaSimulator withCompatThreads(int n) {
        Map<String, String> p = new LinkedHashMap<>(provenance);
        if (candidate.projectFlags()) {
            p.put("compat_threads", Integer.toString(n));
        }
        return new JavaSimulator(candidate, repo, p, n, label);
    }

    /**
     * The default: the simulator jar of the repository run by {@code fixtures/candidates/java.json}
     * with the JVM running this harness, or the {@code override} command (the argv appended).
     */
    public static JavaSimulator fromRepo(Path repoRoot, String override) throws BackendException {
        if (override != null && !override.isBlank()) {
            List<String> cmd = new ArrayList<>(List.of(override.trim().split("\\s+")));
            cmd.add(Candidate.ARGS);
            // what it prints is read as it comes (a fake replays golden TRACE_C lines)
            return of(new Candidate("java", "--java-cmd " + override.trim(), cmd, Map.of(), true, "float32",
                    org.nbparity.harness.trace.DialectSpec.PROBE, null), repoRoot);
        }
        Path jar = repoRoot.resolve("simulator/target/nanobragg.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BackendException("Java simulator not built: " + jar + " is missing (run mvn -B package)");
        }
        Candidate c;
        try {
            c = Candidate.load(repoRoot, "java");
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage());
        }
        JavaSimulator j = of(c, repoRoot);
        if (!j.provenance.containsKey("java_jar_sha256")) {
            throw new BackendException("cannot read " + jar);
        }
        return j;
    }

    /** The project flags this side takes for a run: {@code -mode M -threads N [-compat_threads K]}, or none. */
    public List<String> projectFlags(String mode, int threads) {
        if (!candidate.projectFlags()) {
            return List.of();
        }
        List<String> f = new ArrayList<>(List.of("-mode", mode));
        f.addAll(threadFlags(threads));
        return f;
    }

    /** The thread flags of the project's flags: {@code -threads N [-compat_threads K]}, or none. */
    public List<String> threadFlags(int threads) {
        if (!candidate.projectFlags()) {
            return List.of();
        }
        List<String> f = new ArrayList<>(List.of("-threads", Integer.toString(threads)));
        if (compatThreads > 1) {
            f.addAll(List.of("-compat_threads", Integer.toString(compatThreads)));
        }
        return f;
    }

    /** The full command line for an argv (as written to commands.txt, after its environment). */
    public List<String> command(List<String> argv, String mode, int threads) {
        // the harness flags go first: an argv may end in a flag whose meaning depends on being last
        List<String> args = new ArrayList<>(projectFlags(mode, threads));
        args.addAll(argv);
        return candidate.expand(args, repo);
    }

    /** Runs the program once in a fresh {@code dir}. */
    public CRun run(List<String> argv, Map<String, Path> inputs, Path dir, String mode, int threads, Duration timeout)
            throws BackendException {
        return runCommand(command(argv, mode, threads), inputs, dir, threads, timeout);
    }

    /** Runs {@code cmd} (already expanded) once in a fresh {@code dir}. */
    CRun runCommand(List<String> cmd, Map<String, Path> inputs, Path dir, int threads, Duration timeout)
            throws BackendException {
        RunDirs.prepare(dir, inputs);
        Processes.Result r;
        try {
            r = Processes.run(cmd, dir, candidate.expandedEnv(repo), timeout);
        } catch (IOException e) {
            throw new BackendException("cannot start " + ("Java".equals(label) ? "the Java simulator" : label)
                    + " (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        if (r.timedOut()) {
            throw new BackendException(label + " run timed out after " + timeout.toSeconds() + " s");
        }
        if (r.exitCode() != 0) {
            String err = r.stderr().strip();
            int nl = err.lastIndexOf('\n');
            throw new BackendException(label + " run failed with " + Processes.describeExit(r.exitCode())
                    + (err.isEmpty() ? "" : ": " + (nl < 0 ? err : err.substring(nl + 1))));
        }
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("threads", Integer.toString(threads));
        return new CRun(0, r.stdout(), r.stderr(), dir, r.wall(), Map.copyOf(p));
    }

    /** Facts recorded with every run (command, digests, candidate). */
    public Map<String, String> provenance() {
        return provenance;
    }
}
