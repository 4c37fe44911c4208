package org.nbparity.harness.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Parses the three trace dialects the harness reads into protocol-1 records:
 * <ul>
 *   <li>{@link #parseProtocol} protocol 1 (trace-protocol.md): {@code TRACE_<IMPL>: name[idx] v ...};</li>
 *   <li>{@link #parseGolden} the {@code TRACE_C} lines of hoidn's instrumented copy (trace-keys.md
 *       sections 2-4), mapped onto protocol names by {@link GoldenMapping};</li>
 *   <li>{@link #parsePrintout} upstream's own {@code -printout_pixel} block (trace-keys.md section 5).</li>
 * </ul>
 * Malformed input throws {@link IllegalArgumentException} naming the line.
 */
public final class TraceParser {
    private static final Pattern PREFIX = Pattern.compile("^TRACE_([A-Z0-9]+):\\s*(.*)$");
    private static final Pattern RECORD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.]*)(?:\\[([^\\]]*)])?$");

    /** Per-iteration records printed as a value plus a 0/1 "recomputed" flag. */
    public static final java.util.Set<String> FLAGGED = java.util.Set.of("omega_pixel_sr", "capture_fraction", "polar");
    /** Suffix of the record holding the split-off flag. */
    public static final String RECOMPUTED = "_recomputed";

    private TraceParser() {
    }

    /** Reads a trace file (optionally .gz) and parses it in the dialect detected by {@link #detect}. */
    public static Trace read(Path file, LoopLayout layout) {
        Trace t = parse(readLines(file), layout);
        if (t.spixel() < 0) {
            Matcher m = Pattern.compile("trace_s(\\d+)_f(\\d+)").matcher(file.getFileName().toString());
            if (m.find()) {
                return new Trace(t.impl(), t.dialect(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        t.records(), t.notes(), t.layout());
            }
        }
        return t;
    }

    /**
     * Parses trace lines in the dialect detected by {@link #detect}; {@code layout} names the
     * records of the dialects without loop indices (unused for protocol 1).
     */
    public static Trace parse(List<String> lines, LoopLayout layout) {
        return switch (detect(lines)) {
            case "protocol1" -> parseProtocol(lines);
            case "printout" -> parsePrintout(lines, layout);
            default -> parseGolden(lines, layout);
        };
    }

    /**
     * Parses trace lines in the dialect a candidate description gives ({@link DialectSpec});
     * {@code layout} names the records of the dialects without loop indices. A {@code probe}
     * spec (not yet known) is detected as {@link #parse(List, LoopLayout)} does.
     */
    public static Trace parse(List<String> lines, LoopLayout layout, DialectSpec spec) {
        if (spec == null || "probe".equals(spec.format())) {
            return parse(lines, layout);
        }
        if ("printout".equals(spec.format())) {
            return parsePrintout(lines, layout);
        }
        if (!"lines".equals(spec.format())) {
            throw new IllegalArgumentException("trace: dialect '" + spec.format() + "' prints no records");
        }
        return switch (spec.indices()) {
            case INDEXED -> parseProtocol(lines, spec);
            case PER_SUBPIXEL -> parseGolden(lines, layout, spec);
            case LAST_VALUE -> parseLastValue(lines, layout, spec);
        };
    }

    /** True when parsing {@code spec}'s records needs a loop layout. */
    public static boolean needsLayout(List<String> lines, DialectSpec spec) {
        if (spec == null || "probe".equals(spec.format())) {
            return !"protocol1".equals(detect(lines));
        }
        return !spec.indexed();
    }

    /** Lines of a text file, gunzipped when it ends in .gz. */
    public static List<String> readLines(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            if (file.toString().endsWith(".gz")) {
                try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
                    b = in.readAllBytes();
                }
            }
            return new String(b, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("trace: cannot read " + file, e);
        }
    }

    /** "protocol1", "printout" or "golden_trace_c". */
    public static String detect(List<String> lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.equals("trace_protocol 1") || s.matches("TRACE_[A-Z0-9]+:\\s*trace_protocol\\s+\\d+")) {
                return "protocol1";
            }
        }
        for (String l : lines) {
            if (isStolLine(l)) {
                return "printout";
            }
        }
        return "golden_trace_c";
    }

    /** True for the first line of a printout block (possibly glued to a preceding warning). */
    public static boolean isStolLine(String line) {
        return P_STOL.matcher(line).matches();
    }

    // ------------------------------------------------------------------ protocol 1

    /** Parses protocol 1. Lines that are not trace lines are ignored. */
    public static Trace parseProtocol(List<String> lines) {
        return parseProtocol(lines, DialectSpec.PROTOCOL1);
    }

    /**
     * Parses a dialect with protocol-1 index brackets: only lines starting with the spec's prefix
     * (protocol 1: any {@code TRACE_<IMPL>:}), names mapped by the spec; a name it does not map
     * is unplaced.
     */
    public static Trace parseProtocol(List<String> lines, DialectSpec spec) {
        boolean anyImpl = spec.protocol1();
        String own = spec.prefix().strip();
        Builder b = new Builder();
        Precision printed = spec.digits() >= 17 ? Precision.EXACT : Precision.significant(spec.digits());
        String impl = null;
        int version = -1;
        int s = -1;
        int f = -1;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).strip();
            String body;
            Matcher pm = PREFIX.matcher(raw);
            if (!anyImpl) {
                if (!raw.startsWith(own)) {
                    continue;
                }
                if (impl == null) {
                    impl = own.replaceAll("[^A-Za-z0-9_]", "");
                }
                body = raw.substring(own.length()).strip();
            } else if (pm.matches()) {
                if (impl == null) {
                    impl = pm.group(1);
                }
                body = pm.group(2).strip();
            } else if (raw.startsWith("trace_protocol") || raw.startsWith("pixel ")) {
                body = raw;
            } else {
                continue;
            }
            String[] tok = body.split("\\s+");
            if (tok.length == 0 || tok[0].isEmpty()) {
                continue;
            }
            if (tok[0].equals("trace_protocol")) {
                version = Integer.parseInt(tok[1]);
                if (version != 1) {
                    throw new IllegalArgumentException("trace: line " + (i + 1) + ": unsupported trace_protocol " + version);
                }
                continue;
            }
            if (tok[0].equals("pixel") && tok.length == 3 && s < 0) {
                s = Integer.parseInt(tok[1]);
                f = Integer.parseInt(tok[2]);
                continue;
            }
            Matcher rm = RECORD.matcher(tok[0]);
            if (!rm.matches()) {
                throw new IllegalArgumentException("trace: line " + (i + 1) + ": bad record name '" + tok[0] + "'");
            }
            GoldenMapping.Target tg = spec.target(rm.group(1));
            if (tg == null) {
                b.unplaced.add(rm.group(1) + " (line " + (i + 1) + ")");
                continue;
            }
            String name = tg.name();
            Map<String, Integer> idx = parseIndices(rm.group(2), i + 1);
            boolean bits = name.endsWith("_bits");
            List<TraceValue> vals = new ArrayList<>();
            for (int k = 1; k < tok.length; k++) {
                try {
                    vals.add(TraceValue.parse(tok[k], bits));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("trace: line " + (i + 1) + ": " + e.getMessage());
                }
            }
            Precision p = bits ? Precision.EXACT : printed;
            if (tg.scale() != 1.0) {
                vals = scaled(vals, tg.scale());
                p = p.scaled(tg.scale());
            }
            if (FLAGGED.contains(name) && !idx.isEmpty() && vals.size() == 2) {
                // value plus its "recomputed" flag (trace-protocol.md section 2): two records, so that
                // the value aligns with dialects that print no flag
                b.add(name, idx, vals.subList(0, 1), p, i + 1, tok[0]);
                b.add(name + RECOMPUTED, idx, vals.subList(1, 2), Precision.EXACT, i + 1, tok[0] + " (flag)");
                continue;
            }
            b.add(name, idx, vals, p, i + 1, tok[0]);
        }
        if (version < 0 && anyImpl) {
            b.notes.add("no trace_protocol line");
        }
        return new Trace(impl == null ? "?" : impl, anyImpl ? "protocol1" : spec.id(), s, f, b.records, b.notes, null,
                b.unplaced);
    }

    /** The values times {@code factor} (the printed text kept). */
    private static List<TraceValue> scaled(List<TraceValue> vals, double factor) {
        List<TraceValue> sc = new ArrayList<>();
        for (TraceValue v : vals) {
            sc.add(new TraceValue(v.text(), v.value() * factor, null));
        }
        return sc;
    }

    private static Map<String, Integer> parseIndices(String spec, int line) {
        Map<String, Integer> idx = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return idx;
        }
        int last = -1;
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=");
            int pos = TraceRecord.INDEX_ORDER.indexOf(kv.length == 2 ? kv[0] : "");
            if (pos < 0 || pos <= last) {
                throw new IllegalArgumentException("trace: line " + line + ": bad or out-of-order index '" + part + "'");
            }
            last = pos;
            idx.put(kv[0], Integer.parseInt(kv[1].strip()));
        }
        return idx;
    }

    // ------------------------------------------------------------------ golden TRACE_C

    /**
     * Parses the golden TRACE_C dialect. {@code layout} numbers the subpixel blocks (each starts
     * with {@code pix0_vector_meters}); it may be null only when the trace has at most one block.
     * Setup-format lines ({@code TRACE_C:key=...}, {@code DETECTOR_*}) become run-level records.
     */
    public static Trace parseGolden(List<String> lines, LoopLayout layout) {
        return parseGolden(lines, layout, DialectSpec.HOIDN_TRACE_C);
    }

    /**
     * Parses a dialect of one block per subpixel without indices ({@code per_subpixel}): hoidn's
     * TRACE_C lines, or the same shape under another prefix ({@code TRACE_PY:}) and other names.
     * The prefix's family ({@code <P>:key=value} setup lines, {@code <P>_PHI}, {@code <P>_SOURCE2:})
     * is read as for TRACE_C. A key the spec cannot place is unplaced.
     */
    public static Trace parseGolden(List<String> lines, LoopLayout layout, DialectSpec spec) {
        String base = spec.prefix().strip();
        base = base.endsWith(":") ? base.substring(0, base.length() - 1) : base;
        String pixelPrefix = base + ": ";
        String setupPrefix = base + ":";
        String phiPrefix = base + "_PHI";
        String source2Prefix = base + "_SOURCE2: ";
        String blockStart = spec.blockStartName();
        Precision printed = spec.digits() >= 17 ? Precision.EXACT : Precision.significant(spec.digits());
        Builder b = new Builder();
        int block = -1;
        int s = -1;
        int f = -1;
        Map<String, Integer> sub = new LinkedHashMap<>();
        int skipped = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).strip();
            int ln = i + 1;
            if (raw.startsWith("TRACE_CONFIG:")) {
                Matcher m = Pattern.compile("spixel=(\\d+), fpixel=(\\d+)").matcher(raw);
                if (m.find()) {
                    s = Integer.parseInt(m.group(1));
                    f = Integer.parseInt(m.group(2));
                }
                continue;
            }
            if (raw.startsWith("DETECTOR_")) {
                String[] tok = raw.split("\\s+");
                String name = GoldenMapping.DETECTOR_LINES.get(tok[0]);
                if (name != null) {
                    b.addRunFirst(name, doubles(tok, 1, ln, false), printed, ln, tok[0]);
                }
                continue;
            }
            if (raw.startsWith(setupPrefix) && !raw.startsWith(pixelPrefix) && raw.contains("=")) {
                String body = raw.substring(setupPrefix.length());
                String key = body.substring(0, body.indexOf('='));
                String val = body.substring(body.indexOf('=') + 1);
                List<TraceValue> vals = setupValues(val);
                if (vals == null) {
                    b.notes.add("line " + ln + ": setup key " + key + " has text value, not compared");
                } else {
                    b.add("setup." + key, Map.of(), vals, printed, ln, key);
                }
                continue;
            }
            if (raw.startsWith(phiPrefix)) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String t : raw.substring(phiPrefix.length()).strip().split("\\s+")) {
                    int eq = t.indexOf('=');
                    if (eq > 0) {
                        kv.put(t.substring(0, eq), t.substring(eq + 1));
                    }
                }
                requireBlock(block, ln);
                int phi = Integer.parseInt(kv.getOrDefault("phi_tic", "-1"));
                Map<String, Integer> ip = with(sub, "src", 0, "phi", phi);
                Map<String, Integer> ipm = with(ip, "mos", 0);
                b.add("phi_deg", ip, List.of(val(kv, "phi_deg", ln)), printed, ln, phiPrefix + " phi_deg");
                b.add("k_frac", ipm, List.of(val(kv, "k_frac", ln)), printed, ln, phiPrefix + " k_frac");
                for (String k : List.of("F_latt_b", "F_latt")) {
                    TraceValue v = val(kv, k, ln);
                    String bk = TraceRecord.baseKey(k, ipm);
                    TraceRecord prev = b.byKey.get(bk);
                    if (prev != null && prev.values().size() == 1 && prev.values().get(0).text().equals(v.text())) {
                        continue; // phi_tic 0 repeats the crystal-block value (trace-keys.md 4.4)
                    }
                    b.add(k, ipm, List.of(v), printed, ln, phiPrefix + " " + k);
                }
                continue;
            }
            String prefix;
            if (raw.startsWith(pixelPrefix)) {
                prefix = pixelPrefix;
            } else if (raw.startsWith(source2Prefix)) {
                prefix = source2Prefix;
            } else {
                if (raw.startsWith("TRACE")) {
                    skipped++; // human %g lines, env-gated TAP5 lines
                }
                continue;
            }
            String[] tok = raw.substring(prefix.length()).strip().split("\\s+");
            String key = tok[0];
            if (prefix.equals(source2Prefix)) {
                requireBlock(block, ln);
                GoldenMapping.Target tg = GoldenMapping.SOURCE2.get(key);
                if (tg == null) {
                    b.unplaced.add(source2Prefix.strip() + " " + key + " (line " + ln + ")");
                    continue;
                }
                Map<String, Integer> ix = tg.level() == GoldenMapping.Level.CRYSTAL
                        ? with(sub, "src", 2, "phi", 0, "mos", 0) : with(sub, "src", 2);
                b.add(tg.name(), ix, doubles(tok, 1, ln, false), printed, ln, source2Prefix.strip() + " " + key);
                continue;
            }
            if (key.equals(blockStart)) {
                block++;
                sub = subpixelIndices(block, layout, ln);
            }
            Placed pl = place(b, spec, tok, ln, printed);
            if (pl != null) {
                if (pl.target().level() != GoldenMapping.Level.RUN_FIRST && pl.target().level() != GoldenMapping.Level.RUN
                        && pl.target().level() != GoldenMapping.Level.END) {
                    requireBlock(block, ln);
                }
                // source and crystal records of a block are those of source 0, phi 0, mosaic 0
                add(b, pl, ln, key, sub, with(sub, "src", 0), with(sub, "src", 0, "phi", 0, "mos", 0));
            }
        }
        int blocks = block + 1;
        if (layout != null && blocks > 0 && blocks != layout.subpixelBlocks()) {
            throw new IllegalArgumentException("trace: " + blocks + " subpixel blocks but the loop layout says "
                    + layout.subpixelBlocks() + " (thicksteps*oversample^2)");
        }
        if (skipped > 0) {
            b.notes.add(skipped + " human-readable or env-gated TRACE lines skipped");
        }
        if (b.dropped > 0) {
            b.notes.add(b.dropped + " repeated run-level values (identical) folded into the first occurrence");
        }
        return new Trace(spec.equals(DialectSpec.HOIDN_TRACE_C) ? "C_GOLDEN" : base.replace("TRACE_", ""), spec.id(), s, f,
                b.records, b.notes, layout, b.unplaced);
    }

    /**
     * Parses a dialect that prints each record once, without indices, with the value of the last
     * loop iteration ({@code last_value}): a record is placed at the last iteration of its level
     * in {@code layout} (required), as upstream's printout is.
     */
    public static Trace parseLastValue(List<String> lines, LoopLayout layout, DialectSpec spec) {
        if (layout == null) {
            throw new IllegalArgumentException("trace: a last-value dialect needs the loop layout to name its records");
        }
        String own = spec.prefix().strip();
        Precision printed = spec.digits() >= 17 ? Precision.EXACT : Precision.significant(spec.digits());
        Map<String, Integer> lastSub = with(new LinkedHashMap<>(), "t", layout.thicksteps() - 1,
                "sy", layout.oversample() - 1, "sx", layout.oversample() - 1);
        Map<String, Integer> lastSrc = with(lastSub, "src", layout.sources() - 1);
        Map<String, Integer> lastMos = with(lastSrc, "phi", layout.phisteps() - 1, "mos", layout.mosaicDomains() - 1);
        Builder b = new Builder();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).strip();
            int ln = i + 1;
            if (!raw.startsWith(own)) {
                continue;
            }
            String[] tok = raw.substring(own.length()).strip().split("\\s+");
            if (tok.length < 2 || tok[0].isEmpty()) {
                continue;
            }
            Placed pl = place(b, spec, tok, ln, printed);
            if (pl != null) {
                add(b, pl, ln, tok[0], lastSub, lastSrc, lastMos);
            }
        }
        return new Trace(own.replaceAll("[^A-Za-z0-9_]", "").replace("TRACE_", ""), spec.id(), -1, -1, b.records,
                b.notes, layout, b.unplaced);
    }

    /** A record of a dialect without indices: where it goes, its values in the protocol unit, how precisely printed. */
    private record Placed(GoldenMapping.Target target, List<TraceValue> values, Precision precision) {
    }

    /**
     * The record of line {@code ln} ({@code tok[0]} the program's name, then its values) mapped by
     * {@code spec}, or null after listing it as unplaced.
     */
    private static Placed place(Builder b, DialectSpec spec, String[] tok, int ln, Precision printed) {
        GoldenMapping.Target tg = spec.target(tok[0]);
        if (tg == null) {
            b.unplaced.add(tok[0] + " (line " + ln + ")");
            return null;
        }
        boolean toBits = tg.name().endsWith("_bits");
        List<TraceValue> vals = doubles(tok, 1, ln, toBits);
        Precision p = toBits ? Precision.EXACT : printed;
        if (tg.scale() != 1.0) {
            vals = scaled(vals, tg.scale());
            p = p.scaled(tg.scale());
        }
        return new Placed(tg, vals, p);
    }

    /** Adds a placed record at its level: run-level, end of pixel, or the given subpixel, source or crystal indices. */
    private static void add(Builder b, Placed pl, int ln, String src, Map<String, Integer> subpixel,
                            Map<String, Integer> source, Map<String, Integer> crystal) {
        GoldenMapping.Target tg = pl.target();
        switch (tg.level()) {
            case RUN_FIRST, RUN -> b.addRunFirst(tg.name(), pl.values(), pl.precision(), ln, src);
            case END -> b.add(tg.name(), Map.of(), pl.values(), pl.precision(), ln, src);
            case SUBPIXEL -> b.add(tg.name(), subpixel, pl.values(), pl.precision(), ln, src);
            case SOURCE -> b.add(tg.name(), source, pl.values(), pl.precision(), ln, src);
            case CRYSTAL -> b.add(tg.name(), crystal, pl.values(), pl.precision(), ln, src);
            default -> throw new IllegalStateException();
        }
    }

    private static void requireBlock(int block, int ln) {
        if (block < 0) {
            throw new IllegalArgumentException("trace: line " + ln + ": per-subpixel key before the first "
                    + GoldenMapping.BLOCK_START);
        }
    }

    private static Map<String, Integer> subpixelIndices(int block, LoopLayout layout, int ln) {
        if (layout == null) {
            if (block > 0) {
                throw new IllegalArgumentException("trace: line " + ln + ": more than one subpixel block; "
                        + "the loop layout (thicksteps, oversample) is needed to name them");
            }
            return with(new LinkedHashMap<>(), "t", 0, "sy", 0, "sx", 0);
        }
        int os2 = layout.oversample() * layout.oversample();
        if (block >= layout.subpixelBlocks()) {
            throw new IllegalArgumentException("trace: line " + ln + ": subpixel block " + (block + 1)
                    + " exceeds thicksteps*oversample^2 = " + layout.subpixelBlocks());
        }
        return with(new LinkedHashMap<>(), "t", block / os2, "sy", (block % os2) / layout.oversample(),
                "sx", block % layout.oversample());
    }

    private static Map<String, Integer> with(Map<String, Integer> base, Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }

    private static TraceValue val(Map<String, String> kv, String k, int ln) {
        String v = kv.get(k);
        if (v == null) {
            throw new IllegalArgumentException("trace: line " + ln + ": TRACE_C_PHI without " + k);
        }
        return TraceValue.parse(v, false);
    }

    private static List<TraceValue> doubles(String[] tok, int from, int ln, boolean toFloatBits) {
        List<TraceValue> out = new ArrayList<>();
        for (int k = from; k < tok.length; k++) {
            try {
                double d = TraceValue.parseDouble(tok[k]);
                if (toFloatBits) {
                    out.addAll(floatValue(tok[k], (float) d));
                } else {
                    out.add(new TraceValue(tok[k], d, null));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("trace: line " + ln + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Numeric values of a setup key: vector, [matrix; rows], or name:value pairs; null if textual. */
    private static List<TraceValue> setupValues(String val) {
        String v = val.replace("[", " ").replace("]", " ").replace(";", " ").strip();
        List<TraceValue> out = new ArrayList<>();
        for (String t : v.split("\\s+")) {
            String num = t.contains(":") ? t.substring(t.lastIndexOf(':') + 1) : t;
            try {
                out.add(new TraceValue(num, TraceValue.parseDouble(num), null));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ upstream -printout_pixel

    /**
     * The block's first line; it may follow other text on the same line: upstream's interpolation
     * warning ends without a newline ("further warnings will not be printed! "), so the stol line
     * of the pixel that triggered it is glued to it (v07).
     */
    private static final Pattern P_STOL = Pattern.compile("^(?:.*?\\s)?(-?\\d+)\\s+(-?\\d+) : stol = (\\S+) or (\\S+)\\s*$");
    private static final Pattern P_AT = Pattern.compile("^at (\\S+) (\\S+) (\\S+)\\s*$");
    private static final Pattern P_HKL = Pattern.compile("^hkl= (\\S+) (\\S+) (\\S+)\\s+hkl0= (\\S+) (\\S+) (\\S+)\\s*$");
    private static final Pattern P_F = Pattern.compile("^\\s*F_cell=(\\S+)\\s+F_latt=(\\S+)\\s+I = (\\S+)\\s*$");
    private static final Pattern P_NUM = Pattern.compile("^(I/steps|polar|omega|capfrac|pixel)\\s+(\\S+)\\s*$");
    private static final Pattern P_ROW = Pattern.compile("^([XYZ]): +(\\S+) +(\\S+) +(\\S+)\\s*$");

    /**
     * Parses upstream's {@code -printout_pixel F S} block (render.md 4.26) into protocol records at
     * the last loop iteration given by {@code layout} (required). With several blocks in the
     * text, only the first is parsed. F_cell is named {@code F_cell_last_evaluated} and not
     * aligned with F_cell, because upstream prints the last value reached, possibly from an
     * earlier pixel.
     */
    public static Trace parsePrintout(List<String> lines, LoopLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("trace: a printout block needs the loop layout to name its records");
        }
        Builder b = new Builder();
        Map<String, Integer> lastSub = with(new LinkedHashMap<>(), "t", layout.thicksteps() - 1,
                "sy", layout.oversample() - 1, "sx", layout.oversample() - 1);
        Map<String, Integer> lastSrc = with(lastSub, "src", layout.sources() - 1);
        Map<String, Integer> lastMos = with(lastSrc, "phi", layout.phisteps() - 1, "mos", layout.mosaicDomains() - 1);
        Precision g6 = Precision.significant(6);
        Precision g10 = Precision.significant(10);
        int s = -1;
        int f = -1;
        boolean in = false;
        double[][] cell = new double[3][];
        String[][] cellText = new String[3][];
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int ln = i + 1;
            Matcher m;
            if ((m = P_STOL.matcher(l)).matches()) {
                if (in) {
                    break;
                }
                in = true;
                f = Integer.parseInt(m.group(1));
                s = Integer.parseInt(m.group(2));
                b.add("stol", lastSrc, List.of(tv(m.group(3))), g6, ln, "stol");
                b.add("printout_stol_A_inv", Map.of(), List.of(tv(m.group(4))), g6, ln, "stol (second value)");
                continue;
            }
            if (!in) {
                continue;
            }
            if ((m = P_AT.matcher(l)).matches()) {
                b.add("pixel_pos_meters", lastSub, List.of(tv(m.group(1)), tv(m.group(2)), tv(m.group(3))), g6, ln, "at");
            } else if ((m = P_HKL.matcher(l)).matches()) {
                b.add("hkl_frac", lastMos, List.of(tv(m.group(1)), tv(m.group(2)), tv(m.group(3))), Precision.decimals(6), ln, "hkl=");
                b.add("hkl_rounded", lastMos, List.of(tv(m.group(4)), tv(m.group(5)), tv(m.group(6))), Precision.EXACT, ln, "hkl0=");
            } else if ((m = P_F.matcher(l)).matches()) {
                b.add("F_cell_last_evaluated", Map.of(), List.of(tv(m.group(1))), g6, ln, "F_cell=");
                b.add("F_latt", lastMos, List.of(tv(m.group(2))), g6, ln, "F_latt=");
                b.add("I_before_scaling", Map.of(), List.of(tv(m.group(3))), g6, ln, "I =");
            } else if ((m = P_NUM.matcher(l)).matches()) {
                String k = m.group(1);
                switch (k) {
                    case "I/steps" -> b.add("I_over_steps", Map.of(), List.of(tv(m.group(2))), g10, ln, k);
                    case "polar" -> b.add("polar", Map.of(), List.of(tv(m.group(2))), g10, ln, k);
                    case "omega" -> b.add("omega_pixel", Map.of(), List.of(tv(m.group(2))), g10, ln, k);
                    case "capfrac" -> b.add("capture_fraction", Map.of(), List.of(tv(m.group(2))), g10, ln, k);
                    default -> // %15.10g of a float32 widened: 10 significant digits identify the float exactly
                            b.add("floatimage_bits", Map.of(), floatValue(m.group(2), (float) TraceValue.parseDouble(m.group(2))),
                                    Precision.EXACT, ln, k);
                }
            } else if ((m = P_ROW.matcher(l)).matches()) {
                int r = "XYZ".indexOf(m.group(1));
                cell[r] = new double[3];
                cellText[r] = new String[3];
                for (int c = 0; c < 3; c++) {
                    cellText[r][c] = m.group(2 + c);
                    cell[r][c] = TraceValue.parseDouble(m.group(2 + c));
                }
                if (r == 2 && cell[0] != null && cell[1] != null) {
                    String[] names = {"rot_a", "rot_b", "rot_c"};
                    for (int c = 0; c < 3; c++) {
                        List<TraceValue> v = new ArrayList<>();
                        for (int rr = 0; rr < 3; rr++) {
                            v.add(new TraceValue(cellText[rr][c], cell[rr][c] * 1e-10, null));
                        }
                        b.add(names[c], lastMos, v, Precision.decimals(8).scaled(1e-10), ln, "real-space cell vectors");
                    }
                    break;
                }
            }
        }
        if (!in) {
            throw new IllegalArgumentException("trace: no printout block (line '%4d %4d : stol = ...') found");
        }
        return new Trace("C_PRINTOUT", "printout", s, f, b.records, b.notes, layout);
    }

    /**
     * A float32 pixel as protocol 1 prints it: the widened value and its bit pattern. The value
     * printed with fewer digits identifies the float exactly, so both are exact.
     */
    private static List<TraceValue> floatValue(String printed, float fl) {
        int bits = Float.floatToRawIntBits(fl);
        return List.of(new TraceValue(printed, fl, null), new TraceValue(String.format("%08x", bits), fl, bits));
    }

    private static TraceValue tv(String t) {
        return new TraceValue(t, TraceValue.parseDouble(t), null);
    }

    /** Accumulates records, giving repeated keys a #n suffix. */
    private static final class Builder {
        final List<TraceRecord> records = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, TraceRecord> byKey = new HashMap<>();
        final Map<String, Integer> count = new HashMap<>();
        final List<String> unplaced = new ArrayList<>();
        int dropped;

        void add(String name, Map<String, Integer> idx, List<TraceValue> vals, Precision p, int line, String src) {
            String base = TraceRecord.baseKey(name, idx);
            int n = count.merge(base, 1, Integer::sum);
            String key = n == 1 ? base : base + "#" + n;
            TraceRecord r = new TraceRecord(key, name, idx, vals, p, line, src);
            records.add(r);
            byKey.put(key, r);
        }

        /** Run-level record: later identical repetitions are folded into the first. */
        void addRunFirst(String name, List<TraceValue> vals, Precision p, int line, String src) {
            TraceRecord prev = byKey.get(name);
            if (prev != null) {
                boolean same = prev.values().size() == vals.size();
                for (int i = 0; same && i < vals.size(); i++) {
                    double a = prev.values().get(i).value();
                    double c = vals.get(i).value();
                    same = a == c || Double.isNaN(a) && Double.isNaN(c);
                }
                if (same) {
                    dropped++;
                    return;
                }
                notes.add("line " + line + ": run-level " + name + " changes value; kept as a repetition");
            }
            add(name, Map.of(), vals, p, line, src);
        }
    }
}
