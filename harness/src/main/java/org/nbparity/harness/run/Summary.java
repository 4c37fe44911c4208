package org.nbparity.harness.run;

import com.fasterxml.jackson.databind.JsonNode;

/** summary.md, generated from metrics.json only (so it can never disagree with it). */
final class Summary {
    private Summary() {
    }

    static String markdown(JsonNode m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(m.path("verdict").asText()).append(": ").append(m.path("case_id").asText())
                .append(" (").append(m.path("mode").asText()).append(", C backend ")
                .append(m.path("c_backend").asText()).append(")\n\n");
        sb.append("| gate | value | limit | margin | result |\n|---|---|---|---|---|\n");
        for (JsonNode g : m.path("gates")) {
            sb.append("| ").append(g.path("name").asText()).append(" | ").append(g.path("value").asText())
                    .append(" | ").append(g.path("kind").asText().equals("min") ? ">= " : g.path("kind").asText().equals("max") ? "<= " : "== ")
                    .append(g.path("limit").asText()).append(" | ").append(g.path("margin").asText()).append(" | ")
                    .append(g.path("pass").asBoolean() ? "pass" : "**FAIL**").append(" |\n");
        }
        JsonNode img = m.path("image");
        sb.append("\n## Image ").append(img.path("float_file").asText()).append(" ").append(img.path("shape").get(0))
                .append("x").append(img.path("shape").get(1)).append(" (slow x fast)\n\n");
        sb.append("- bitwise equal: ").append(img.path("bitwise_equal").asText()).append(" of ")
                .append(img.path("n_pixels").asText()).append(" (").append(img.path("bitwise_fraction").asText()).append(")\n");
        sb.append("- max float32 ULP: ").append(img.path("max_ulp_float32").asText()).append(" at (s, f) ")
                .append(img.path("worst_pixel_s_f")).append("\n");
        sb.append("- ULP histogram: ").append(img.path("ulp_histogram")).append("\n");
        sb.append("- sum C ").append(img.path("sum_c").asText()).append(", sum Java ").append(img.path("sum_java").asText())
                .append(", ratio ").append(img.path("sum_ratio").asText()).append("\n");
        sb.append("- max |diff|: ").append(img.path("max_abs_diff").asText()).append("\n\n");
        sb.append("## Other outputs\n\n");
        for (JsonNode o : m.path("outputs")) {
            sb.append("- ").append(o.path("name").asText()).append(": ")
                    .append(o.path("identical").asBoolean() ? "byte-identical" : "differs").append("\n");
        }
        if (m.path("native_outputs").size() > 0) {
            sb.append("\n## Detector-native outputs (Java side)\n\n");
            for (JsonNode n : m.path("native_outputs")) {
                JsonNode px = n.path("pixels");
                sb.append("- ").append(n.path("name").asText()).append(" (").append(n.path("format").asText()).append("): ")
                        .append(px.path("differing").asText()).append(" of ").append(px.path("compared").asText())
                        .append(" pixels differ from ").append(px.path("against").asText());
                if (n.path("float_pixels").isObject()) {
                    sb.append(", float image ").append(n.path("float_pixels").path("differing").asText()).append(" differ");
                }
                sb.append("; geometry ").append(n.path("geometry_diverged").asText()).append(" of ")
                        .append(n.path("geometry_compared").asText()).append(" quantities outside the C's printed digits");
                for (JsonNode q : n.path("geometry")) {
                    if (!q.path("pass").asBoolean()) {
                        sb.append("; `").append(q.path("quantity").asText()).append("` file ").append(q.path("file"))
                                .append(" vs C ").append(q.path("c_printed"))
                                .append(q.path("note").isTextual() ? " (" + q.path("note").asText() + ")" : "");
                    }
                }
                sb.append("\n");
            }
        }
        sb.append("\n## First divergence\n\n");
        JsonNode dialect = m.path("trace_dialect");
        if (dialect.isObject()) {
            sb.append("- C trace dialect: ").append(dialect.path("dialect").isNull()
                    ? "not probed (" + dialect.path("source").asText() + ": its stored traces are compared)"
                    : "`" + dialect.path("dialect").asText() + "` (" + dialect.path("source").asText() + ")").append("\n");
        }
        JsonNode rl = m.path("run_level");
        if (rl.isObject()) {
            sb.append("- run level (stdout): ").append(DivergenceReport.runLevelLine(rl.path("compared").asInt(),
                    rl.path("equalAsPrinted").asInt(), rl.path("diverged").asInt(), rl.path("onlyInReferenceCount").asInt(),
                    rl.path("onlyInCandidateCount").asInt())).append("\n");
        }
        JsonNode sides = m.path("sides");
        if (sides.isObject()) {
            sb.append("- reference `").append(sides.path("reference").path("name").asText()).append("` (")
                    .append(sides.path("reference").path("dtype").asText()).append("), candidate `")
                    .append(sides.path("candidate").path("name").asText()).append("` (")
                    .append(sides.path("candidate").path("dtype").asText()).append(", trace dialect `")
                    .append(sides.path("candidate").path("dialect").asText()).append("`)\n");
        }
        int comparedPixels = 0;
        int records = 0;
        int printedButNothingCompared = 0;
        java.util.List<String> unplaced = new java.util.ArrayList<>();
        int unplacedCount = 0;
        for (JsonNode t : m.path("traces")) {
            if (t.path("diff").isObject() && t.path("diff").path("compared").asInt() > 0) {
                comparedPixels++;
                records += t.path("diff").path("compared").asInt();
            } else if (t.path("diff").isObject()) {
                printedButNothingCompared++;
            }
            JsonNode u = t.path("unplaced");
            unplacedCount += u.path("reference_count").asInt() + u.path("candidate_count").asInt();
            u.path("reference").forEach(x -> unplaced.add("reference " + x.asText()));
            u.path("candidate").forEach(x -> unplaced.add("candidate " + x.asText()));
        }
        sb.append("- traced pixels: ").append(m.path("traces").size()).append(", compared: ").append(comparedPixels)
                .append(" (").append(records).append(" records)\n");
        if (unplacedCount > 0) {
            // lines a dialect could not place are listed, never dropped in silence
            sb.append("- unplaced trace lines (the dialect cannot place them; not compared): ").append(unplacedCount)
                    .append(": ").append(String.join(", ", unplaced.subList(0, Math.min(10, unplaced.size()))))
                    .append(unplaced.size() > 10 ? ", ..." : "").append("\n");
        }
        sb.append("\n");
        JsonNode fd = m.path("first_divergence");
        String status = m.path("first_divergence_status").asText("");
        if (fd.isNull() || fd.isMissingNode()) {
            if (printedButNothingCompared > 0 && comparedPixels == 0) {
                sb.append("NOTHING COMPARED: traces were printed but no record could be compared (")
                        .append(unplacedCount).append(" unplaced lines); the trace gates fail\n");
            } else if (status.equals(DivergenceReport.NOT_COMPARED) || status.isEmpty() && comparedPixels == 0) {
                sb.append(rl.path("compared").asInt() > 0
                        ? "C printed no trace: quantities not compared (only the run-level stdout records above were)\n"
                        : "C printed no trace: quantities not compared\n");
            } else {
                sb.append("none: every compared record is inside its tolerance class\n");
            }
        } else {
            JsonNode rec = fd.path("record");
            sb.append("`").append(fd.path("record_name").asText()).append("`")
                    .append(fd.path("pixel").isArray() ? " at pixel " + fd.path("pixel") : "")
                    .append(" (").append(fd.path("runLevel").asBoolean() ? "run-level constant" : "pixel-level")
                    .append(", ").append(fd.path("origin").asText())
                    .append(fd.path("dialect").isTextual() ? ", found in the C's " + fd.path("dialect").asText() + " output" : "")
                    .append("): C `").append(rec.path("reference").asText())
                    .append("` vs Java `").append(rec.path("candidate").asText()).append("`, ")
                    .append(rec.path("maxUlps").asText()).append(" ULP\n\n").append(fd.path("explanation").asText()).append("\n");
        }
        JsonNode sf = m.path("scale_forensics");
        if (sf.isObject()) {
            sb.append("\n## Scale forensics\n\n");
            if (!sf.path("likelyCulprit").isNull() && !sf.path("likelyCulprit").isMissingNode()) {
                sb.append("Likely culprit `").append(sf.path("likelyCulprit").asText()).append("`: ");
            }
            sb.append(sf.path("summary").asText());
            sb.append("\n");
        }
        if (m.path("probes").size() > 0) {
            sb.append("\n## Determinism probes\n\n");
            m.path("probes").fields().forEachRemaining(e -> sb.append("- ").append(e.getKey()).append(": ")
                    .append(e.getValue().isObject() ? (e.getValue().path("identical").asBoolean() ? "identical" : "DIFFERENT")
                            : e.getValue().asText()).append("\n"));
        }
        sb.append("\nSee metrics.json (source of this page), trace_diff.md, env.json, commands.txt.\n");
        return sb.toString();
    }
}
