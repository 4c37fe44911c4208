package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code reports/index.html}: one row per bundle, newest first, linking the bundle's own
 * {@code report.html} (summary.md for bundles older than that page) with its difference picture;
 * regenerated atomically (temp file + rename) and world-readable (0644) like any web page.
 */
public final class IndexPage {
    private IndexPage() {
    }

    /** Rewrites the index of {@code reports}. */
    public static void write(Path reports) throws IOException {
        List<Path> bundles;
        try (Stream<Path> s = Files.list(reports)) {
            bundles = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE)))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>nbparity reports</title>\n")
                .append("<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}")
                .append(".PASS{color:#070}.FAIL{color:#b00}</style></head><body>\n")
                .append("<h1>nbparity evidence bundles</h1>\n<table>\n")
                .append("<tr><th>bundle</th><th>case</th><th>mode</th><th>verdict</th><th>C backend</th>")
                .append("<th>bitwise fraction</th><th>max ULP</th><th>first divergence</th><th>signed off by</th><th>difference</th></tr>\n");
        for (Path b : bundles) {
            String n = b.getFileName().toString();
            String caseId = "";
            String mode = "";
            String verdict = "?";
            String backend = "";
            String frac = "";
            String ulp = "";
            String div = "";
            try {
                JsonNode m = Canonical.read(b.resolve("metrics.json"));
                caseId = m.path("case_id").asText();
                mode = m.path("mode").asText();
                verdict = m.path("verdict").asText();
                backend = m.path("c_backend").asText();
                frac = m.path("image").path("bitwise_fraction").asText();
                ulp = m.path("image").path("max_ulp_float32").asText();
                JsonNode fd = m.path("first_divergence");
                div = fd.isNull() || fd.isMissingNode() ? "none" : fd.path("record_name").asText(fd.path("status").asText(""));
            } catch (IOException | RuntimeException e) {
                verdict = "unreadable";
            }
            StringBuilder signed = new StringBuilder();
            try {
                for (Attestations.SignOff so : Attestations.signOffs(b, TrustedKeys.none())) {
                    signed.append(signed.length() == 0 ? "" : ", ").append(so.reviewer()).append(" (").append(so.decision())
                            .append(so.time().length() >= 10 ? " " + so.time().substring(0, 10) : "").append(')');
                }
            } catch (IOException | RuntimeException e) {
                signed.append("unreadable");
            }
            String page = Files.isRegularFile(b.resolve(ReportPage.FILE)) ? ReportPage.FILE : "summary.md";
            String picture = Files.isRegularFile(b.resolve("png/diff.png"))
                    ? "<img src=\"" + esc(n) + "/png/diff.png\" alt=\"diff\" height=\"48\">" : "";
            sb.append("<tr><td><a href=\"").append(esc(n)).append('/').append(page).append("\">").append(esc(n)).append("</a></td><td>")
                    .append(esc(caseId)).append("</td><td>").append(esc(mode)).append("</td><td class=\"")
                    .append(esc(verdict)).append("\">").append(esc(verdict)).append("</td><td>").append(esc(backend))
                    .append("</td><td>").append(esc(frac)).append("</td><td>").append(esc(ulp)).append("</td><td>")
                    .append(esc(div)).append("</td><td>").append(esc(signed.toString())).append("</td><td>").append(picture).append("</td></tr>\n");
        }
        sb.append("</table>\n<p>Sign-offs as the bundles record them; check them with "
                + "<code>bin/nbparity verify DIR --trusted-keys KEYS --require-sign-off N</code> "
                + "(or the files alone: <code>cd DIR &amp;&amp; sha256sum -c SHA256SUMS</code>).</p>\n</body></html>\n");
        Path tmp = Files.createTempFile(reports, ".index", ".tmp");
        Files.writeString(tmp, sb.toString());
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
        Files.move(tmp, reports.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
