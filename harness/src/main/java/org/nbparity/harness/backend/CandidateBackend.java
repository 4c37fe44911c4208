package org.nbparity.harness.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A command candidate on the reference side ({@code --reference}): the {@link CBackend} the case
 * runner drives, running through the same {@link JavaSimulator} runner as the candidate side.
 * The case runner puts {@code -mode M} first for a reference taking project flags (as for the
 * c-reference); the threads flag is added here from the request's thread count.
 */
public final class CandidateBackend implements CBackend {
    private final JavaSimulator program;

    public CandidateBackend(JavaSimulator program) {
        this.program = program;
    }

    /** The runner behind this backend. */
    public JavaSimulator program() {
        return program;
    }

    @Override
    public String name() {
        return "candidate:" + program.candidate().name();
    }

    /** The full command of a request's argv (as written to commands.txt). */
    public List<String> command(List<String> argv, int threads) {
        List<String> a = new ArrayList<>(program.threadFlags(threads));
        a.addAll(argv);
        return program.candidate().expand(a, repoOf());
    }

    private java.nio.file.Path repoOf() {
        return program.repo();
    }

    @Override
    public CRun run(CRunRequest request) throws BackendException {
        return program.runCommand(command(request.argv(), request.ompThreads()), request.inputs(), request.outputDir(),
                request.ompThreads(), request.timeout());
    }

    /**
     * The digest of what the command runs (the probe cache key when its dialect is probed): the
     * sha256 over the digests of its program and of every file it names (an interpreter alone
     * would not tell two scripts apart).
     */
    @Override
    public String programDigest() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(program.provenance()).forEach((k, v) -> {
            if (k.endsWith("_sha256")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return org.nbparity.harness.cases.Canonical.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
