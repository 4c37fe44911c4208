package org.nbparity.harness.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a C binary on this machine (the {@code prebuilt} backend, and the run step of
 * {@code local}): fresh directory, {@code OMP_NUM_THREADS} pinned, watchdog timeout. A crash, a
 * non-zero exit or a timeout is a {@link BackendException}.
 */
public class ExecBackend implements CBackend {
    private final String name;
    private final Path binary;
    private final Map<String, String> provenance;

    /**
     * @param name       backend name for reports
     * @param binary     the nanoBragg-compatible executable
     * @param provenance facts recorded with every run (binary sha256 is added here)
     */
    public ExecBackend(String name, Path binary, Map<String, String> provenance) throws BackendException {
        this.name = name;
        this.binary = binary.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.binary)) {
            throw new BackendException("C binary not found: " + binary);
        }
        if (!Files.isExecutable(this.binary)) {
            throw new BackendException("C binary is not executable: " + binary);
        }
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("binary", this.binary.toString());
        try {
            p.put("binary_sha256", org.nbparity.harness.cases.Canonical.sha256(this.binary));
        } catch (IOException e) {
            throw new BackendException("cannot read C binary " + binary + ": " + e.getMessage(), e);
        }
        this.provenance = Map.copyOf(p);
    }

    @Override
    public String name() {
        return name;
    }

    /** The executable this backend runs. */
    public Path binary() {
        return binary;
    }

    /** The sha256 of the binary, hashed once when the backend was made. */
    @Override
    public String programDigest() {
        return provenance.get("binary_sha256");
    }

    @Override
    public CRun run(CRunRequest request) throws BackendException {
        RunDirs.prepare(request.outputDir(), request.inputs());
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(request.argv());
        Processes.Result r;
        try {
            r = Processes.run(cmd, request.outputDir(),
                    Map.of("OMP_NUM_THREADS", Integer.toString(request.ompThreads())), request.timeout());
        } catch (IOException e) {
            throw new BackendException("cannot start C binary " + binary + ": " + e.getMessage(), e);
        }
        if (r.timedOut()) {
            throw new BackendException("C run timed out after " + request.timeout().toSeconds() + " s: " + binary.getFileName());
        }
        if (r.exitCode() != 0) {
            throw new BackendException("C run failed with " + Processes.describeExit(r.exitCode()) + ": "
                    + binary.getFileName() + lastLine(r.stderr()));
        }
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("omp_num_threads", Integer.toString(request.ompThreads()));
        return new CRun(r.exitCode(), r.stdout(), r.stderr(), request.outputDir(), r.wall(), Map.copyOf(p));
    }

    private static String lastLine(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return "";
        }
        int nl = t.lastIndexOf('\n');
        return " (" + (nl < 0 ? t : t.substring(nl + 1)) + ")";
    }
}
