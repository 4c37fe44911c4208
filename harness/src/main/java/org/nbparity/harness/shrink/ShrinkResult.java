package org.nbparity.harness.shrink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.util.List;
import java.util.Locale;

/**
 * Result of shrinking one failing case: {@code shrink.json} (schema {@code nbparity-shrink} 1,
 * documented in harness/README.md) and the shrink section of summary.md.
 *
 * @param caseId          the case
 * @param outcome         {@code shrunk}; {@code not_reproduced} when the original argv passes the
 *                        image gates in a probe (the failure is elsewhere: traces, identity gates);
 *                        {@code error} when the original argv cannot be probed
 * @param originalArgv    the case argv
 * @param minimalArgv     the smallest argv found that still fails
 * @param needs           the flags whose neutralization alone makes the minimal argv pass
 * @param required        flags kept in the minimal argv because without one of them a side cannot
 *                        run or the C image is empty (nothing to compare): not needs
 * @param divergentPixels the most divergent pixels of the minimal argv {@code [s, f]}, worst first
 * @param roi             the {@code -roi xmin xmax ymin ymax} the minimal argv was narrowed to, or null
 * @param elements        every neutralization tried, in words
 * @param steps           every probe, in the order started
 * @param seconds         wall time of the whole search
 * @param message         what went wrong for {@code error}, or a remark; null when none
 */
public record ShrinkResult(String caseId, String outcome, List<String> originalArgv, List<String> minimalArgv,
                           List<Need> needs, List<Need> required, List<int[]> divergentPixels, int[] roi, List<String> elements,
                           List<Step> steps, double seconds, String message) {
    /** shrink.json schema name. */
    public static final String SCHEMA = "nbparity-shrink";
    /** shrink.json schema version. */
    public static final int VERSION = 1;

    /**
     * A needed flag or flag group.
     *
     * @param flags the flag names
     * @param text  readable, e.g. {@code -phisteps >= 2}
     */
    public record Need(List<String> flags, String text) {
    }

    /**
     * One probe.
     *
     * @param step    number, from 1, in the order started
     * @param change  what differs from the original argv
     * @param argv    the argv probed
     * @param verdict FAIL, PASS or ERROR
     * @param seconds its wall time
     * @param note    why it is an ERROR, or that the C image was empty; else null
     */
    public record Step(int step, String change, List<String> argv, Verdict verdict, double seconds, String note) {
    }

    /** Number of probes run. */
    public int probes() {
        return steps.size();
    }

    /** The needs as one phrase, e.g. {@code -phi 0 with -phisteps >= 2}. */
    public String needsText() {
        if (!"shrunk".equals(outcome)) {
            return "not determined";
        }
        if (needs.isEmpty() && required.isEmpty()) {
            return "no optional flag: it fails with every flag group neutralized";
        }
        if (needs.isEmpty()) {
            return "no flag beyond what it cannot do without: "
                    + String.join(", ", required.stream().map(Need::text).toList());
        }
        return String.join(" with ", needs.stream().map(Need::text).toList());
    }

    /** shrink.json. */
    public ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("schema", SCHEMA).put("version", VERSION).put("case", caseId).put("outcome", outcome);
        strings(o.putArray("original_argv"), originalArgv);
        strings(o.putArray("minimal_argv"), minimalArgv);
        needs(o.putArray("needs"), needs);
        needs(o.putArray("required"), required);
        o.put("needs_text", needsText());
        ArrayNode d = o.putArray("divergent_pixels");
        divergentPixels.forEach(p -> d.addArray().add(p[0]).add(p[1]));
        if (roi == null) {
            o.putNull("roi");
        } else {
            ArrayNode r = o.putArray("roi");
            for (int v : roi) {
                r.add(v);
            }
        }
        strings(o.putArray("neutralizations"), elements);
        ArrayNode st = o.putArray("steps");
        for (Step s : steps) {
            ObjectNode e = st.addObject();
            e.put("step", s.step()).put("change", s.change());
            strings(e.putArray("argv"), s.argv());
            e.put("verdict", s.verdict().name()).put("seconds", round(s.seconds()));
            if (s.note() != null) {
                e.put("note", s.note());
            }
        }
        o.put("probes", probes()).put("seconds", round(seconds));
        if (message == null) {
            o.putNull("message");
        } else {
            o.put("message", message);
        }
        return o;
    }

    /** The shrink section of summary.md. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("\n## Shrink: localized by experiment\n\n");
        sb.append(String.format(Locale.ROOT, "%d probes in %.1f s (shrink.json).", probes(), seconds));
        if (message != null) {
            sb.append(' ').append(message);
        }
        sb.append("\n\n");
        if ("shrunk".equals(outcome)) {
            sb.append("- Minimal failing argv: `").append(String.join(" ", minimalArgv)).append("`\n");
            sb.append("- Needs: ").append(needs.isEmpty() ? needsText()
                    : String.join(" with ", needs.stream().map(x -> "`" + x.text() + "`").toList())
                    + " (each alone: neutralizing it makes the minimal argv pass)").append("\n");
            if (!required.isEmpty()) {
                sb.append("- Also kept (not needs): ")
                        .append(String.join(", ", required.stream().map(x -> "`" + x.text() + "`").toList())).append("\n");
            }
            if (!divergentPixels.isEmpty()) {
                sb.append("- Divergent pixels (s, f), worst first: ");
                sb.append(String.join(" ", divergentPixels.stream().limit(10)
                        .map(p -> "(" + p[0] + ", " + p[1] + ")").toList()));
                sb.append(divergentPixels.size() > 10 ? " ..." : "").append("\n");
            }
            sb.append("\n");
        }
        sb.append("| step | change | verdict | s |\n|---|---|---|---|\n");
        for (Step s : steps) {
            sb.append("| ").append(s.step()).append(" | ").append(s.change().replace("|", "\\|")).append(" | ")
                    .append(s.verdict()).append(s.note() == null ? "" : " (" + s.note().replace("|", "\\|") + ")")
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", s.seconds())).append(" |\n");
        }
        return sb.toString();
    }

    private static void needs(ArrayNode n, List<Need> l) {
        for (Need x : l) {
            ObjectNode e = n.addObject();
            strings(e.putArray("flags"), x.flags());
            e.put("text", x.text());
        }
    }

    private static void strings(ArrayNode a, List<String> l) {
        l.forEach(a::add);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
