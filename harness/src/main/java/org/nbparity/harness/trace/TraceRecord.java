package org.nbparity.harness.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One record of a trace, named by protocol name plus loop indices (trace-protocol.md section 1).
 *
 * @param key       the alignment key: {@code name[t=..,...]}, with {@code #n} appended for the
 *                  n-th (n >= 2) repetition of the same name and indices in one trace
 * @param name      base name (tolerance classes and dependencies are looked up by it)
 * @param indices   loop indices in protocol order (t, sy, sx, src, phi, mos); empty for run-level
 *                  and end-of-pixel records
 * @param values    the printed values
 * @param precision how precisely the values were printed
 * @param line      1-based line number in the source text
 * @param source    the original key in its own dialect (for reports)
 */
public record TraceRecord(String key, String name, Map<String, Integer> indices, List<TraceValue> values,
                          Precision precision, int line, String source) {
    /** Index names in protocol order. */
    public static final List<String> INDEX_ORDER = List.of("t", "sy", "sx", "src", "phi", "mos");

    public TraceRecord {
        indices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indices));
        values = List.copyOf(values);
    }

    /** {@code name} or {@code name[t=0,sy=1]} (no repetition suffix). */
    public static String baseKey(String name, Map<String, Integer> indices) {
        if (indices.isEmpty()) {
            return name;
        }
        return name + indices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The numeric values. */
    public double[] numbers() {
        return values.stream().mapToDouble(TraceValue::value).toArray();
    }

    /**
     * The values for reports: as printed, or, when the dialect's unit was converted, the
     * converted values followed by the printed ones in parentheses.
     */
    public String display() {
        if (precision.scale() == 1.0) {
            return text();
        }
        return values.stream().map(v -> ProtocolText.format(v.value())).collect(Collectors.joining(" "))
                + " (printed " + text() + ")";
    }

    /** The values as printed, space-separated. */
    public String text() {
        return values.stream().map(TraceValue::text).collect(Collectors.joining(" "));
    }
}
