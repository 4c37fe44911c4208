package org.nbparity.harness.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.util.List;

/**
 * One gate of a verdict, as stored in metrics.json: an image gate (limits from
 * {@code fixtures/thresholds.json}, computed by {@link ImageMetrics}), a trace gate or an identity
 * gate. The one gate type of the harness ({@code run}, {@code verify}, {@code image-diff}).
 *
 * @param name   gate name
 * @param kind   {@code min} (value must be >= limit), {@code max} (value <= limit) or {@code equal}
 * @param value  measured value
 * @param limit  the threshold
 * @param margin distance to the threshold, positive when passing (value-limit for min, limit-value for max)
 * @param pass   whether it passes
 * @param files  the stored bundle files it was computed from
 */
public record Gate(String name, String kind, double value, double limit, double margin, boolean pass,
                   List<String> files) {

    /** An identity gate: two stored files must be byte-identical (value 1 when they are). */
    public static Gate identity(String name, boolean identical, List<String> files) {
        double v = identical ? 1 : 0;
        return new Gate(name, "equal", v, 1, v - 1, identical, files);
    }

    /** Verdict from gates: PASS when every gate passes. */
    public static String verdict(List<Gate> gates) {
        return gates.stream().allMatch(Gate::pass) ? "PASS" : "FAIL";
    }

    /** JSON of the gate for metrics.json (infinite values become null). */
    public ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("name", name);
        o.put("kind", kind);
        putNum(o, "value", value);
        putNum(o, "limit", limit);
        putNum(o, "margin", margin);
        o.put("pass", pass);
        ArrayNode f = o.putArray("files");
        files.forEach(f::add);
        return o;
    }

    /** A gate whose value must be at least {@code limit}. */
    public static Gate atLeast(String name, double value, double limit, List<String> files) {
        return new Gate(name, "min", value, limit, value - limit, value >= limit, files);
    }

    /** A gate whose value must be at most {@code limit} (NaN fails). */
    public static Gate atMost(String name, double value, double limit, List<String> files) {
        return new Gate(name, "max", value, limit, limit - value, value <= limit, files);
    }

    /** Puts a double, or null when it is not finite (JSON has no NaN/Infinity). */
    public static void putNum(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
