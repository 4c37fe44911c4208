package org.nbparity.harness.bundle;

import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The bundle manifest: {@code SHA256SUMS} in {@code sha256sum} format, sorted by path. */
public final class Manifest {
    /** The manifest file name. */
    public static final String FILE = "SHA256SUMS";
    /** The raw signature of the manifest in bundles before the DSSE attestations: ignored, never trusted. */
    public static final String LEGACY_SIGNATURE = "SHA256SUMS.sig";

    private Manifest() {
    }

    /**
     * Every regular file under {@code dir} except the manifest, the attestations that sign it
     * ({@code attestations/}) and a legacy signature, as sorted relative paths.
     */
    public static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(FILE) && !p.equals(LEGACY_SIGNATURE)
                            && !p.startsWith(Attestations.DIR + "/"))
                    .sorted().toList();
        }
    }

    /** Path -> sha256 of every file {@link #files} lists. */
    public static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : files(dir)) {
            m.put(f, Canonical.sha256(dir.resolve(f)));
        }
        return m;
    }

    /** Manifest text for the digests. */
    public static String text(Map<String, String> digests) {
        StringBuilder sb = new StringBuilder();
        digests.forEach((f, h) -> sb.append(h).append("  ").append(f).append('\n'));
        return sb.toString();
    }

    /** Parses manifest text; throws on a malformed line or an unsafe path. */
    public static Map<String, String> parse(String text) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  [^\\s].*")) {
                throw new IOException("malformed SHA256SUMS line: " + line);
            }
            String f = line.substring(66);
            if (f.startsWith("/") || f.contains("..") || f.startsWith("*")) {
                throw new IOException("unsafe path in SHA256SUMS: " + f);
            }
            if (m.put(f, line.substring(0, 64)) != null) {
                throw new IOException("duplicate path in SHA256SUMS: " + f);
            }
        }
        return m;
    }
}
