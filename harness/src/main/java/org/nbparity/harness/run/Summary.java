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
        sb.append("\n## First divergence\n\n");
        JsonNode fd = m.path("first_divergence");
        if (fd.isNull() || fd.isMissingNode()) {
            sb.append("none in the traced pixels\n");
        } else {
            JsonNode rec = fd.path("record");
            sb.append("`").append(fd.path("record_name").asText()).append("` at pixel ").append(fd.path("pixel"))
                    .append(" (").append(fd.path("runLevel").asBoolean() ? "run-level constant" : "pixel-level")
                    .append(", ").append(fd.path("origin").asText()).append("): C `").append(rec.path("reference").asText())
                    .append("` vs Java `").append(rec.path("candidate").asText()).append("`, ")
                    .append(rec.path("maxUlps").asText()).append(" ULP\n\n").append(fd.path("explanation").asText()).append("\n");
        }
        JsonNode sf = m.path("scale_forensics");
        if (sf.isObject()) {
            sb.append("\n## Scale forensics\n\nsum ratio ").append(sf.path("observedRatio").asText());
            if (!sf.path("likelyCulprit").isNull() && !sf.path("likelyCulprit").isMissingNode()) {
                sb.append(": likely culprit `").append(sf.path("likelyCulprit").asText()).append("`");
            }
            sb.append(". ").append(sf.path("summary").asText());
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
