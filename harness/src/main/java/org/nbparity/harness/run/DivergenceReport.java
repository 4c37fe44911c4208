package org.nbparity.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.bundle.TraceGate;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.trace.FirstDivergence;
import org.nbparity.harness.trace.TraceDiffResult;

import java.util.List;
import java.util.Locale;

/**
 * What was compared and what it showed, as metrics.json records it: the C's trace dialect, the
 * status of each traced pixel and of the run ({@value #NOT_COMPARED}, {@value #NONE}, or the
 * origin of the first divergence: INTRODUCED, INHERITED, UNDETERMINED), and the run-level
 * records of the two stdouts. summary.md is written from these fields only.
 */
public final class DivergenceReport {
    /** Nothing about the pixel could be compared (the C printed nothing, or no comparable record). */
    public static final String NOT_COMPARED = TraceGate.NOT_COMPARED;
    /** trace_diff.md text for a dialect without loop indices when neither the case nor the C's stdout gives the layout. */
    static final String NO_LAYOUT = "The C's trace dialect carries no loop indices and neither the case nor the C's stdout "
            + "gives the loop layout: no traced run was made; quantities not compared.";
    /** trace_diff.md text for a candidate whose description says it prints nothing about a pixel. */
    static final String CANDIDATE_NOT_TRACED = "The candidate's description says it prints nothing about a pixel "
            + "(trace format none): no traced run was made on either side; quantities not compared.";
    /** Records were compared and none diverged. */
    public static final String NONE = TraceGate.NONE;
    /** trace_diff.md text for a pixel the C cannot trace. */
    static final String NOT_TRACED = "The C program prints nothing about a pixel (probe: neither -trace_pixel nor "
            + "-printout_pixel output): no traced run was made on either side; quantities not compared.";

    private DivergenceReport() {
    }

    /** The status of one pixel's comparison ({@link TraceGate#status}). */
    static String status(TraceDiffResult d) {
        return TraceGate.status(d);
    }

    /** metrics.json {@code first_divergence} ({@link TraceGate#firstDivergenceJson}). */
    static JsonNode firstDivergenceJson(FirstDivergence fd, String dialect, List<Integer> pixel) {
        return TraceGate.firstDivergenceJson(fd, dialect, pixel);
    }

    /**
     * metrics.json {@code traces[].unplaced}: the trace lines each side's dialect could not place
     * (count and the first 50, as {@code name (line n)}).
     */
    static JsonNode unplacedJson(List<String> reference, List<String> candidate) {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("reference_count", reference.size());
        o.set("reference", Canonical.MAPPER.valueToTree(reference.subList(0, Math.min(50, reference.size()))));
        o.put("candidate_count", candidate.size());
        o.set("candidate", Canonical.MAPPER.valueToTree(candidate.subList(0, Math.min(50, candidate.size()))));
        return o;
    }

    /** trace_diff.md lines on the unplaced trace lines of a pixel (empty when every line was placed). */
    static String unplacedMarkdown(List<String> reference, List<String> candidate) {
        StringBuilder sb = new StringBuilder();
        if (!reference.isEmpty()) {
            sb.append("Unplaced lines of the reference (its dialect cannot place them; not compared): ").append(reference.size())
                    .append(": ").append(String.join(", ", reference.subList(0, Math.min(50, reference.size())))).append("\n\n");
        }
        if (!candidate.isEmpty()) {
            sb.append("Unplaced lines of the candidate (its dialect cannot place them; not compared): ").append(candidate.size())
                    .append(": ").append(String.join(", ", candidate.subList(0, Math.min(50, candidate.size())))).append("\n\n");
        }
        return sb.toString();
    }

    /** metrics.json {@code trace_dialect}: the C's dialect (null for a recorded oracle) and how it was learnt. */
    static JsonNode dialectJson(String dialect, String source) {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        if (dialect == null) {
            o.putNull("dialect");
        } else {
            o.put("dialect", dialect);
        }
        o.put("source", source);
        return o;
    }

    /** The run's status ({@link TraceGate#overallStatus}). */
    static String overallStatus(JsonNode firstDivergence, JsonNode traces) {
        return TraceGate.overallStatus(firstDivergence, traces);
    }

    /** trace_diff.md section on the stdout run-level records. */
    static String runLevelMarkdown(TraceDiffResult r) {
        StringBuilder sb = new StringBuilder("## Run-level records (ordinary stdout of both untraced runs)\n\n");
        sb.append(runLevelLine(r.compared(), r.equalAsPrinted(), r.diverged(), r.onlyInReferenceCount(),
                r.onlyInCandidateCount())).append("\n\n");
        if (r.firstDivergence() != null) {
            FirstDivergence fd = r.firstDivergence();
            sb.append("First divergence: **`").append(fd.record().key()).append("`** (").append(fd.origin()).append("): C `")
                    .append(fd.record().reference()).append("` vs Java `").append(fd.record().candidate()).append("`. ")
                    .append(fd.explanation()).append("\n\n");
        }
        return sb.toString();
    }

    /** One sentence on the run-level comparison. */
    static String runLevelLine(int compared, int asPrinted, int diverged, int onlyC, int onlyJava) {
        if (compared == 0) {
            return "The C printed none of upstream's setup lines: run-level quantities not compared.";
        }
        return String.format(Locale.ROOT, "%d run-level records compared (%d equal to the printed digits), %d diverged; "
                + "printed only by C: %d, only by Java: %d.", compared, asPrinted, diverged, onlyC, onlyJava);
    }
}
