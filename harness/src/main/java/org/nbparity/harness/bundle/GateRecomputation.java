package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.metrics.GradCheckLadders;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageShape;
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
    private static final String C_STDOUT = "runs/c.stdout.txt";

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
        ParityCase pc = Canonical.MAPPER.treeToValue(caseJson, ParityCase.class);
        ImageShape shape = new ImageShape(pc.image().slow(), pc.image().fast());
        StoredOutputs.Reader files = StoredOutputs.Reader.open(bundle);
        Map<String, List<Gate>> imageCache = new LinkedHashMap<>();
        List<Gate> out = new ArrayList<>();
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
                TraceGate.Outcome o = TraceGate.compare(text(files, names.get(0)), text(files, names.get(1)),
                        TraceGate.layoutFor(pc.trace().layout(), files.exists(C_STDOUT) ? text(files, C_STDOUT) : null),
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
            } else if (name.startsWith("image.")) {
                String key = String.join("|", names);
                List<Gate> gs = imageCache.get(key);
                if (gs == null) {
                    FloatImage c = image(files, names.get(0), shape);
                    FloatImage j = image(files, names.get(1), shape);
                    gs = ImageMetrics.compare(c, j, Window.roiOf(pc.argv(), shape), thresholds, names).gates();
                    imageCache.put(key, gs);
                }
                out.add(gs.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IOException("unknown image gate: " + name)));
            } else {
                throw new IOException("unknown gate kind for " + name);
            }
        }
        return out;
    }

    private static String text(StoredOutputs.Reader files, String rel) throws IOException {
        return new String(files.read(rel), StandardCharsets.UTF_8);
    }

    private static FloatImage image(StoredOutputs.Reader files, String rel, ImageShape shape) throws IOException {
        try {
            return FloatImage.of(files.read(rel), shape, rel);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
