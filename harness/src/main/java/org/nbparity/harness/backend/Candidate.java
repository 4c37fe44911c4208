package org.nbparity.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.trace.DialectSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program checked by the harness, described as data (schema {@code nbparity-candidate} 1,
 * {@code fixtures/candidates/NAME.json} or any file; harness/README.md "Candidates"): how it is
 * run, which flags of this project it takes, what its float image holds, and how it prints a
 * pixel. Either side of a comparison is one: the reference (default: the C side) and the
 * candidate (default: this simulator).
 *
 * @param name         short name for reports
 * @param description  one line for people
 * @param command      the command; {@code {args}} stands for the argv (project flags first when
 *                     taken), {@code {java}} for this JVM's java, {@code {repo}} for the repository,
 *                     {@code {dir}} for the folder of the description file; the command
 *                     {@code ["{c}", "{args}"]} is the C side chosen by the C backend options
 *                     ({@code --c-backend}, {@code --c-bin}, {@code --c-source})
 * @param env          environment variables added to the run's environment
 * @param projectFlags whether it takes this project's flags: {@code -mode M} (and, for a command
 *                     candidate, {@code -threads N}, {@code -compat_threads N}); a foreign port takes none
 * @param dtype        its {@code -floatfile}: float32 (upstream) or float64, little-endian raw
 * @param trace        how it prints a pixel
 * @param source       the file it was read from (null for a built-in made in code)
 */
public record Candidate(String name, String description, List<String> command, Map<String, String> env,
                        boolean projectFlags, String dtype, DialectSpec trace, Path source) {
    /** Schema name of a description file. */
    public static final String SCHEMA = "nbparity-candidate";
    /** The placeholder of the argv in {@link #command}. */
    public static final String ARGS = "{args}";
    /** The command of a C-side candidate: the program of the C backend. */
    public static final List<String> C_SIDE = List.of("{c}", ARGS);
    /** Folder of the built-in descriptions, relative to the repository. */
    public static final String FOLDER = "fixtures/candidates";

    public Candidate {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (command.isEmpty() || command.stream().filter(ARGS::equals).count() != 1) {
            throw new IllegalArgumentException("command must be a list holding \"{args}\" exactly once");
        }
        if (command.contains("{c}") && !command.equals(C_SIDE)) {
            throw new IllegalArgumentException("\"{c}\" (the C backend's program) is only valid as the command [\"{c}\", \"{args}\"]");
        }
        if (!List.of("float32", "float64").contains(dtype)) {
            throw new IllegalArgumentException("dtype must be float32 or float64, not '" + dtype + "'");
        }
    }

    /**
     * The C side as today: the program of the C backend, asked what it prints
     * ({@code backend.TraceProbe}); it takes {@code -mode} when it is the project's c-reference.
     */
    public static Candidate cSide(boolean cTakesMode) {
        return new Candidate("c", "the C side chosen by the C backend options, its trace dialect probed", C_SIDE, Map.of(),
                cTakesMode, "float32", DialectSpec.PROBE, null);
    }

    /** True when the C backend runs it ({@code ["{c}", "{args}"]}). */
    public boolean runsC() {
        return command.equals(C_SIDE);
    }

    /** True for a float64 {@code -floatfile}. */
    public boolean float64() {
        return "float64".equals(dtype);
    }

    /**
     * The description named {@code ref}: an existing file, else {@code fixtures/candidates/<ref>.json}.
     *
     * @throws IllegalArgumentException naming the file when it is missing or invalid
     */
    public static Candidate load(Path repo, String ref) {
        Path file = Path.of(ref);
        if (!Files.isRegularFile(file)) {
            if (ref.contains("/") || ref.endsWith(".json")) {
                throw new IllegalArgumentException("candidate file not found: " + ref);
            }
            file = repo.resolve(FOLDER).resolve(ref + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no candidate named '" + ref + "' (no file " + repo.relativize(file)
                        + "; give a NAME from " + FOLDER + "/ or a FILE)");
            }
        }
        try {
            return fromJson(Canonical.read(file), file.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new IllegalArgumentException("candidate " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate " + file + ": " + e.getMessage());
        }
    }

    /** Reads a description; {@code source} is the file (for {@code {dir}}), or null. */
    public static Candidate fromJson(JsonNode j, Path source) {
        if (!j.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("schema", "version", "name", "description", "command", "env", "project_flags", "dtype", "trace")
                    .contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'");
            }
        }
        if (j.has("schema") && !SCHEMA.equals(j.path("schema").asText())) {
            throw new IllegalArgumentException("schema must be " + SCHEMA);
        }
        if (j.has("version") && j.path("version").asInt() != 1) {
            throw new IllegalArgumentException("unsupported version " + j.path("version"));
        }
        if (!j.path("command").isArray()) {
            throw new IllegalArgumentException("command must be a list of strings");
        }
        List<String> cmd = new ArrayList<>();
        j.path("command").forEach(x -> cmd.add(x.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        j.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        JsonNode pf = j.path("project_flags");
        if (!pf.isMissingNode() && !pf.isBoolean()) {
            throw new IllegalArgumentException("project_flags must be true or false");
        }
        return new Candidate(j.path("name").asText(null), j.path("description").asText(""), cmd, env, pf.asBoolean(false),
                j.path("dtype").asText("float32"), DialectSpec.fromJson(j.get("trace")), source);
    }

    /**
     * The command with {@code args} in place of {@code {args}} and the other placeholders
     * expanded (never for {@link #runsC()}).
     */
    public List<String> expand(List<String> args, Path repo) {
        List<String> out = new ArrayList<>();
        for (String c : command) {
            if (c.equals(ARGS)) {
                out.addAll(args);
            } else {
                out.add(placeholders(c, repo));
            }
        }
        return out;
    }

    /** The environment variables with {@code {repo}}, {@code {dir}} and {@code {java}} expanded as in {@link #expand}. */
    public Map<String, String> expandedEnv(Path repo) {
        Map<String, String> m = new LinkedHashMap<>();
        env.forEach((k, v) -> m.put(k, placeholders(v, repo)));
        return m;
    }

    private String placeholders(String c, Path repo) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String dir = source == null ? repo.toString() : source.getParent().toString();
        return c.replace("{java}", java).replace("{repo}", repo.toString()).replace("{dir}", dir);
    }

    /** What metrics.json records of this side (enough to re-read its outputs and traces). */
    public ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("name", name);
        o.put("source", source == null ? null : source.toString());
        o.put("project_flags", projectFlags);
        o.put("dtype", dtype);
        o.put("dialect", trace.id());
        o.set("trace", traceJson(trace));
        return o;
    }

    /** The trace spec as the description file writes it ({@link DialectSpec#fromJson} reads it back). */
    public static JsonNode traceJson(DialectSpec t) {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("format", t.format());
        o.set("request", Canonical.MAPPER.valueToTree(t.request()));
        if ("lines".equals(t.format())) {
            o.put("prefix", t.prefix());
            if (t.vocabulary() != null) {
                o.put("vocabulary", t.vocabulary());
            }
            o.set("names", Canonical.MAPPER.valueToTree(new java.util.TreeMap<>(t.names())));
            o.set("units", Canonical.MAPPER.valueToTree(new java.util.TreeMap<>(t.units())));
            o.put("indices", t.indices().name().toLowerCase(java.util.Locale.ROOT));
            o.put("digits", t.digits());
            if (t.blockStart() != null) {
                o.put("block_start", t.blockStart());
            }
        }
        return o;
    }
}
