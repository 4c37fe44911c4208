package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code report.html} of one bundle, written into the bundle before it is sealed (so SHA256SUMS
 * covers it) from the bundle's own files only: metrics.json (verdict, gates, image statistics,
 * first divergence rendered generically, whatever fields it has), summary.md, shrink.json when
 * present (schema {@code nbparity-shrink} 1) and the pictures under {@code png/}, embedded by
 * relative link. The page is self-contained HTML with no script.
 */
public final class ReportPage {
    /** The page's file name inside a bundle. */
    public static final String FILE = "report.html";

    private ReportPage() {
    }

    /**
     * Writes report.html into {@code dir} when it holds a metrics.json (no-op otherwise);
     * {@code name} is the bundle's final name (the directory may still be its staging one).
     */
    public static void write(Path dir, String name) throws IOException {
        Path m = dir.resolve("metrics.json");
        if (!Files.isRegularFile(m)) {
            return;
        }
        JsonNode metrics = Canonical.read(m);
        Path shrink = dir.resolve("shrink.json");
        JsonNode sj = Files.isRegularFile(shrink) ? Canonical.read(shrink) : null;
        Path summary = dir.resolve("summary.md");
        String sm = Files.isRegularFile(summary) ? Files.readString(summary) : null;
        List<String> pngs;
        Path png = dir.resolve("png");
        if (Files.isDirectory(png)) {
            try (Stream<Path> s = Files.list(png)) {
                // C, Java, difference first, then any other picture
                List<String> order = List.of("c.png", "java.png", "diff.png");
                pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                        .sorted(java.util.Comparator.comparingInt((String n) -> order.contains(n) ? order.indexOf(n) : order.size())
                                .thenComparing(n -> n)).toList();
            }
        } else {
            pngs = List.of();
        }
        Files.writeString(dir.resolve(FILE), html(name, metrics, sm, sj, pngs));
    }

    static String html(String name, JsonNode m, String summaryMd, JsonNode shrink, List<String> pngs) {
        String verdict = m.path("verdict").asText("?");
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(verdict)).append(' ')
                .append(esc(m.path("case_id").asText())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:80em}td,th{padding:2px 8px;text-align:left;vertical-align:top}")
                .append("table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}")
                .append(".PASS,.pass{color:#070}.FAIL,.fail,.ERROR{color:#b00}pre{background:#f8f8f8;padding:8px;overflow-x:auto}")
                .append("img{max-width:32%;image-rendering:pixelated;border:1px solid #ccc}</style></head><body>\n");
        sb.append("<h1><span class=\"").append(esc(verdict)).append("\">").append(esc(verdict)).append("</span> ")
                .append(esc(m.path("case_id").asText())).append("</h1>\n<p>bundle <code>").append(esc(name))
                .append("</code>, mode ").append(esc(m.path("mode").asText())).append(", C backend ")
                .append(esc(m.path("c_backend").asText())).append(", metrics schema ")
                .append(esc(m.path("schema").asText())).append(' ').append(esc(m.path("version").asText())).append("</p>\n");

        sb.append("<h2>Gates</h2>\n<table><tr><th>gate</th><th>value</th><th>limit</th><th>margin</th><th>result</th></tr>\n");
        for (JsonNode g : m.path("gates")) {
            String kind = g.path("kind").asText();
            String op = kind.equals("min") ? "&ge; " : kind.equals("max") ? "&le; " : "== ";
            boolean pass = g.path("pass").asBoolean();
            sb.append("<tr><td>").append(esc(g.path("name").asText())).append("</td><td>").append(esc(g.path("value").asText()))
                    .append("</td><td>").append(op).append(esc(g.path("limit").asText())).append("</td><td>")
                    .append(esc(g.path("margin").asText())).append("</td><td class=\"").append(pass ? "pass\">pass" : "fail\">FAIL")
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");

        sb.append("<h2>Pictures</h2>\n<p>");
        for (String p : pngs) {
            sb.append("<a href=\"png/").append(esc(p)).append("\"><img src=\"png/").append(esc(p)).append("\" alt=\"")
                    .append(esc(p)).append("\" title=\"").append(esc(p)).append("\"></a>\n");
        }
        if (pngs.isEmpty()) {
            sb.append("none stored");
        }
        sb.append("</p>\n");

        sb.append("<h2>First divergence</h2>\n");
        JsonNode fd = m.path("first_divergence");
        if (fd.isMissingNode() || fd.isNull()) {
            sb.append("<p>metrics.json records none (the summary below says what was compared).</p>\n");
        } else {
            sb.append(table(fd));
        }

        sb.append("<h2>Shrink</h2>\n");
        if (shrink == null) {
            sb.append("<p>no shrink.json in this bundle (no delta-debugging ran).</p>\n");
        } else {
            sb.append(shrinkHtml(shrink));
        }

        sb.append("<h2>Image</h2>\n").append(table(m.path("image")));
        if (summaryMd != null) {
            sb.append("<h2>Summary (summary.md)</h2>\n<pre>").append(esc(summaryMd)).append("</pre>\n");
        }
        sb.append("<h2>Files</h2>\n<p>");
        for (String f : List.of("summary.md", "metrics.json", "trace_diff.md", "shrink.json", "commands.txt", "env.json",
                "case.json", "SHA256SUMS")) {
            sb.append("<a href=\"").append(f).append("\">").append(f).append("</a> ");
        }
        sb.append("</p>\n<p>Check it with <code>bin/nbparity verify ").append(esc(name))
                .append(" --trusted-keys KEYS</code>; reviewers sign off with <code>bin/nbparity sign-off ").append(esc(name))
                .append(" --key KEY --as NAME</code>.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static String shrinkHtml(JsonNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p>minimal failing argv: <code>").append(esc(words(s.path("minimal_argv")))).append("</code></p>\n");
        sb.append("<p>original argv: <code>").append(esc(words(s.path("original_argv")))).append("</code></p>\n");
        if (s.path("needs").size() > 0) {
            sb.append("<p>needs (removing any one alone makes it pass):</p><ul>\n");
            for (JsonNode n : s.path("needs")) {
                sb.append("<li><code>").append(esc(words(n.path("flags")))).append("</code>");
                if (!n.path("text").asText().isEmpty()) {
                    sb.append(": ").append(esc(n.path("text").asText()));
                }
                sb.append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (s.path("divergent_pixels").size() > 0) {
            sb.append("<p>divergent pixels (s, f): ").append(esc(s.path("divergent_pixels").toString())).append("</p>\n");
        }
        sb.append("<p>").append(esc(s.path("probes").asText())).append(" probes, ")
                .append(esc(s.path("seconds").asText())).append(" s</p>\n");
        sb.append("<table><tr><th>step</th><th>change</th><th>verdict</th><th>seconds</th><th>argv</th></tr>\n");
        for (JsonNode st : s.path("steps")) {
            String v = st.path("verdict").asText();
            sb.append("<tr><td>").append(esc(st.path("step").asText())).append("</td><td>").append(esc(st.path("change").asText()))
                    .append("</td><td class=\"").append(esc(v)).append("\">").append(esc(v)).append("</td><td>")
                    .append(esc(st.path("seconds").asText())).append("</td><td><code>").append(esc(words(st.path("argv"))))
                    .append("</code></td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String words(JsonNode a) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode w : a) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.asText());
        }
        return sb.toString();
    }

    /** A JSON value as nested key/value tables (objects), lists (arrays) or text (scalars). */
    static String table(JsonNode n) {
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("<table>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(table(e.getValue())).append("</td></tr>\n");
            }
            return sb.append("</table>\n").toString();
        }
        if (n.isArray()) {
            boolean scalars = true;
            for (JsonNode x : n) {
                scalars &= x.isValueNode();
            }
            if (scalars) {
                return esc(n.toString());
            }
            StringBuilder sb = new StringBuilder("<ol>");
            n.forEach(x -> sb.append("<li>").append(table(x)).append("</li>"));
            return sb.append("</ol>").toString();
        }
        return n.isMissingNode() ? "" : esc(n.asText());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
