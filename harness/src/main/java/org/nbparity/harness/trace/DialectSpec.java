package org.nbparity.harness.trace;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a program prints what it computed for one pixel: the {@code trace} part of a candidate
 * description ({@code fixtures/candidates/*.json}, harness/README.md "Candidates").
 *
 * <p>{@code format}: {@code probe} (ask the program once, {@code backend.TraceProbe}: the C side
 * of today), {@code none} (prints nothing about a pixel), {@code printout} (upstream's own
 * {@code -printout_pixel F S} block, fixed line shapes), or {@code lines}: one line per record,
 * {@code <prefix> <name>[<indices>] <values>}, where {@code names} maps the program's names onto
 * protocol-1 names (over a built-in {@code vocabulary}: {@code protocol1}, {@code hoidn} =
 * trace-keys.md sections 4.1-4.7), {@code units} gives the factor from its unit to the protocol
 * unit, and {@code indices} says how loop iterations are shown: {@code indexed} (protocol-1
 * index brackets), {@code per_subpixel} (no indices; one block per subpixel, opened by
 * {@code block_start}, source/crystal records at source 0, phi 0, mosaic 0, as hoidn's TRACE_C)
 * or {@code last_value} (no indices; each record printed once, the value of the last iteration).
 *
 * @param format     probe, none, printout or lines
 * @param request    the argv elements that ask for a trace of pixel {@code {s}} (slow), {@code {f}} (fast)
 * @param prefix     line prefix of a trace line ({@code lines}), e.g. {@code TRACE_PY:}
 * @param vocabulary protocol1, hoidn or none: names known without listing them
 * @param names      the program's record names onto protocol-1 names (over the vocabulary)
 * @param units      factor from the program's unit to the protocol unit, by the program's name
 * @param indices    indexed, per_subpixel or last_value
 * @param digits     significant digits the program prints (17: exact)
 * @param blockStart ({@code per_subpixel}) the program's name of the record opening each subpixel block
 */
public record DialectSpec(String format, List<String> request, String prefix, String vocabulary,
                          Map<String, String> names, Map<String, Double> units, Indices indices, int digits,
                          String blockStart) {
    /** How loop iterations are shown. */
    public enum Indices {
        /** protocol-1 brackets: {@code name[t=0,sy=1,...]}. */
        INDEXED,
        /** one block per subpixel, no indices (hoidn's TRACE_C). */
        PER_SUBPIXEL,
        /** one record per quantity, the last iteration's value (upstream's printout). */
        LAST_VALUE
    }

    /** The protocol-1 request: {@code -trace_pixel S F}. */
    public static final List<String> TRACE_PIXEL = List.of("-trace_pixel", "{s}", "{f}");
    /** Upstream's request: {@code -printout_pixel F S} (fast first). */
    public static final List<String> PRINTOUT_PIXEL = List.of("-printout_pixel", "{f}", "{s}");

    /** Trace protocol 1 (any {@code TRACE_<IMPL>:} prefix). */
    public static final DialectSpec PROTOCOL1 = new DialectSpec("lines", TRACE_PIXEL, "TRACE_", "protocol1", Map.of(),
            Map.of(), Indices.INDEXED, 17, null);
    /** hoidn's TRACE_C lines (trace-keys.md sections 2-4). */
    public static final DialectSpec HOIDN_TRACE_C = new DialectSpec("lines", TRACE_PIXEL, "TRACE_C:", "hoidn", Map.of(),
            Map.of(), Indices.PER_SUBPIXEL, 15, null);
    /** Upstream's -printout_pixel block. */
    public static final DialectSpec PRINTOUT = new DialectSpec("printout", PRINTOUT_PIXEL, null, null, Map.of(), Map.of(),
            Indices.LAST_VALUE, 6, null);
    /** Prints nothing about a pixel. */
    public static final DialectSpec NONE = new DialectSpec("none", List.of(), null, null, Map.of(), Map.of(), null, 0, null);
    /**
     * Unknown until the program is asked ({@code backend.TraceProbe}, the C side) or its output is
     * read (detected by {@link TraceParser#detect}: a {@code --java-cmd} candidate).
     */
    public static final DialectSpec PROBE = new DialectSpec("probe", TRACE_PIXEL, null, null, Map.of(), Map.of(), null, 0, null);

    public DialectSpec {
        request = List.copyOf(request);
        names = Map.copyOf(names);
        units = Map.copyOf(units);
        if (!List.of("probe", "none", "printout", "lines").contains(format)) {
            throw new IllegalArgumentException("trace.format must be probe, none, printout or lines, not '" + format + "'");
        }
        if ("lines".equals(format)) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("trace.prefix is required for trace lines");
            }
            if (indices == null) {
                throw new IllegalArgumentException("trace.indices is required (indexed, per_subpixel or last_value)");
            }
            if (vocabulary != null && !List.of("protocol1", "hoidn", "none").contains(vocabulary)) {
                throw new IllegalArgumentException("trace.vocabulary must be protocol1, hoidn or none, not '" + vocabulary + "'");
            }
        }
    }

    /** The spec of a probed or detected {@link TraceDialect}. */
    public static DialectSpec of(TraceDialect d) {
        return switch (d) {
            case PROTOCOL1 -> PROTOCOL1;
            case GOLDEN -> HOIDN_TRACE_C;
            case PRINTOUT -> PRINTOUT;
            case NONE -> NONE;
        };
    }

    /** The dialect name recorded in metrics.json: protocol1, golden_trace_c, printout, none, or {@code lines:<prefix>}. */
    public String id() {
        if (equals(PROTOCOL1)) {
            return TraceDialect.PROTOCOL1.id();
        }
        if (equals(HOIDN_TRACE_C)) {
            return TraceDialect.GOLDEN.id();
        }
        return "lines".equals(format) ? "lines:" + prefix.strip() : format;
    }

    /** True when a traced run is worth making (for {@code probe}: whatever the output turns out to be). */
    public boolean traces() {
        return "lines".equals(format) || "printout".equals(format) || "probe".equals(format);
    }

    /**
     * True when records carry their loop indices (no loop layout needed to name them); a
     * {@code probe} dialect is detected from the text when it is read, which asks for a layout then.
     */
    public boolean indexed() {
        return "lines".equals(format) && indices == Indices.INDEXED || "probe".equals(format);
    }

    /** True for trace protocol 1 itself (records of two protocol-1 traces must all be present on both sides). */
    public boolean protocol1() {
        return equals(PROTOCOL1);
    }

    /**
     * The traced argv: the case's argv with this dialect's request for pixel (s, f) where the
     * case's protocol-1 traced argv holds {@code -trace_pixel S F}.
     */
    public List<String> tracedArgv(List<String> protocolTracedArgv) {
        List<String> a = new ArrayList<>(protocolTracedArgv);
        int i = a.lastIndexOf("-trace_pixel");
        if (i < 0 || i + 2 >= a.size()) {
            throw new IllegalArgumentException("traced argv without -trace_pixel S F: " + a);
        }
        String s = a.get(i + 1);
        String f = a.get(i + 2);
        a.subList(i, i + 3).clear();
        List<String> req = new ArrayList<>();
        for (String r : request) {
            req.add(r.replace("{s}", s).replace("{f}", f));
        }
        a.addAll(i, req);
        return List.copyOf(a);
    }

    /**
     * The protocol-1 name of one of the program's names, and the factor to the protocol unit;
     * null when the dialect cannot place it (reported as unplaced).
     */
    public GoldenMapping.Target target(String name) {
        String mapped = names.get(name);
        double scale = units.getOrDefault(name, 1.0);
        if (mapped == null && "hoidn".equals(vocabulary)) {
            GoldenMapping.Target t = GoldenMapping.PIXEL.get(name);
            if (t != null) {
                return units.containsKey(name) ? new GoldenMapping.Target(t.name(), t.level(), scale) : t;
            }
        }
        if (mapped == null && "protocol1".equals(vocabulary)) {
            mapped = name;
        }
        if (mapped == null) {
            return null;
        }
        GoldenMapping.Level level = GoldenMapping.levelOf(mapped);
        return level == null && indices != Indices.INDEXED ? null
                : new GoldenMapping.Target(mapped, level == null ? GoldenMapping.Level.END : level, scale);
    }

    /** The program's name of the record opening a subpixel block ({@code per_subpixel}). */
    public String blockStartName() {
        if (blockStart != null) {
            return blockStart;
        }
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue().equals(GoldenMapping.BLOCK_START)) {
                return e.getKey();
            }
        }
        return GoldenMapping.BLOCK_START;
    }

    /** Reads the {@code trace} object of a candidate description; a string is a format alone (probe, none, printout). */
    public static DialectSpec fromJson(JsonNode t) {
        if (t == null || t.isNull() || t.isMissingNode()) {
            return NONE;
        }
        if (t.isTextual()) {
            return switch (t.asText()) {
                case "probe" -> PROBE;
                case "none" -> NONE;
                case "printout" -> PRINTOUT;
                case "protocol1" -> PROTOCOL1;
                case "hoidn" -> HOIDN_TRACE_C;
                default -> throw new IllegalArgumentException("trace: unknown dialect '" + t.asText()
                        + "' (probe, none, printout, protocol1, hoidn, or an object)");
            };
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("format", "request", "prefix", "vocabulary", "names", "units", "indices", "digits", "block_start")
                    .contains(f)) {
                throw new IllegalArgumentException("trace: unknown field '" + f + "'");
            }
        }
        String format = t.path("format").asText("lines");
        List<String> request = new ArrayList<>();
        t.path("request").forEach(x -> request.add(x.asText()));
        if (request.isEmpty()) {
            request.addAll("printout".equals(format) ? PRINTOUT_PIXEL : TRACE_PIXEL);
        }
        Map<String, String> names = new LinkedHashMap<>();
        t.path("names").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        Map<String, Double> units = new LinkedHashMap<>();
        t.path("units").fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("trace.units." + e.getKey() + " must be a number (factor to the protocol unit)");
            }
            units.put(e.getKey(), e.getValue().asDouble());
        });
        Indices ix = null;
        if (t.has("indices")) {
            ix = switch (t.path("indices").asText()) {
                case "indexed" -> Indices.INDEXED;
                case "per_subpixel" -> Indices.PER_SUBPIXEL;
                case "last_value" -> Indices.LAST_VALUE;
                default -> throw new IllegalArgumentException("trace.indices must be indexed, per_subpixel or last_value, not '"
                        + t.path("indices").asText() + "'");
            };
        }
        if ("printout".equals(format)) {
            return new DialectSpec(format, request, null, null, Map.of(), Map.of(), Indices.LAST_VALUE, 6, null);
        }
        String vocab = t.has("vocabulary") ? t.path("vocabulary").asText() : null;
        int digits = t.path("digits").asInt(17);
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("trace.digits must be 1..17");
        }
        return new DialectSpec(format, request, t.has("prefix") ? t.path("prefix").asText() : null, vocab, names, units,
                ix, digits, t.has("block_start") ? t.path("block_start").asText() : null);
    }
}
