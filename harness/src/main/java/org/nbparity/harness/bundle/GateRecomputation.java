package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.trace.DialectSpec;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.metrics.GradCheckLadders;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.metrics.NativeComparison;
import org.nbparity.harness.metrics.Window;
import org.nbparity.harness.thresholds.Thresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recomputation of the gates stored in metrics.json from the files a bundle stores ({@code verify}). */
public final class GateRecomputation {
    /** The C side's untraced stdout: where a trace dialect without loop indices finds the loop layout. */
    static final String C_STDOUT = "runs/c.stdout.txt";
    /** The Java side's untraced stdout. */
    static final String JAVA_STDOUT = "runs/java.stdout.txt";

    private GateRecomputation() {
    }

    /**
     * Recomputes the gates listed in metrics.json from the files stored in {@code bundle} (outputs
     * decompressed through stored.json and checked against their digests): image gates from the two
     * stored float images (shape and ROI from case.json, limits from the stored thresholds.json),
     * identity gates by comparing the contents of the two logical files.
     */
    public static List<Gate> recompute(Path bundle, JsonNode metrics, JsonNode caseJson,
                                       Thresholds thresholds) throws IOException {
        return recompute(bundle, metrics, caseJson, thresholds, new LinkedHashMap<>());
    }

    /**
     * As {@link #recompute(Path, JsonNode, JsonNode, Thresholds)}, keeping each image comparison
     * made in {@code images} (key: the two logical files joined by {@code |}) for reuse.
     */
    static List<Gate> recompute(Path bundle, JsonNode metrics, JsonNode caseJson, Thresholds thresholds,
                                Map<String, ImageComparison> images) throws IOException {
        ParityCase pc = Canonical.MAPPER.treeToValue(caseJson, ParityCase.class);
        ImageShape shape = new ImageShape(pc.image().slow(), pc.image().fast());
        StoredOutputs.Reader files = StoredOutputs.Reader.open(bundle);
        List<Gate> out = new ArrayList<>();
        // the detector-native gates, recomputed from the stored files by the same comparison the run made
        NativeComparison.Result natives = null;
        for (JsonNode g : metrics.get("gates")) {
            String name = g.get("name").asText();
            List<String> names = new ArrayList<>();
            g.get("files").forEach(f -> names.add(f.asText()));
            for (String f : names) {
                if (!files.exists(f)) {
                    throw new IOException("gate " + name + " refers to a missing file: " + f);
                }
            }
            if ("equal".equals(g.get("kind").asText())) {
                out.add(Gate.identity(name, files.sha256(names.get(0)).equals(files.sha256(names.get(1))), names));
            } else if (name.startsWith("trace.")) {
                // each side's dialect as the run read it (metrics.json sides; older bundles: detected)
                TraceGate.Outcome o = TraceGate.compare(text(files, names.get(0)), text(files, names.get(1)),
                        dialect(metrics, "reference"), dialect(metrics, "candidate"), TraceGate.layoutFor(pc.trace().layout(), files.exists(C_STDOUT) ? text(files, C_STDOUT) : null),
                        thresholds);
                if (o == null) {
                    throw new IOException("gate " + name + ": C trace dialect needs a loop layout the case and the C's stdout lack");
                }
                out.add(TraceGate.gate(name, o.diff(), names));
            } else if (name.equals(TraceGate.STDOUT_GATE)) {
                out.add(TraceGate.stdoutGate(TraceGate.compareStdout(text(files, names.get(0)),
                        text(files, names.get(1)), thresholds), names));
            } else if (name.startsWith("gradcheck.")) {
                // gradcheck bundles (issue 18): recomputed from the stored ladder table
                Map<String, List<org.nbparity.sim.cli.GradCheck.Rung>> table = GradCheckLadders.parse(text(files, names.get(0)));
                String param = name.substring("gradcheck.".length(), name.lastIndexOf('.'));
                if (!table.containsKey(param) || thresholds.gradcheck() == null) {
                    throw new IOException("gate " + name + ": no ladder or no gradcheck thresholds");
                }
                out.add(GradCheckLadders.gates(param, table.get(param), thresholds.gradcheck()).stream()
                        .filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IOException("unknown gradcheck gate: " + name)));
            } else if (name.startsWith("native.")) {
                if (natives == null) {
                    natives = NativeComparison.compare(pc, rel -> files.exists(rel) ? files.read(rel) : null, thresholds);
                }
                out.add(natives.gates().stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IOException("unknown native gate: " + name)));
            } else if (name.startsWith("image.")) {
                List<Gate> gs = images(files, names, pc, shape, thresholds, metrics, images).gates();
                out.add(gs.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IOException("unknown image gate: " + name)));
            } else {
                throw new IOException("unknown gate kind for " + name);
            }
        }
        return out;
    }

    /**
     * The comparison of two stored images (shape and ROI from the case; each side's dtype from
     * metrics.json {@code sides}), made once per pair.
     */
    static ImageComparison images(StoredOutputs.Reader files, List<String> names, ParityCase pc, ImageShape shape,
                                  Thresholds thresholds, JsonNode metrics, Map<String, ImageComparison> images)
            throws IOException {
        String key = String.join("|", names);
        ImageComparison cmp = images.get(key);
        if (cmp == null) {
            FloatImage c = image(files, names.get(0), shape, float64(metrics, "reference"));
            FloatImage j = image(files, names.get(1), shape, float64(metrics, "candidate"));
            cmp = ImageMetrics.compare(c, j, Window.roiOf(pc.argv(), shape), thresholds, names);
            images.put(key, cmp);
        }
        return cmp;
    }

    static String text(StoredOutputs.Reader files, String rel) throws IOException {
        return new String(files.read(rel), StandardCharsets.UTF_8);
    }

    /** A side's trace dialect recorded in metrics.json ({@code sides.<side>.trace}), null when not recorded. */
    private static DialectSpec dialect(JsonNode metrics, String side) throws IOException {
        JsonNode t = metrics.path("sides").path(side).path("trace");
        try {
            return t.isObject() ? DialectSpec.fromJson(t) : null;
        } catch (IllegalArgumentException e) {
            throw new IOException("metrics.json sides." + side + ".trace: " + e.getMessage(), e);
        }
    }

    /** Whether a side's float image is float64 ({@code sides.<side>.dtype}). */
    private static boolean float64(JsonNode metrics, String side) {
        return "float64".equals(metrics.path("sides").path(side).path("dtype").asText());
    }

    private static FloatImage image(StoredOutputs.Reader files, String rel, ImageShape shape, boolean float64)
            throws IOException {
        try {
            return float64 ? FloatImage.of64(files.read(rel), shape, rel) : FloatImage.of(files.read(rel), shape, rel);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
