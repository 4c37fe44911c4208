package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness's built-in trace comparison, used until the analysis package (protocol-1 parser,
 * dialect mapping, tolerance classes, inputs of the divergent record) is merged. It reads
 * {@code TRACE_<IMPL>: name values} lines of any dialect, aligns records by base name (indices
 * stripped) and occurrence number, and compares values: integers and words exactly, doubles
 * within {@code maxUlp} ULPs or, when the reference was printed with fewer than 17 significant
 * digits (the golden {@code %.15g}), within half a unit of its last printed digit.
 */
public final class TraceDiffLite {
    private static final Pattern LINE = Pattern.compile("^TRACE_([A-Z0-9]+):\\s*(\\S+)\\s*(.*)$");

    private TraceDiffLite() {
    }

    /**
     * A trace record.
     *
     * @param key    base name plus "#occurrence"
     * @param name   full record name as printed
     * @param values value tokens
     * @param line   1-based line number
     */
    public record Rec(String key, String name, List<String> values, int line) {
    }

    /**
     * Result.
     *
     * @param refRecords   records in the reference
     * @param candRecords  records in the candidate
     * @param aligned      records present in both
     * @param differing    aligned records outside tolerance
     * @param first        first differing record in reference order, or null
     */
    public record Result(int refRecords, int candRecords, int aligned, int differing, ObjectNode first) {
    }

    /** Parses trace lines; other lines are ignored. */
    public static List<Rec> parse(String text) {
        List<Rec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                continue;
            }
            String name = m.group(2);
            String base = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            int n = seen.merge(base, 1, Integer::sum);
            List<String> vals = m.group(3).isBlank() ? List.of() : List.of(m.group(3).trim().split("\\s+"));
            out.add(new Rec(base + "#" + n, name, vals, i + 1));
        }
        return out;
    }

    /** Compares a reference trace with a candidate. */
    public static Result diff(String ref, String cand, long maxUlp) {
        List<Rec> r = parse(ref);
        List<Rec> c = parse(cand);
        Map<String, Rec> byKey = new LinkedHashMap<>();
        for (Rec x : c) {
            byKey.put(x.key(), x);
        }
        int aligned = 0;
        int differing = 0;
        ObjectNode first = null;
        for (Rec x : r) {
            Rec y = byKey.get(x.key());
            if (y == null) {
                continue;
            }
            aligned++;
            String why = compare(x.values(), y.values(), maxUlp);
            if (why != null) {
                differing++;
                if (first == null) {
                    first = Canonical.MAPPER.createObjectNode();
                    first.put("record", x.name());
                    first.put("candidate_record", y.name());
                    first.put("ref_line", x.line());
                    first.put("cand_line", y.line());
                    first.put("ref", String.join(" ", x.values()));
                    first.put("cand", String.join(" ", y.values()));
                    first.put("why", why);
                    first.put("comparator", "TraceDiffLite (harness built-in)");
                }
            }
        }
        return new Result(r.size(), c.size(), aligned, differing, first);
    }

    static String compare(List<String> a, List<String> b, long maxUlp) {
        if (a.size() != b.size()) {
            return "value count " + a.size() + " vs " + b.size();
        }
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (x.equals(y)) {
                continue;
            }
            Double dx = num(x);
            Double dy = num(y);
            if (dx == null || dy == null || isInt(x) && isInt(y)) {
                return "component " + i + ": " + x + " vs " + y + " (exact)";
            }
            if (dx.equals(dy) || dx == 0.0 && dy == 0.0) {
                continue;
            }
            long ulp = ulp(dx, dy);
            double printTol = printTolerance(x);
            if (ulp <= maxUlp || Math.abs(dx - dy) <= printTol) {
                continue;
            }
            return "component " + i + ": " + x + " vs " + y + " (" + ulp + " ULP > " + maxUlp + ")";
        }
        return null;
    }

    static boolean isInt(String s) {
        return s.matches("[-+]?\\d+");
    }

    static Double num(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return switch (s) {
                case "nan", "-nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
    }

    /** Half a unit in the last printed digit when fewer than 17 significant digits were printed. */
    static double printTolerance(String s) {
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.precision() >= 17) {
                return 0;
            }
            return 0.5 * Math.pow(10, -d.scale());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ULP distance of two doubles on the ordered-integer line. */
    public static long ulp(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        long la = Double.doubleToRawLongBits(a);
        long lb = Double.doubleToRawLongBits(b);
        la = la < 0 ? Long.MIN_VALUE - la : la;
        lb = lb < 0 ? Long.MIN_VALUE - lb : lb;
        long d = la - lb;
        return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
    }
}
