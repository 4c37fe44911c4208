package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.metrics.GradCheckLadders;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.metrics.NativeComparison;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.TraceDialect;
import org.nbparity.harness.trace.TraceDiffResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code verify}'s recomputation of metrics.json from the files a bundle stores, with the code
 * the run used (image comparison, trace and stdout comparison, first divergence, scale
 * forensics, output identity): the expected metrics.json is the stored one with every
 * recomputed field replaced, then compared field by field. Taken as recorded (facts about the
 * run, not results): {@code schema}, {@code version}, {@code c_backend}, {@code trace_dialect},
 * and per traced pixel the C's dialect and the trace file names.
 */
public final class MetricsRecomputation {
    /** Top-level fields recomputed (every other field is taken as recorded and listed). */
    private static final Set<String> RECOMPUTED = Set.of("verdict", "gates", "case_id", "case_sha256", "mode",
            "thresholds_sha256", "image", "image_roi", "outputs", "run_level", "traces", "first_divergence",
            "first_divergence_status", "scale_forensics", "probes", "native_outputs");
    /** Fields of a traces[] entry taken as recorded. */
    private static final Set<String> TRACE_GIVEN = Set.of("c_dialect", "c_trace", "java_trace", "c_traces");
    /** Schema of a gradcheck bundle's metrics.json. */
    private static final String GRADCHECK_SCHEMA = "nbparity-gradcheck";
    /** Top-level fields of a gradcheck metrics.json recomputed. */
    private static final Set<String> GRADCHECK_RECOMPUTED = Set.of("verdict", "gates", "case_id", "mode",
            "thresholds_sha256", "ladders");
    /** Fields of a ladders[] entry taken as recorded: what the simulator run found, not in the table. */
    private static final Set<String> GRADCHECK_LADDER_GIVEN = Set.of("param", "unit", "value", "bragg_pixels",
            "derivative_l2_on_bragg_pixels");

    private MetricsRecomputation() {
    }

    /**
     * The recomputation.
     *
     * @param gates     the gates, recomputed
     * @param verdict   PASS iff every gate passes
     * @param expected  metrics.json as the stored files make it (normalised through canonical text)
     * @param numbers   how many numbers of the stored metrics.json were recomputed
     * @param given     JSON pointers of the numbers taken as recorded
     */
    public record Result(List<Gate> gates, String verdict, JsonNode expected, int numbers, List<String> given) {
    }

    /** Recomputes metrics.json of {@code bundle} from its stored files. */
    public static Result recompute(Path bundle, JsonNode metrics, JsonNode caseJson, Thresholds th) throws IOException {
        if (GRADCHECK_SCHEMA.equals(metrics.path("schema").asText())) {
            return gradcheck(bundle, metrics, caseJson, th);
        }
        ParityCase pc = Canonical.MAPPER.treeToValue(caseJson, ParityCase.class);
        ImageShape shape = new ImageShape(pc.image().slow(), pc.image().fast());
        StoredOutputs.Reader files = StoredOutputs.Reader.open(bundle);
        Map<String, ImageComparison> images = new LinkedHashMap<>();
        List<Gate> gates = GateRecomputation.recompute(bundle, metrics, caseJson, th, images);
        String verdict = Gate.verdict(gates);
        ObjectNode e = metrics.deepCopy();
        e.put("verdict", verdict);
        ArrayNode ga = e.putArray("gates");
        gates.forEach(g -> ga.add(g.toJson()));
        e.put("case_id", pc.id()).put("mode", pc.mode());
        e.put("case_sha256", Canonical.sha256(Files.readAllBytes(bundle.resolve("case.json"))));
        e.put("thresholds_sha256", th.sha256());

        String ff = pc.image().floatFile();
        List<String> imageFiles = List.of("images/c/" + ff, "images/java/" + ff);
        for (JsonNode g : metrics.path("gates")) {
            if (g.path("name").asText().startsWith("image.")) {
                imageFiles = List.of(g.path("files").get(0).asText(), g.path("files").get(1).asText());
                break;
            }
        }
        ImageComparison cmp = GateRecomputation.images(files, imageFiles, pc, shape, th, metrics, images);
        ObjectNode img = cmp.full().toJson();
        img.putArray("shape").add(pc.image().slow()).add(pc.image().fast());
        img.put("float_file", ff);
        e.set("image", img);
        if (cmp.regions().size() > 1) {
            e.set("image_roi", cmp.regions().get(1).toJson());
        } else {
            e.remove("image_roi");
        }
        if (!pc.natives().isEmpty()) {
            // the detector-native outputs, compared again as the run compared them
            e.set("native_outputs", NativeComparison.compare(pc, rel -> files.exists(rel) ? files.read(rel) : null, th).json());
        }
        Map<String, String> digests = new TreeMap<>();
        for (StoredOutputs.Entry en : files.entries()) {
            digests.put(en.path(), en.sha256());
        }
        e.set("outputs", StoredOutputs.comparison(digests));

        String cStdout = GateRecomputation.text(files, GateRecomputation.C_STDOUT);
        String jStdout = GateRecomputation.text(files, GateRecomputation.JAVA_STDOUT);
        TraceDiffResult runLevel = TraceGate.compareStdout(cStdout, jStdout, th);
        e.set("run_level", Canonical.MAPPER.valueToTree(runLevel));
        JsonNode first = TraceGate.firstDivergenceJson(runLevel.firstDivergence(), "stdout", null);
        ParityCase.Layout layout = TraceGate.layoutFor(pc.trace().layout(), cStdout);
        TraceGate.Outcome firstTraces = null;
        JsonNode traces = e.path("traces");
        for (int i = 0; i < traces.size(); i++) {
            ObjectNode t = (ObjectNode) traces.get(i);
            if (i < pc.trace().pixels().size()) {
                List<Integer> px = pc.trace().pixels().get(i);
                t.putArray("pixel").add(px.get(0)).add(px.get(1));
            }
            List<Integer> px = List.of(t.path("pixel").path(0).asInt(), t.path("pixel").path(1).asInt());
            t.remove("diff");
            t.put("status", TraceGate.NOT_COMPARED);
            t.putNull("first_divergence");
            if (!t.path("c_trace").isTextual() || !t.path("java_trace").isTextual()) {
                continue;
            }
            String cText = GateRecomputation.text(files, t.path("c_trace").asText());
            if (TraceDialect.detect(cText) == TraceDialect.NONE) {
                continue;
            }
            TraceGate.Outcome o = TraceGate.compare(cText, GateRecomputation.text(files, t.path("java_trace").asText()),
                    layout, th);
            if (o == null) {
                continue;
            }
            t.set("diff", Canonical.MAPPER.valueToTree(o.diff()));
            t.put("status", TraceGate.status(o.diff()));
            if (firstTraces == null) {
                firstTraces = o;
            }
            if (o.diff().firstDivergence() != null) {
                t.set("first_divergence", Canonical.MAPPER.valueToTree(o.diff().firstDivergence()));
                if (first == null) {
                    first = TraceGate.firstDivergenceJson(o.diff().firstDivergence(), o.reference().dialect(), px);
                }
            }
        }
        e.set("first_divergence", first);
        e.put("first_divergence_status", TraceGate.overallStatus(first, traces));
        var forensics = TraceGate.forensics(cmp.full().sumRatio(), firstTraces, cStdout, jStdout, th);
        e.set("scale_forensics", forensics == null ? null : Canonical.MAPPER.valueToTree(forensics));
        for (Iterator<Map.Entry<String, JsonNode>> it = e.path("probes").fields(); it.hasNext(); ) {
            JsonNode p = it.next().getValue();
            if (p.isObject() && p.path("files").size() == 2) {
                ((ObjectNode) p).put("identical", files.sha256(p.path("files").get(0).asText())
                        .equals(files.sha256(p.path("files").get(1).asText())));
            }
        }
        return result(gates, verdict, e, metrics, RECOMPUTED, "traces", TRACE_GIVEN);
    }

    /**
     * A gradcheck bundle (issue 18): gates, verdict and each ladder's fit (slope, r, best error,
     * rungs) recomputed from the stored ladder table; the ladders' facts about the simulator run
     * (value, unit, Bragg pixels, derivative norm) taken as recorded.
     */
    private static Result gradcheck(Path bundle, JsonNode metrics, JsonNode caseJson, Thresholds th) throws IOException {
        ParityCase pc = Canonical.MAPPER.treeToValue(caseJson, ParityCase.class);
        List<Gate> gates = GateRecomputation.recompute(bundle, metrics, caseJson, th, new LinkedHashMap<>());
        String verdict = Gate.verdict(gates);
        ObjectNode e = metrics.deepCopy();
        e.put("verdict", verdict);
        ArrayNode ga = e.putArray("gates");
        gates.forEach(g -> ga.add(g.toJson()));
        e.put("case_id", pc.id()).put("mode", pc.mode());
        e.put("thresholds_sha256", th.sha256());
        StoredOutputs.Reader files = StoredOutputs.Reader.open(bundle);
        Map<String, List<org.nbparity.sim.cli.GradCheck.Rung>> table =
                GradCheckLadders.parse(GateRecomputation.text(files, GradCheckLadders.TABLE));
        for (JsonNode l : e.path("ladders")) {
            ObjectNode o = (ObjectNode) l;
            List<org.nbparity.sim.cli.GradCheck.Rung> rungs = table.get(o.path("param").asText());
            if (rungs == null) {
                throw new IOException("ladder " + o.path("param").asText() + " is not in " + GradCheckLadders.TABLE);
            }
            org.nbparity.sim.cli.GradCheck.Fit f = org.nbparity.sim.cli.GradCheck.fit(rungs);
            o.put("slope", f.slope()).put("r", f.r()).put("best_rel_error", f.best()).put("rungs_fitted", f.fitted());
            ArrayNode rs = o.putArray("rungs");
            rungs.forEach(r -> rs.addObject().put("h", r.h()).put("rel_error", r.relError()));
        }
        return result(gates, verdict, e, metrics, GRADCHECK_RECOMPUTED, "ladders", GRADCHECK_LADDER_GIVEN);
    }

    /**
     * The result: {@code e} normalised, and the numbers of the stored metrics.json counted as
     * recomputed (top-level fields in {@code recomputed}; in the entries of array {@code perEntry},
     * all but the fields in {@code entryGiven}) or listed as taken as recorded.
     */
    private static Result result(List<Gate> gates, String verdict, ObjectNode e, JsonNode metrics, Set<String> recomputed,
                                 String perEntry, Set<String> entryGiven) throws IOException {
        JsonNode expected = Canonical.MAPPER.readTree(Canonical.bytes(e));
        List<String> given = new ArrayList<>();
        int[] numbers = {0};
        metrics.fields().forEachRemaining(f -> {
            if (recomputed.contains(f.getKey())) {
                if (f.getKey().equals(perEntry)) {
                    for (int i = 0; i < f.getValue().size(); i++) {
                        int k = i;
                        f.getValue().get(i).fields().forEachRemaining(tf -> numbers(tf.getValue(),
                                "/" + perEntry + "/" + k + "/" + tf.getKey(), entryGiven.contains(tf.getKey()) ? given : null, numbers));
                    }
                } else {
                    numbers(f.getValue(), "/" + f.getKey(), null, numbers);
                }
            } else {
                numbers(f.getValue(), "/" + f.getKey(), given, numbers);
            }
        });
        return new Result(gates, verdict, expected, numbers[0], given);
    }

    /** Counts the numbers under {@code n}: recomputed ones in {@code count}, the others (given != null) listed. */
    private static void numbers(JsonNode n, String at, List<String> given, int[] count) {
        if (n.isNumber()) {
            if (given != null) {
                given.add(at);
            } else {
                count[0]++;
            }
        } else if (n.isContainerNode()) {
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    numbers(n.get(i), at + "/" + i, given, count);
                }
            } else {
                n.fields().forEachRemaining(f -> numbers(f.getValue(), at + "/" + f.getKey(), given, count));
            }
        }
    }

    /** Where {@code stored} and {@code expected} differ, one line per leaf (JSON pointer: stored vs recomputed). */
    public static List<String> differences(JsonNode stored, JsonNode expected) {
        List<String> out = new ArrayList<>();
        diff(stored, expected, "", out);
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String at, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode x = a.path(k);
                JsonNode y = b.path(k);
                if (x.isMissingNode()) {
                    out.add(at + "/" + k + " is missing, recomputes to " + brief(y));
                } else if (y.isMissingNode()) {
                    out.add(at + "/" + k + " is " + brief(x) + ", which the stored files do not give");
                } else {
                    diff(x, y, at + "/" + k, out);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), at + "/" + i, out);
            }
        } else {
            out.add((at.isEmpty() ? "/" : at) + " is " + brief(a) + ", recomputes to " + brief(b));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
