package org.nbparity.harness.backend;

import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The {@code recorded} backend: answers a run with stored upstream outputs (the case's oracle)
 * instead of running a program. Only the exact argv that was recorded can be answered; anything
 * else is a {@link BackendException}. Every stored file is checked against its recorded sha256.
 */
public final class RecordedBackend implements CBackend {
    /**
     * One recorded run.
     *
     * @param argv       the argv it was recorded with
     * @param outputs    output name -> stored file (gzip when the name ends in .gz)
     * @param outputSha  output name -> sha256 of the uncompressed output
     * @param stdout     stored stdout (for a trace run: the trace)
     * @param stdoutSha  its sha256
     * @param provenance where the recording comes from
     */
    public record Recording(List<String> argv, Map<String, Path> outputs, Map<String, String> outputSha,
                            Path stdout, String stdoutSha, Map<String, String> provenance) {
    }

    private final List<Recording> recordings;

    public RecordedBackend(List<Recording> recordings) {
        this.recordings = List.copyOf(recordings);
    }

    /** The recordings of a case's golden oracle: the plain run and one run per stored trace. */
    public static RecordedBackend forCase(LoadedCase lc, CaseRepository repo) throws BackendException {
        ParityCase c = lc.data();
        ParityCase.Oracle o = c.oracle();
        if (!"golden".equals(o.kind())) {
            throw new BackendException("case " + c.id() + " has no recorded oracle (oracle.kind=" + o.kind()
                    + "); use --c-backend docker, local or prebuilt");
        }
        Path dir = repo.resolve(o.dir());
        if (!Files.isDirectory(dir)) {
            throw new BackendException("recorded oracle folder missing for " + c.id() + ": " + dir);
        }
        Map<String, Path> outs = new LinkedHashMap<>();
        Map<String, String> shas = new LinkedHashMap<>();
        for (ParityCase.Output out : o.outputs()) {
            outs.put(out.name(), dir.resolve(out.stored()));
            shas.put(out.name(), out.sha256());
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("backend", "recorded");
        prov.put("oracle_dir", o.dir());
        if (o.provenance() != null) {
            o.provenance().forEach((k, v) -> prov.put("oracle_" + k, String.valueOf(v)));
        }
        List<Recording> recs = new ArrayList<>();
        recs.add(new Recording(c.argv(), outs, shas, dir.resolve(o.stdout().stored()), o.stdout().sha256(), prov));
        for (ParityCase.StoredTrace t : o.traces()) {
            recs.add(new Recording(c.tracedArgv(t.pixel().get(0), t.pixel().get(1)), outs, shas,
                    dir.resolve(t.stored()), t.sha256(), prov));
        }
        return new RecordedBackend(recs);
    }

    @Override
    public String name() {
        return "recorded";
    }

    /** True when a run with exactly this argv was recorded. */
    public boolean has(List<String> argv) {
        return recordings.stream().anyMatch(r -> r.argv().equals(argv));
    }

    @Override
    public CRun run(CRunRequest request) throws BackendException {
        Recording rec = recordings.stream().filter(r -> r.argv().equals(request.argv())).findFirst()
                .orElseThrow(() -> new BackendException("no recorded C run for argv: " + String.join(" ", request.argv())));
        RunDirs.prepare(request.outputDir(), request.inputs());
        try {
            for (Map.Entry<String, Path> e : rec.outputs().entrySet()) {
                Path target = request.outputDir().resolve(e.getKey());
                copyMaybeGz(e.getValue(), target);
                String sha = Canonical.sha256(target);
                if (!sha.equals(rec.outputSha().get(e.getKey()))) {
                    throw new BackendException("recorded output " + e.getValue() + " does not match its sha256");
                }
            }
            byte[] out = Files.readAllBytes(rec.stdout());
            if (!Canonical.sha256(out).equals(rec.stdoutSha())) {
                throw new BackendException("recorded stdout " + rec.stdout() + " does not match its sha256");
            }
            Map<String, String> p = new LinkedHashMap<>(rec.provenance());
            p.put("omp_num_threads", "1 (as recorded: serial build)");
            return new CRun(0, new String(out, StandardCharsets.UTF_8), "", request.outputDir(), Duration.ZERO, Map.copyOf(p));
        } catch (IOException e) {
            throw new BackendException("cannot read recorded oracle: " + e.getMessage(), e);
        }
    }

    static void copyMaybeGz(Path from, Path to) throws IOException {
        try (InputStream raw = Files.newInputStream(from);
             InputStream in = from.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
    }
}
