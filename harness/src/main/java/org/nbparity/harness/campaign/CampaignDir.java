package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.backend.RunDirs;
import org.nbparity.harness.cases.CaseException;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.bundle.Manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A campaign folder: {@code manifest.json} (schema {@code nbparity-campaign} 1), the case files
 * {@code cases/<id>.json} with their generated inputs {@code cases/inputs/<id>/}, the evidence
 * bundles {@code bundles/} (the reports folder of every run), the last error of a case that could
 * not run {@code errors/<id>.json}, the Slurm bookkeeping {@code slurm/}, and after a merge
 * {@code campaign.json}, {@code campaign.html} and {@code campaign.dsse.json}. A case is
 * finished when {@code bundles/} holds a sealed bundle of it (named {@code <UTC>_<id>_<hash8>} with
 * the hash of the case file as it is now): bundles are sealed by an atomic rename, so a killed run
 * leaves none.
 */
public final class CampaignDir {
    /** Schema name of manifest.json. */
    public static final String SCHEMA = "nbparity-campaign";
    /** The gates every generated case uses (repository-relative, like a committed case). */
    public static final String THRESHOLDS = "fixtures/thresholds.json";

    /**
     * One case of the manifest.
     *
     * @param index    position in the manifest (the shard is {@code index % n})
     * @param id       case id
     * @param features its features, primary first
     * @param mode     compat or fixed
     */
    public record Entry(int index, String id, List<String> features, String mode) {
    }

    private final Path root;
    private final JsonNode manifest;
    private final List<Entry> entries;

    private CampaignDir(Path root, JsonNode manifest, List<Entry> entries) {
        this.root = root;
        this.manifest = manifest;
        this.entries = entries;
    }

    /** Opens an existing campaign folder. */
    public static CampaignDir open(Path dir) throws CaseException {
        Path root = dir.toAbsolutePath().normalize();
        Path mf = root.resolve("manifest.json");
        if (!Files.isRegularFile(mf)) {
            throw new CaseException("not a campaign folder (no manifest.json): " + dir);
        }
        JsonNode m;
        try {
            m = Canonical.read(mf);
        } catch (IOException e) {
            throw new CaseException("cannot read " + mf + ": " + e.getMessage());
        }
        if (!SCHEMA.equals(m.path("schema").asText()) || m.path("version").asInt() != 1) {
            throw new CaseException(mf + ": schema must be " + SCHEMA + " version 1");
        }
        List<Entry> es = new ArrayList<>();
        int i = 0;
        for (JsonNode c : m.path("cases")) {
            List<String> fs = new ArrayList<>();
            c.path("features").forEach(f -> fs.add(f.asText()));
            es.add(new Entry(i++, c.path("id").asText(), List.copyOf(fs), c.path("mode").asText()));
        }
        return new CampaignDir(root, m, List.copyOf(es));
    }

    /**
     * Generates a campaign into {@code dir}, which must not exist: everything is written into a
     * sibling staging folder and renamed at the end, so an interrupted generation leaves nothing.
     *
     * @param progress one line per case
     */
    public static CampaignDir generate(Path dir, long seed, int count, List<Feature> features, double mix,
                                       java.util.function.Consumer<String> progress) throws IOException, CaseException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IOException("campaign folder already exists, not overwriting: " + dir);
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-");
        try {
            Path cases = Files.createDirectories(staging.resolve("cases"));
            Path scratch = Files.createDirectories(staging.resolve(".scratch"));
            CaseGenerator gen = new CaseGenerator(seed, features, mix, scratch);
            ObjectNode m = Canonical.MAPPER.createObjectNode();
            m.put("schema", SCHEMA).put("version", 1).put("seed", seed).put("count", count).put("mix", mix);
            m.put("generator", "nbparity campaign generate");
            m.put("work_budget", CaseGenerator.WORK_BUDGET);
            ArrayNode fa = m.putArray("features");
            features.forEach(f -> fa.add(f.id()));
            Map<String, Integer> byFeature = new TreeMap<>();
            ArrayNode ca = m.putArray("cases");
            for (int i = 0; i < count; i++) {
                CaseGenerator.Generated g = gen.generate(i);
                writeCase(cases, g, seed, i);
                ObjectNode e = ca.addObject();
                e.put("id", g.id()).put("file", "cases/" + g.id() + ".json").put("mode", g.mode()).put("work", g.work());
                ArrayNode ef = e.putArray("features");
                g.features().forEach(f -> {
                    ef.add(f.id());
                    byFeature.merge(f.id(), 1, Integer::sum);
                });
                progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s %s", i + 1, count, g.id(),
                        String.join("+", Feature.ids(g.features()))));
            }
            ObjectNode bf = m.putObject("counts_by_feature");
            byFeature.forEach(bf::put);
            RunDirs.remove(scratch);
            Files.write(staging.resolve("manifest.json"), Canonical.bytes(m));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            RunDirs.remove(staging);
        }
        return open(target);
    }

    private static void writeCase(Path cases, CaseGenerator.Generated g, long seed, int index) throws IOException {
        ObjectNode c = Canonical.MAPPER.createObjectNode();
        c.put("schema", "nbparity-case").put("version", 1).put("id", g.id());
        c.put("description", "campaign seed " + seed + ", case " + (index + 1) + ": "
                + String.join(", ", Feature.ids(g.features())));
        c.put("mode", g.mode());
        ArrayNode argv = c.putArray("argv");
        g.argv().forEach(argv::add);
        ArrayNode inputs = c.putArray("inputs");
        for (Map.Entry<String, byte[]> e : g.inputs().entrySet()) {
            Path p = cases.resolve("inputs").resolve(g.id()).resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
            // "./" = relative to this case file's folder (see CaseRunner.checkedInputs)
            inputs.addObject().put("name", e.getKey()).put("source", "./inputs/" + g.id() + "/" + e.getKey())
                    .put("sha256", Canonical.sha256(e.getValue()));
        }
        ObjectNode image = c.putObject("image");
        image.put("float_file", "float.bin");
        image.putArray("shape").add(g.slow()).add(g.fast());
        ObjectNode trace = c.putObject("trace");
        trace.putArray("pixels").addArray().add(g.trace().get(0)).add(g.trace().get(1));
        trace.put("position", "after");
        ObjectNode oracle = c.putObject("oracle");
        oracle.put("kind", "live");
        oracle.putObject("provenance").put("generator", "nbparity campaign generate").put("seed", seed)
                .put("index", index);
        c.putArray("notes");
        c.put("thresholds", THRESHOLDS);
        Files.writeString(cases.resolve(g.id() + ".json"), Canonical.write(c), StandardCharsets.UTF_8);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The manifest as read. */
    public JsonNode manifest() {
        return manifest;
    }

    /** Every case, in manifest order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The cases of shard {@code i} of {@code n}: those whose index is i modulo n. */
    public List<Entry> shard(int i, int n) {
        return entries.stream().filter(e -> e.index() % n == i).toList();
    }

    /** Where bundles go. */
    public Path bundles() {
        return root.resolve("bundles");
    }

    /** The case file of {@code id}. */
    public Path caseFile(String id) {
        return root.resolve("cases").resolve(id + ".json");
    }

    /** Loads a case file. */
    public LoadedCase load(Entry e) throws CaseException {
        return CaseRepository.loadFile(caseFile(e.id()));
    }

    /** The sealed bundle of a case as its file is now, if any (the newest when there are several). */
    public Optional<Path> finishedBundle(LoadedCase lc) throws IOException {
        return Optional.ofNullable(finishedBundles().get(lc.id() + "_" + lc.hash8()));
    }

    /** Every sealed bundle by {@code <id>_<hash8>}, newest when several. */
    public Map<String, Path> finishedBundles() throws IOException {
        Map<String, Path> m = new LinkedHashMap<>();
        if (!Files.isDirectory(bundles())) {
            return m;
        }
        try (Stream<Path> s = Files.list(bundles())) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                String name = p.getFileName().toString();
                int cut = name.indexOf('_');
                if (name.startsWith(".") || cut < 0 || !Files.isRegularFile(p.resolve(Manifest.FILE))) {
                    continue;
                }
                m.put(name.substring(cut + 1), p); // sorted by UTC name: the newest wins
            }
        }
        return m;
    }

    /** Records why a case could not run (kept until the case finishes; never counts as finished). */
    public void recordError(String id, String message) throws IOException {
        Path dir = Files.createDirectories(root.resolve("errors"));
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("id", id).put("message", message);
        writeAtomic(dir.resolve(id + ".json"), Canonical.bytes(o));
    }

    /**
     * Replaces {@code target} all-or-nothing (a temporary file beside it, then a rename): readers on
     * other nodes see the old or the new file, never a part.
     */
    static void writeAtomic(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The recorded error of a case, or null. */
    public String error(String id) throws IOException {
        Path p = root.resolve("errors").resolve(id + ".json");
        return Files.isRegularFile(p) ? Canonical.read(p).path("message").asText() : null;
    }

    /** Drops the recorded error of a case that has now finished. */
    public void clearError(String id) throws IOException {
        Files.deleteIfExists(root.resolve("errors").resolve(id + ".json"));
    }
}
