package org.nbparity.harness.trace;

import java.util.Locale;

/** Renders a {@link TraceDiffResult} (and optional scale forensics) as {@code trace_diff.md}. */
public final class TraceDiffMarkdown {
    private TraceDiffMarkdown() {
    }

    /** The Markdown text; {@code forensics} may be null. */
    public static String render(TraceDiffResult r, ScaleForensicsResult forensics) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Trace diff: ").append(r.verdict()).append("\n\n");
        sb.append("- reference: `").append(r.reference()).append("`, candidate: `").append(r.candidate()).append("`\n");
        sb.append("- pixel (slow, fast): (").append(r.spixel()).append(", ").append(r.fpixel()).append(")\n");
        sb.append("- thresholds sha256: `").append(r.thresholdsSha256()).append("`\n");
        sb.append(String.format(Locale.ROOT, "- records compared: %d (equal %d, of which %d only to the printed digits; "
                        + "within class %d, diverged %d); only in reference: %d; only in candidate: %d; missing records %s\n\n",
                r.compared(), r.equal(), r.equalAsPrinted(), r.within(), r.diverged(), r.onlyInReferenceCount(),
                r.onlyInCandidateCount(), r.strictPresence() ? "count as divergences" : "are listed, not counted"));
        FirstDivergence fd = r.firstDivergence();
        sb.append("## First divergence\n\n");
        if (fd == null) {
            sb.append(r.compared() == 0 ? "No record could be compared (no common vocabulary): FAIL.\n\n"
                    : "None: every compared record is inside its tolerance class.\n\n");
        } else {
            RecordComparison d = fd.record();
            sb.append("**`").append(d.key()).append("`** (").append(fd.runLevel() ? "run-level" : "pixel-level")
                    .append(", ").append(fd.origin()).append(")\n\n");
            sb.append(fd.explanation()).append("\n\n");
            sb.append("| | value |\n|---|---|\n");
            sb.append("| reference | `").append(d.reference()).append("` (line ").append(d.referenceLine()).append(") |\n");
            sb.append("| candidate | `").append(d.candidate()).append("` (line ").append(d.candidateLine()).append(") |\n");
            sb.append("| ULP distance | ").append(TraceDiff.ulpText(d.maxUlps())).append(" (component ")
                    .append(d.worstComponent()).append(") |\n");
            sb.append("| tolerance class | ").append(d.toleranceClass()).append(" |\n\n");
            if (!fd.inputs().isEmpty()) {
                sb.append("Inputs of `").append(d.name()).append("`:\n\n| input | record | state | ULP | reference | candidate |\n"
                        + "|---|---|---|---|---|---|\n");
                for (InputState in : fd.inputs()) {
                    sb.append("| ").append(in.input()).append(" | ").append(in.key() == null ? "-" : "`" + in.key() + "`")
                            .append(" | ").append(in.status()).append(" | ").append(TraceDiff.ulpText(in.maxUlps()))
                            .append(" | ").append(in.reference() == null ? "-" : "`" + in.reference() + "`")
                            .append(" | ").append(in.candidate() == null ? "-" : "`" + in.candidate() + "`").append(" |\n");
                }
                sb.append('\n');
            }
        }
        if (forensics != null) {
            sb.append("## Scale forensics\n\n").append(forensics.summary()).append("\n\n");
            if (forensics.scaleOff() && !forensics.hypotheses().isEmpty()) {
                sb.append("| hypothesis | kind | predicted ratio | rel. error | match |\n|---|---|---|---|---|\n");
                for (ScaleHypothesis h : forensics.hypotheses()) {
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %.10g | %.3g | %s |\n", h.culprit(), h.kind(),
                            h.predictedRatio(), h.relError(), h.matches() ? "yes" : "no"));
                }
                sb.append('\n');
            }
        }
        if (!r.divergedRecords().isEmpty()) {
            sb.append("## Diverged records (comparison order, first ").append(r.divergedRecords().size()).append(")\n\n");
            sb.append("| record | class | status | ULP | reference | candidate |\n|---|---|---|---|---|---|\n");
            for (RecordComparison c : r.divergedRecords()) {
                sb.append("| `").append(c.key()).append("` | ").append(c.toleranceClass()).append(" | ").append(c.status())
                        .append(" | ").append(TraceDiff.ulpText(c.maxUlps())).append(" | `").append(c.reference())
                        .append("` | ").append(c.candidate() == null ? "-" : "`" + c.candidate() + "`").append(" |\n");
            }
            sb.append('\n');
        }
        if (!r.withinRecords().isEmpty()) {
            sb.append("## Records that differ inside their class (first ").append(r.withinRecords().size()).append(")\n\n");
            sb.append("| record | class | ULP | allowed abs | reference | candidate |\n|---|---|---|---|---|---|\n");
            for (RecordComparison c : r.withinRecords()) {
                sb.append("| `").append(c.key()).append("` | ").append(c.toleranceClass()).append(" | ")
                        .append(TraceDiff.ulpText(c.maxUlps())).append(" | ").append(c.allowedAbs()).append(" | `")
                        .append(c.reference()).append("` | `").append(c.candidate()).append("` |\n");
            }
            sb.append('\n');
        }
        if (!r.maxUlpsByName().isEmpty()) {
            sb.append("## Largest ULP distance per record name\n\n(Against a dialect printed with fewer than 17 digits "
                    + "this is the distance to the printed decimal value, which includes its rounding.)\n\n"
                    + "| name | max ULP |\n|---|---|\n");
            r.maxUlpsByName().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(TraceDiff.ulpText(v)).append(" |\n"));
            sb.append('\n');
        }
        if (r.onlyInReferenceCount() > 0) {
            sb.append("Only in reference (first ").append(r.onlyInReference().size()).append(" of ")
                    .append(r.onlyInReferenceCount()).append("): ").append(String.join(", ", r.onlyInReference())).append("\n\n");
        }
        if (r.onlyInCandidateCount() > 0) {
            sb.append("Only in candidate (first ").append(r.onlyInCandidate().size()).append(" of ")
                    .append(r.onlyInCandidateCount()).append("): ").append(String.join(", ", r.onlyInCandidate())).append("\n\n");
        }
        return sb.toString();
    }
}
