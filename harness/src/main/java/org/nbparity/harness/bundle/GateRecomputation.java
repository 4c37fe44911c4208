package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.thresholds.Thresholds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recomputation of the gates stored in metrics.json from the files a bundle stores ({@code verify}). */
public final class GateRecomputation {
    private GateRecomputation() {
    }

    /**
     * Recomputes the gates listed in metrics.json from the files stored in {@code bundle}: image
     * gates from the two stored float images (shape from case.json, limits from the stored
     * thresholds.json), identity gates by comparing the stored files byte for byte.
     */
    public static List<Gate> recompute(Path bundle, JsonNode metrics, JsonNode caseJson,
                                                  Thresholds thresholds) throws IOException {
        ImageShape shape = new ImageShape(caseJson.get("image").get("shape").get(0).asInt(),
                caseJson.get("image").get("shape").get(1).asInt());
        Map<String, List<Gate>> imageCache = new LinkedHashMap<>();
        Path cStdout = bundle.resolve("runs/c.stdout.txt");
        List<Gate> out = new ArrayList<>();
        for (JsonNode g : metrics.get("gates")) {
            String name = g.get("name").asText();
            List<String> files = new ArrayList<>();
            g.get("files").forEach(f -> files.add(f.asText()));
            for (String f : files) {
                Path p = bundle.resolve(f).normalize();
                if (!p.startsWith(bundle) || !Files.isRegularFile(p)) {
                    throw new IOException("gate " + name + " refers to a missing file: " + f);
                }
            }
            if ("equal".equals(g.get("kind").asText())) {
                boolean same = Arrays.equals(Files.readAllBytes(bundle.resolve(files.get(0))),
                        Files.readAllBytes(bundle.resolve(files.get(1))));
                out.add(Gate.identity(name, same, files));
            } else if (name.startsWith("trace.")) {
                org.nbparity.harness.cases.ParityCase pc =
                        Canonical.MAPPER.treeToValue(caseJson, org.nbparity.harness.cases.ParityCase.class);
                TraceGate.Outcome o = TraceGate.compare(Files.readString(bundle.resolve(files.get(0))),
                        Files.readString(bundle.resolve(files.get(1))), TraceGate.layoutFor(pc.trace().layout(),
                                Files.isRegularFile(cStdout) ? Files.readString(cStdout) : null),
                        thresholds);
                if (o == null) {
                    throw new IOException("gate " + name + ": C trace dialect needs a loop layout the case and the C's stdout lack");
                }
                out.add(TraceGate.gate(name, o.diff(), files));
            } else if (name.equals(TraceGate.STDOUT_GATE)) {
                out.add(TraceGate.stdoutGate(TraceGate.compareStdout(Files.readString(bundle.resolve(files.get(0))),
                        Files.readString(bundle.resolve(files.get(1))), thresholds), files));
            } else if (name.startsWith("image.")) {
                String key = String.join("|", files);
                List<Gate> gs = imageCache.get(key);
                if (gs == null) {
                    FloatImage c = FloatImage.readChecked(bundle.resolve(files.get(0)), shape);
                    FloatImage j = FloatImage.readChecked(bundle.resolve(files.get(1)), shape);
                    gs = ImageStats.of(c, j).gates(thresholds, files);
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
}
