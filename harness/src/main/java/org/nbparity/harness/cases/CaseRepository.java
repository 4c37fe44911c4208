package org.nbparity.harness.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and loads cases and suites under a repository root ({@code fixtures/cases},
 * {@code fixtures/suites}, {@code fixtures/expected}).
 */
public final class CaseRepository {
    private static final Set<String> MODES = Set.of("compat", "fixed");
    private final Path root;

    /** @param root repository root (the folder holding {@code fixtures/}) */
    public CaseRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Repository root. */
    public Path root() {
        return root;
    }

    /** Resolves a repository-relative path (e.g. {@code ../shared/golden/...}). */
    public Path resolve(String relative) {
        return root.resolve(relative).normalize();
    }

    /** Folder of the case files. */
    public Path casesDir() {
        return root.resolve("fixtures/cases");
    }

    /**
     * Loads a case by file path (anything ending in {@code .json} or an existing file) or by id.
     * An id that matches no file is also tried as a unique prefix among cases of {@code mode}
     * ({@code v01} with mode fixed resolves to {@code v01_..._fixed}).
     *
     * @param ref  case id, id prefix, or path
     * @param mode wanted mode for prefix resolution; null means compat
     */
    public LoadedCase load(String ref, String mode) throws CaseException {
        Path asPath = Path.of(ref);
        if (ref.endsWith(".json") || Files.isRegularFile(asPath)) {
            if (!Files.isRegularFile(asPath)) {
                throw new CaseException("case file not found: " + ref);
            }
            return loadFile(asPath);
        }
        Path byId = casesDir().resolve(ref + ".json");
        if (Files.isRegularFile(byId)) {
            LoadedCase c = loadFile(byId);
            if (mode != null && !mode.equals(c.data().mode())) {
                String variant = ref + "_" + mode;
                Path v = casesDir().resolve(variant + ".json");
                if (Files.isRegularFile(v)) {
                    return loadFile(v);
                }
                throw new CaseException("case " + ref + " is mode " + c.data().mode()
                        + " and has no " + mode + " variant (" + variant + ")");
            }
            return c;
        }
        String wanted = mode == null ? "compat" : mode;
        List<LoadedCase> hits = new ArrayList<>();
        for (LoadedCase c : all()) {
            if (c.id().startsWith(ref) && wanted.equals(c.data().mode())) {
                hits.add(c);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.isEmpty()) {
            throw new CaseException("unknown case: " + ref + " (no fixtures/cases/" + ref + ".json)");
        }
        throw new CaseException("ambiguous case: " + ref + " matches "
                + hits.stream().map(LoadedCase::id).toList());
    }

    /** Every case under fixtures/cases, sorted by id. */
    public List<LoadedCase> all() throws CaseException {
        List<Path> files;
        try (Stream<Path> s = Files.list(casesDir())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new CaseException("cannot list " + casesDir() + ": " + e.getMessage());
        }
        List<LoadedCase> out = new ArrayList<>();
        for (Path f : files) {
            out.add(loadFile(f));
        }
        return out;
    }

    /** Loads, validates and canonicalises one case file. */
    public static LoadedCase loadFile(Path file) throws CaseException {
        JsonNode tree;
        ParityCase data;
        try {
            tree = Canonical.read(file);
            data = Canonical.MAPPER.treeToValue(tree, ParityCase.class);
        } catch (JsonProcessingException e) {
            throw new CaseException("malformed case " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CaseException("cannot read case " + file + ": " + e.getMessage());
        }
        validate(data, file);
        String canonical = Canonical.write(tree);
        return new LoadedCase(data, canonical, Canonical.sha256(canonical.getBytes(StandardCharsets.UTF_8)),
                file.toAbsolutePath().normalize());
    }

    private static void validate(ParityCase c, Path file) throws CaseException {
        String where = "case " + file.getFileName() + ": ";
        if (!ParityCase.SCHEMA.equals(c.schema()) || c.version() != 1) {
            throw new CaseException(where + "schema must be " + ParityCase.SCHEMA + " version 1");
        }
        if (c.id() == null || !c.id().matches("[A-Za-z0-9_.-]+")) {
            throw new CaseException(where + "id must match [A-Za-z0-9_.-]+");
        }
        if (!file.getFileName().toString().equals(c.id() + ".json")
                && file.getParent() != null && file.getParent().endsWith("fixtures/cases")) {
            throw new CaseException(where + "file name must be <id>.json");
        }
        if (!MODES.contains(c.mode())) {
            throw new CaseException(where + "mode must be compat or fixed");
        }
        if (c.argv() == null || c.argv().isEmpty()) {
            throw new CaseException(where + "argv is empty");
        }
        if (c.image() == null || c.image().floatFile() == null || c.image().shape() == null
                || c.image().shape().size() != 2 || c.image().slow() <= 0 || c.image().fast() <= 0) {
            throw new CaseException(where + "image needs float_file and shape [spixels, fpixels]");
        }
        if (c.inputs() == null || c.oracle() == null || c.thresholds() == null || c.trace() == null) {
            throw new CaseException(where + "inputs, trace, oracle and thresholds are required");
        }
        if (!Set.of("golden", "live").contains(c.oracle().kind())) {
            throw new CaseException(where + "oracle.kind must be golden or live");
        }
        for (List<Integer> p : c.trace().pixels()) {
            if (p.size() != 2 || p.get(0) < 0 || p.get(1) < 0 || p.get(0) >= c.image().slow()
                    || p.get(1) >= c.image().fast()) {
                throw new CaseException(where + "trace pixel " + p + " is outside the image");
            }
        }
        if (!Set.of("after", "before").contains(c.trace().position())) {
            throw new CaseException(where + "trace.position must be after or before");
        }
        Set<String> formats = new java.util.HashSet<>();
        for (ParityCase.NativeOutput n : c.natives()) {
            if (n.name() == null || !n.name().matches("[A-Za-z0-9_.-]+") || !ParityCase.NativeOutput.FORMATS.contains(n.format())
                    || n.smv() == null || !formats.add(n.format())) {
                throw new CaseException(where + "native_outputs: each needs a plain file name, a format of "
                        + ParityCase.NativeOutput.FORMATS + " (each at most once) and the smv file of the same image");
            }
            if (n.hasFloat() && !"nxmx".equals(n.format())) {
                throw new CaseException(where + "native_outputs: float applies to nxmx only");
            }
        }
    }

    /**
     * Loads a suite by path or name ({@code fixtures/suites/<name>.json}).
     */
    public Suite loadSuite(String ref) throws CaseException {
        Path p = Path.of(ref);
        if (!Files.isRegularFile(p)) {
            p = root.resolve("fixtures/suites").resolve(ref.endsWith(".json") ? ref : ref + ".json");
        }
        if (!Files.isRegularFile(p)) {
            throw new CaseException("suite not found: " + ref);
        }
        try {
            return Canonical.MAPPER.treeToValue(Canonical.read(p), Suite.class);
        } catch (JsonProcessingException e) {
            throw new CaseException("malformed suite " + p + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CaseException("cannot read suite " + p + ": " + e.getMessage());
        }
    }

    /** Loads a suite's expected verdicts. */
    public ExpectedVerdicts loadExpected(Suite suite) throws CaseException {
        Path p = root.resolve(suite.expected());
        if (!Files.isRegularFile(p)) {
            throw new CaseException("expected verdicts not found: " + suite.expected());
        }
        try {
            return Canonical.MAPPER.treeToValue(Canonical.read(p), ExpectedVerdicts.class);
        } catch (IOException e) {
            throw new CaseException("malformed expected verdicts " + p + ": " + e.getMessage());
        }
    }
}
