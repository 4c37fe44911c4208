package org.nbparity.harness.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed trace of one pixel, records in the order they were printed (= computation order).
 *
 * @param impl    producer: JAVA, C (protocol 1), C_GOLDEN (hoidn TRACE_C) or C_PRINTOUT (upstream -printout_pixel)
 * @param dialect "protocol1", "golden_trace_c" or "printout"
 * @param spixel  slow index of the traced pixel, or -1 if the text does not say
 * @param fpixel  fast index of the traced pixel, or -1
 * @param records the records
 * @param notes   parser remarks (skipped lines, duplicate keys, ...)
 * @param layout  the loop extents the records were named with, for a dialect without loop indices
 *                (null for protocol 1, whose run block prints them)
 * @param unplaced the trace lines the dialect could not place (a name it does not map, a level it
 *                 cannot index), as {@code name (line n)}: reported, never silently dropped
 */
public record Trace(String impl, String dialect, int spixel, int fpixel, List<TraceRecord> records,
                    List<String> notes, LoopLayout layout, List<String> unplaced) {
    public Trace {
        records = List.copyOf(records);
        notes = List.copyOf(notes);
        unplaced = List.copyOf(unplaced);
    }

    /** A trace in which every line was placed. */
    public Trace(String impl, String dialect, int spixel, int fpixel, List<TraceRecord> records,
                 List<String> notes, LoopLayout layout) {
        this(impl, dialect, spixel, fpixel, records, notes, layout, List.of());
    }

    /** A trace whose dialect carries its own loop indices (protocol 1). */
    public Trace(String impl, String dialect, int spixel, int fpixel, List<TraceRecord> records, List<String> notes) {
        this(impl, dialect, spixel, fpixel, records, notes, null);
    }

    /** Records by alignment key, in trace order. */
    public Map<String, TraceRecord> byKey() {
        Map<String, TraceRecord> m = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            m.put(r.key(), r);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The record with this key. */
    public Optional<TraceRecord> get(String key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /**
     * Run-level scalars (records without indices and with one value), first occurrence of each,
     * by base name: the input of scale forensics.
     */
    public Map<String, Double> runScalars() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            if (r.indices().isEmpty() && r.values().size() == 1 && !m.containsKey(r.name())) {
                m.put(r.name(), r.values().get(0).value());
            }
        }
        return m;
    }
}
