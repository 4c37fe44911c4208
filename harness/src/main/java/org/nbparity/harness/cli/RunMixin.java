package org.nbparity.harness.cli;

import org.nbparity.harness.run.Progress;
import org.nbparity.harness.run.Shell;
import org.nbparity.harness.run.RunOptions;
import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.Backends;
import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.Candidate;
import org.nbparity.harness.backend.CandidateBackend;
import org.nbparity.harness.backend.ExecBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.backend.LocalBackend;
import org.nbparity.harness.backend.RecordedBackend;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.LoadedCase;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Options shared by {@code run} and {@code suite}, and the construction of the C and Java sides. */
public final class RunMixin {
    @Option(names = "--c-backend", paramLabel = "KIND",
            description = "docker, local, prebuilt or recorded (default: docker when an engine answers, else local)")
    String cBackend;

    @Option(names = "--c-bin", paramLabel = "PATH", description = "nanoBragg-compatible binary for --c-backend prebuilt")
    Path cBin;

    @Option(names = "--c-source", paramLabel = "DIR", description = "nanoBragg source folder built through the Dockerfile (docker backend)")
    Path cSource;

    @Option(names = "--c-files", paramLabel = "GLOB",
            description = "with --c-source: the C files to compile (default *.c), e.g. nanoBragg.c for upstream's repository")
    String cFiles;

    @Option(names = "--c-memory", paramLabel = "MIB", defaultValue = "0",
            description = "docker backend: memory limit of each C container in MiB (default 2048)")
    long cMemoryMib;

    @Option(names = "--mode", paramLabel = "MODE", description = "compat or fixed: picks the case variant of that mode (default: the case's own)")
    String mode;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Java threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--omp-threads", paramLabel = "N", defaultValue = "1", description = "OMP_NUM_THREADS for the C side (default ${DEFAULT-VALUE})")
    int ompThreads;

    @Option(names = "--reports", paramLabel = "DIR", description = "where bundles go (default: <repo>/reports)")
    Path reports;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM, see keygen) to sign each bundle's attestations (DSSE)")
    Path signKey;

    @Option(names = "--probe-threads", paramLabel = "N", defaultValue = "0",
            description = "determinism probes: Java with N threads and C with OMP N, compared with the main runs")
    int probeThreads;

    @Option(names = "--probe-trace", description = "determinism probe: a -trace_level loops run must leave the image bitwise unchanged")
    boolean probeTrace;

    @Option(names = "--java-cmd", paramLabel = "CMD",
            description = "command running the Java simulator (default: java -jar simulator/target/nanobragg.jar; env NBPARITY_JAVA_CMD)")
    String javaCmd;

    @Option(names = "--candidate", paramLabel = "FILE|NAME",
            description = "the side checked: a candidate description (fixtures/candidates/NAME.json or a file; default: this simulator)")
    String candidate;

    @Option(names = "--reference", paramLabel = "FILE|NAME",
            description = "the side checked against: a candidate description (default: the C side of the C backend options)")
    String reference;

    /** The descriptions read by {@link #validate} (null when not given). */
    private Candidate candidateDescription;
    private Candidate referenceDescription;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900", description = "limit per program run (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    /** Checks option combinations; throws a picocli usage error. */
    void validate(CommandLine cl) throws EnvironmentException {
        if (cBackend != null && !List.of("docker", "local", "prebuilt", "recorded").contains(cBackend)) {
            throw new CommandLine.ParameterException(cl, "Invalid value for option '--c-backend': '" + cBackend
                    + "' (expected docker, local, prebuilt or recorded)");
        }
        if (mode != null && !List.of("compat", "fixed").contains(mode)) {
            throw new CommandLine.ParameterException(cl, "Invalid value for option '--mode': '" + mode
                    + "' (expected compat or fixed)");
        }
        if ("prebuilt".equals(cBackend) && cBin == null) {
            throw new CommandLine.ParameterException(cl, "--c-backend prebuilt needs --c-bin PATH");
        }
        if (cBin != null && cBackend != null && !"prebuilt".equals(cBackend)) {
            throw new CommandLine.ParameterException(cl, "--c-bin is only used with --c-backend prebuilt");
        }
        if (cSource != null && cBackend != null && !"docker".equals(cBackend)) {
            throw new CommandLine.ParameterException(cl, "--c-source is only used with --c-backend docker");
        }
        if (cFiles != null && cSource == null) {
            throw new CommandLine.ParameterException(cl, "--c-files is only used with --c-source");
        }
        if (cMemoryMib < 0) {
            throw new CommandLine.ParameterException(cl, "--c-memory must be positive");
        }
        if (cMemoryMib > 0 && !"docker".equals(backendName())) {
            throw new CommandLine.ParameterException(cl, "--c-memory is only used with --c-backend docker");
        }
        if (threads < 1 || ompThreads < 1 || probeThreads < 0 || timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(cl, "--threads, --omp-threads and --timeout must be positive");
        }
        if (candidate != null && javaCmd != null) {
            throw new CommandLine.ParameterException(cl, "--java-cmd and --candidate both name the candidate: give one");
        }
        Path repo = NbParity.repoRoot();
        Candidate cand = candidateOrNull(cl, repo, candidate, "--candidate");
        candidateDescription = cand;
        if (cand != null && cand.runsC()) {
            throw new CommandLine.ParameterException(cl, "--candidate " + candidate + " is run by the C backend ({c}): "
                    + "give it as --reference, or describe its own command");
        }
        Candidate ref = candidateOrNull(cl, repo, reference, "--reference");
        referenceDescription = ref;
        if (ref != null && !ref.runsC() && (cBin != null || cSource != null || cBackend != null)) {
            throw new CommandLine.ParameterException(cl, "--reference " + reference
                    + " runs its own command: --c-backend, --c-bin and --c-source are not used");
        }
    }

    /** The description a {@code --candidate}/{@code --reference} value names, or null; a bad one is a usage error. */
    private static Candidate candidateOrNull(CommandLine cl, Path repo, String ref, String option) {
        if (ref == null) {
            return null;
        }
        try {
            return Candidate.load(repo, ref);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option + ": " + e.getMessage());
        }
    }

    /** The reference's description: {@code --reference}, else the C side as today. */
    Candidate reference(Path repo) {
        return referenceDescription != null ? referenceDescription : Candidate.cSide(cTakesMode());
    }

    /** Whether the reference takes the project's {@code -mode}: as described, else the project's c-reference only. */
    private boolean cTakesMode() {
        if (referenceDescription != null) {
            return referenceDescription.projectFlags();
        }
        return backendName().equals("local") || backendName().equals("docker") && cSource == null;
    }

    /** The backend name after defaults. */
    String backendName() {
        if (referenceDescription != null && !referenceDescription.runsC()) {
            return "candidate"; // the reference runs its own command, no C backend
        }
        if (cBackend != null) {
            return cBackend;
        }
        if (cBin != null) {
            return "prebuilt";
        }
        if (cSource != null) {
            return "docker";
        }
        return Backends.defaultName();
    }

    /** Creates the shared C backend (null for recorded, which is per case). */
    CBackend shared(Path repo) throws BackendException {
        if (referenceDescription != null) {
            Candidate ref = referenceDescription;
            if (!ref.runsC()) {
                JavaSimulator j = JavaSimulator.of(ref, repo);
                return new CandidateBackend(ompThreads > 1 ? j.withCompatThreads(ompThreads) : j);
            }
        }
        return switch (backendName()) {
            case "recorded" -> null;
            case "prebuilt" -> new ExecBackend("prebuilt", cBin, Map.of("backend", "prebuilt"));
            case "local" -> LocalBackend.build(repo.resolve("c-reference"), Duration.ofMinutes(10));
            case "docker" -> Backends.docker(repo, cSource == null ? null : cSource.toAbsolutePath(), cFiles, cMemoryMib);
            default -> throw new IllegalStateException(backendName());
        };
    }

    /** The backend for one case: the shared one, or the recorded oracle of the case. */
    CBackend forCase(CBackend shared, LoadedCase lc, CaseRepository repo) throws BackendException {
        return shared != null ? shared : RecordedBackend.forCase(lc, repo);
    }

    JavaSimulator java(Path repo) throws BackendException {
        String cmd = javaCmd != null ? javaCmd : System.getenv("NBPARITY_JAVA_CMD");
        JavaSimulator j = candidateDescription != null ? JavaSimulator.of(candidateDescription, repo)
                : JavaSimulator.fromRepo(repo, cmd);
        // an upstream OpenMP build at N threads sums each thread's chunk apart: the simulator's
        // -compat_threads N reproduces it (a PASS needs both sides at the same N)
        return ompThreads > 1 ? j.withCompatThreads(ompThreads) : j;
    }

    RunOptions options(Path repo, String commandLine) {
        Path rep = reports != null ? reports.toAbsolutePath().normalize() : repo.resolve("reports");
        return new RunOptions(repo, rep, backendName(), threads, ompThreads, probeThreads, probeTrace,
                signKey == null ? null : signKey.toAbsolutePath(), Duration.ofSeconds(timeoutSeconds), commandLine,
                cTakesMode());
    }

    /**
     * The progress of case {@code index} of {@code total} on stderr, each phase with its elapsed
     * time: one rewritten line on a terminal, else one line per phase when {@code phaseLines}
     * ({@code run}), else nothing ({@code suite} prints one line per case itself).
     */
    static Progress progress(PrintWriter err, int index, int total, String caseId, boolean live, boolean phaseLines) {
        String label = total > 1 ? "[" + index + "/" + total + "] " + caseId : caseId;
        if (!live && !phaseLines) {
            return new Progress(new PrintWriter(java.io.OutputStream.nullOutputStream()), label, false);
        }
        return new Progress(err, label, live);
    }

    static boolean liveTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    static String commandLine(Path repo, String sub, List<String> cases, RunMixin m) {
        StringBuilder sb = new StringBuilder(Shell.quote(repo.resolve("bin/nbparity").toString())).append(' ').append(sub);
        for (String c : cases) {
            sb.append(' ').append(Shell.quote(c));
        }
        if (!"candidate".equals(m.backendName())) {
            sb.append(" --c-backend ").append(m.backendName());
        }
        if (m.cBin != null) {
            sb.append(" --c-bin ").append(Shell.quote(m.cBin.toAbsolutePath().toString()));
        }
        if (m.cSource != null) {
            sb.append(" --c-source ").append(Shell.quote(m.cSource.toAbsolutePath().toString()));
        }
        if (m.cFiles != null) {
            sb.append(" --c-files ").append(Shell.quote(m.cFiles));
        }
        if (m.mode != null) {
            sb.append(" --mode ").append(m.mode);
        }
        sb.append(" --threads ").append(m.threads).append(" --omp-threads ").append(m.ompThreads);
        if (m.probeThreads > 0) {
            sb.append(" --probe-threads ").append(m.probeThreads);
        }
        if (m.probeTrace) {
            sb.append(" --probe-trace");
        }
        if (m.javaCmd != null) {
            sb.append(" --java-cmd ").append(Shell.quote(m.javaCmd));
        }
        if (m.candidate != null) {
            sb.append(" --candidate ").append(Shell.quote(describedBy(m.candidate)));
        }
        if (m.reference != null) {
            sb.append(" --reference ").append(Shell.quote(describedBy(m.reference)));
        }
        return sb.toString();
    }

    /** A description file as an absolute path (the command must run from anywhere), a built-in NAME as is. */
    private static String describedBy(String ref) {
        Path p = Path.of(ref);
        return Files.isRegularFile(p) ? p.toAbsolutePath().normalize().toString() : ref;
    }

    static boolean exists(Path p) {
        return p != null && Files.exists(p);
    }
}
