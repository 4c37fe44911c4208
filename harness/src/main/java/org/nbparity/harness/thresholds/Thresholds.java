package org.nbparity.harness.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parity gates of {@code fixtures/thresholds.json}, the one versioned file of gates. Tests and
 * the harness read gates from here; nothing else hard-codes a tolerance.
 */
public final class Thresholds {
    /** Relative location of the gates file inside the repository. */
    public static final String REPO_PATH = "fixtures/thresholds.json";

    private final int version;
    private final String sha256;
    private final ImageGates image;
    private final long setupMaxUlp;
    private final TraceClass defaultClass;
    private final TraceClass integerClass;
    private final TraceClass bitsClass;
    private final Map<String, TraceClass> byRecord;
    private final Map<String, TraceClass> named;
    private final double forensicsRelTol;
    private final NativeGates nativeGates;

    /**
     * Gates of the detector-native outputs (section {@code native}).
     *
     * @param maxPixelsDiffering  pixels of a CBF/NXmx image allowed to differ from the same run's
     *                            SMV integers (and float image, bitwise)
     * @param maxGeometryDiverged geometry quantities allowed outside their window
     * @param geometryRelTol      relative allowance (of the quantity's largest component) added to
     *                            the printed digits' half unit, for the file's own round trip
     */
    public record NativeGates(long maxPixelsDiffering, long maxGeometryDiverged, double geometryRelTol) {
    }

    private final GradCheckGates gradcheck;

    private Thresholds(JsonNode root, String sha256) {
        if (!"nbparity-thresholds".equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("thresholds: schema is not nbparity-thresholds");
        }
        this.version = root.path("version").asInt();
        this.sha256 = sha256;
        JsonNode img = root.path("image");
        JsonNode diag = img.path("diagnostics");
        this.image = new ImageGates(required(img, "bitwise_fraction_min").asDouble(),
                required(img, "max_ulp_float32").asLong(),
                required(img, "abs_sum_ratio_minus_1_max").asDouble(),
                diag.path("rel_error_floor_fraction_of_max").asDouble(1e-3),
                diag.path("peak_threshold_fraction_of_max").asDouble(0.1),
                diag.path("peak_match_radius_px").asDouble(2.0));
        this.setupMaxUlp = root.path("setup_trace").path("max_ulp_double").asLong(4);
        JsonNode tr = root.path("trace");
        JsonNode def = required(tr, "default");
        this.defaultClass = new TraceClass("default", TraceClass.Kind.ULP, def.path("max_ulp").asLong(),
                def.path("abs_floor").asDouble(0.0), List.of(), null);
        List<String> ints = strings(tr.path("integer_records"));
        List<String> bits = strings(tr.path("bits_records"));
        this.integerClass = new TraceClass("integer", TraceClass.Kind.EXACT, 0, 0.0, ints, null);
        this.bitsClass = new TraceClass("bits", TraceClass.Kind.BITS, 0, 0.0, bits, null);
        Map<String, TraceClass> map = new LinkedHashMap<>();
        ints.forEach(r -> map.put(r, integerClass));
        bits.forEach(r -> map.put(r, bitsClass));
        Map<String, TraceClass> nm = new LinkedHashMap<>();
        tr.path("classes").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            String why = c.path("_why").asText(null);
            TraceClass.Kind kind = TraceClass.Kind.valueOf(c.path("kind").asText("ulp").toUpperCase());
            if (kind == TraceClass.Kind.ULP && c.path("max_ulp").asLong() > defaultClass.maxUlp()
                    && (why == null || why.isBlank())) {
                throw new IllegalArgumentException("thresholds: trace class " + e.getKey()
                        + " is wider than the default but has no _why");
            }
            TraceClass tc = new TraceClass(e.getKey(), kind, c.path("max_ulp").asLong(),
                    c.path("abs_floor").asDouble(0.0), strings(c.path("records")), why);
            nm.put(tc.name(), tc);
            tc.records().forEach(r -> map.put(r, tc));
        });
        this.byRecord = Map.copyOf(map);
        this.named = Map.copyOf(nm);
        this.forensicsRelTol = root.path("forensics").path("match_rel_tol").asDouble(1e-4);
        JsonNode nat = root.get("native");
        this.nativeGates = nat == null ? null : new NativeGates(required(nat, "max_pixels_differing").asLong(),
                required(nat, "max_geometry_diverged").asLong(), required(nat, "geometry_rel_tol").asDouble());
        this.gradcheck = gradcheck(root.path("gradcheck"));
    }

    /** The gradcheck section, or null when the file has none. */
    private static GradCheckGates gradcheck(JsonNode g) {
        if (g.isMissingNode()) {
            return null;
        }
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        required(g, "steps").fields().forEachRemaining(e -> {
            List<Double> l = new ArrayList<>();
            e.getValue().forEach(x -> l.add(x.asDouble()));
            steps.put(e.getKey(), List.copyOf(l));
        });
        if (!steps.containsKey("default")) {
            throw new IllegalArgumentException("thresholds: gradcheck.steps has no default ladder");
        }
        return new GradCheckGates(required(g, "max_best_rel_error").asDouble(), required(g, "min_loglog_r").asDouble(),
                required(g, "max_slope_deviation").asDouble(), required(g, "bragg_fraction_of_max").asDouble(),
                Map.copyOf(steps));
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("thresholds: missing field " + field);
        }
        return v;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Loads a gates file. */
    public static Thresholds load(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("thresholds: cannot read " + file, e);
        }
    }

    /** Loads {@code fixtures/thresholds.json} of the repository at {@code repoRoot}. */
    public static Thresholds loadFromRepo(Path repoRoot) {
        return load(repoRoot.resolve(REPO_PATH));
    }

    /** Parses the JSON bytes of a gates file. */
    public static Thresholds parse(byte[] json) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
            return new Thresholds(new ObjectMapper().readTree(json), sha);
        } catch (IOException e) {
            throw new IllegalArgumentException("thresholds: invalid JSON: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Version number of the file. */
    public int version() { return version; }

    /** sha256 of the exact bytes loaded (goes into metrics.json so a verdict names its gates). */
    public String sha256() { return sha256; }

    /** Image gates. */
    public ImageGates image() { return image; }

    /** ULP budget for setup-level keys. */
    public long setupMaxUlp() { return setupMaxUlp; }

    /** Relative tolerance used by scale forensics to call a ratio explained. */
    public double forensicsRelTol() { return forensicsRelTol; }

    /** Gates of the detector-native outputs, or null when the file has no {@code native} section. */
    public NativeGates nativeGates() { return nativeGates; }

    /** Gates of {@code gradcheck}, or null when the file has no gradcheck section. */
    public GradCheckGates gradcheck() { return gradcheck; }

    /** The tolerance class of a record, by its base name (no indices). */
    public TraceClass classFor(String recordName) {
        return byRecord.getOrDefault(recordName, defaultClass);
    }

    /** The default ULP class. */
    public TraceClass defaultClass() { return defaultClass; }

    /** Named classes declared under trace.classes. */
    public Map<String, TraceClass> namedClasses() { return named; }
}
