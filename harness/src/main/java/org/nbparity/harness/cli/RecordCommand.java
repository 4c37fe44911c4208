package org.nbparity.harness.cli;

import org.nbparity.harness.backend.RunDirs;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.backend.CRun;
import org.nbparity.harness.backend.CRunRequest;
import org.nbparity.harness.backend.ExecBackend;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code nbparity record CASE... --c-bin PATH}: runs a nanoBragg-compatible binary (e.g. an
 * upstream build) on cases whose oracle is {@code live}, stores its outputs gzip-compressed under
 * {@code fixtures/recorded/<id>/} and rewrites the case so that its oracle points at them, with the
 * binary's sha256 as provenance. Afterwards the case runs with {@code --c-backend recorded}.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record the outputs of a C binary as the oracle of live cases (fixtures/recorded/<id>/).")
final class RecordCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CASE")
    List<String> cases;

    @Option(names = "--c-bin", required = true, paramLabel = "PATH", description = "the binary whose outputs become the oracle")
    Path cBin;

    @Option(names = "--describe", paramLabel = "TEXT", required = true,
            description = "what the binary is (e.g. 'upstream bl831/nanoBragg 455534a, gcc 12.2.0 -O2 -lm, serial')")
    String describe;

    @Option(names = "--force", description = "re-record cases that already have a recorded oracle")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path repo = NbParity.repoRoot();
        CaseRepository cr = new CaseRepository(repo);
        ExecBackend be = new ExecBackend("prebuilt", cBin, Map.of());
        String binSha = Canonical.sha256(be.binary());
        for (String ref : cases) {
            LoadedCase lc = cr.load(ref, null);
            ParityCase c = lc.data();
            if (!"live".equals(c.oracle().kind()) && !force) {
                spec.commandLine().getErr().println("nbparity: skipping " + c.id() + ": oracle is " + c.oracle().kind());
                continue;
            }
            Map<String, Path> inputs = new LinkedHashMap<>();
            for (ParityCase.Input in : c.inputs()) {
                inputs.put(in.name(), cr.resolve(in.source()));
            }
            Path work = Files.createTempDirectory("nbparity-record-");
            try {
                CRun r = be.run(new CRunRequest(c.argv(), inputs, work.resolve("run"), 1, Duration.ofMinutes(15)));
                Path ff = r.outputDir().resolve(c.image().floatFile());
                if (!Files.isRegularFile(ff) || Files.size(ff) != 4L * c.image().slow() * c.image().fast()) {
                    throw new EnvironmentException("case " + c.id() + ": " + c.image().floatFile()
                            + " missing or not of shape " + c.image().shape());
                }
                String rel = "fixtures/recorded/" + c.id();
                Path stage = Files.createTempDirectory(repo.resolve("fixtures"), ".record-");
                ArrayNode outs = Canonical.MAPPER.createArrayNode();
                try (Stream<Path> s = Files.list(r.outputDir())) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (inputs.containsKey(name)) {
                            continue;
                        }
                        Path gz = stage.resolve(name + ".gz");
                        gzip(p, gz);
                        ObjectNode o = outs.addObject();
                        o.put("name", name);
                        o.put("kind", name.equals(c.image().floatFile()) ? "float32" : "file");
                        o.put("stored", name + ".gz");
                        o.put("sha256", Canonical.sha256(p));
                        o.put("stored_sha256", Canonical.sha256(gz));
                    }
                }
                Files.writeString(stage.resolve("stdout.txt"), r.stdout());
                ObjectNode tree = (ObjectNode) Canonical.read(lc.file());
                ObjectNode oracle = tree.putObject("oracle");
                oracle.put("kind", "golden");
                oracle.put("dir", rel);
                oracle.set("outputs", outs);
                oracle.putObject("stdout").put("stored", "stdout.txt").put("sha256", Canonical.sha256(stage.resolve("stdout.txt")));
                oracle.putArray("traces");
                ObjectNode prov = oracle.putObject("provenance");
                prov.put("binary_sha256", binSha);
                prov.put("binary", describe);
                prov.put("omp_num_threads", 1);
                prov.put("run", "fresh empty directory holding only the case inputs");
                Path dest = repo.resolve(rel);
                RunDirs.remove(dest);
                Files.createDirectories(dest.getParent());
                Files.move(stage, dest);
                Path tmpCase = Files.createTempFile(lc.file().getParent(), ".case", ".tmp");
                Files.write(tmpCase, Canonical.bytes(tree));
                Files.move(tmpCase, lc.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                spec.commandLine().getOut().println("recorded " + c.id() + " -> " + rel + " (" + outs.size() + " outputs)");
            } finally {
                RunDirs.remove(work);
            }
        }
        return 0;
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            in.transferTo(out);
        }
    }
}
