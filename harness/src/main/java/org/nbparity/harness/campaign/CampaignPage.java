package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * campaign.html from campaign.json alone: the counts by verdict, one horizontal bar per feature
 * (PASS green, FAIL red, ERROR orange, NOT_RUN grey; plain HTML, no script), and every case that did
 * not pass with its first divergence, its shrunk form and a link to its bundle's report.
 */
final class CampaignPage {
    private static final List<String> ORDER = List.of("PASS", "FAIL", CampaignReport.ERROR, CampaignReport.NOT_RUN);
    private static final Map<String, String> COLOUR = Map.of("PASS", "#2e7d32", "FAIL", "#c62828",
            CampaignReport.ERROR, "#ef6c00", CampaignReport.NOT_RUN, "#9e9e9e");

    private CampaignPage() {
    }

    static String html(JsonNode c) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>nbparity campaign seed ")
                .append(c.path("seed").asText()).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
                        + ".bar{display:flex;width:400px;height:14px}.bar div{height:14px}</style></head><body>\n");
        sb.append("<h1>Parity campaign: seed ").append(c.path("seed").asText()).append(", ")
                .append(c.path("count").asInt()).append(" cases").append(c.path("complete").asBoolean() ? "" : " (incomplete)")
                .append("</h1>\n<h2>By verdict</h2>\n<table><tr>");
        for (String v : ORDER) {
            sb.append("<th style=\"color:").append(COLOUR.get(v)).append("\">").append(v).append("</th>");
        }
        sb.append("</tr><tr>");
        for (String v : ORDER) {
            sb.append("<td>").append(c.path("counts").path(v).asInt(0)).append("</td>");
        }
        sb.append("</tr></table>\n<h2>By feature</h2>\n<table><tr><th>feature</th><th>cases</th><th>verdicts</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("counts_by_feature").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int total = 0;
            for (String v : ORDER) {
                total += e.getValue().path(v).asInt(0);
            }
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(total).append("</td><td><div class=\"bar\">");
            StringBuilder title = new StringBuilder();
            for (String v : ORDER) {
                int n = e.getValue().path(v).asInt(0);
                if (n > 0) {
                    sb.append("<div title=\"").append(v).append(' ').append(n).append("\" style=\"background:")
                            .append(COLOUR.get(v)).append(";width:").append(String.format(java.util.Locale.ROOT, "%.2f", 100.0 * n / total))
                            .append("%\"></div>");
                    title.append(' ').append(v).append(' ').append(n);
                }
            }
            sb.append("</div>").append(esc(title.toString().strip())).append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Cases that did not pass</h2>\n");
        StringBuilder rows = new StringBuilder();
        for (JsonNode cs : c.path("cases")) {
            if (cs.path("verdict").asText().equals("PASS")) {
                continue;
            }
            JsonNode fd = cs.path("first_divergence");
            JsonNode sh = cs.path("shrink");
            rows.append("<tr><td>").append(link(cs)).append("</td><td>").append(esc(cs.path("verdict").asText()))
                    .append("</td><td>").append(esc(String.join("+", texts(cs.path("features"))))).append("</td><td>")
                    .append(fd.isObject() ? esc(fd.path("record_name").asText() + " " + fd.path("pixel").toString() + " "
                            + fd.path("status").asText()) : "")
                    .append("</td><td>").append(sh.isObject() ? esc(sh.path("outcome").asText() + ": "
                            + sh.path("needs_text").asText("") + " | " + String.join(" ", texts(sh.path("minimal_argv")))) : "")
                    .append("</td><td>").append(esc(cs.path("error").asText(""))).append("</td></tr>\n");
        }
        sb.append(rows.length() == 0 ? "<p>None.</p>\n" : "<table><tr><th>case</th><th>verdict</th><th>features</th>"
                + "<th>first divergence</th><th>shrink</th><th>error</th></tr>\n" + rows + "</table>\n");
        sb.append("<p>Statement (a DSSE envelope, signed when the merge was given a key): campaign.dsse.json (subjects: campaign.json, manifest.json, each bundle's SHA256SUMS). "
                + "Check with <code>nbparity verify DIR</code>.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static String link(JsonNode cs) {
        String id = esc(cs.path("id").asText());
        return cs.hasNonNull("bundle") ? "<a href=\"" + esc(cs.get("bundle").asText()) + "/report.html\">" + id + "</a>" : id;
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new java.util.ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
