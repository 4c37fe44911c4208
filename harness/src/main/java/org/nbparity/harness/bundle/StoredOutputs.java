package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The program outputs of a bundle (images, SMV, PGM, Fdump), stored gzip-compressed and once per
 * content: {@code stored.json} maps each logical path (what the run wrote, e.g.
 * {@code images/java_trace_s1_f2/img.bin}) to the sha256 and size of its uncompressed content
 * and to the stored file ({@code images/c/img.bin.gz}). A traced image identical to its untraced
 * twin, or a Java output identical to the C one, is therefore one stored file. Gates name logical
 * paths; {@link Reader} resolves them (and checks the recorded digest on every read), so
 * {@code verify} recomputes every gate from the decompressed content. {@code SHA256SUMS} covers the
 * stored files and {@code stored.json}.
 *
 * <p>Why not per-file compression alone: the supervisor full frame's float image (24 MB) barely
 * compresses (23.4 MB with gzip), so the 40 MB bundle limit is met by storing identical content
 * once, not by the codec.
 */
public final class StoredOutputs {
    /** The index file. */
    public static final String FILE = "stored.json";
    /** Its schema name. */
    public static final String SCHEMA = "nbparity-stored";

    /**
     * One logical output.
     *
     * @param path   the logical path (as gates and metrics.json name it)
     * @param sha256 digest of the uncompressed content
     * @param bytes  uncompressed size
     * @param stored the bundle file holding the gzip of that content
     */
    public record Entry(String path, String sha256, long bytes, String stored) {
    }

    private final Map<String, Entry> byPath = new TreeMap<>();
    private final Map<String, String> storedByDigest = new HashMap<>();

    StoredOutputs() {
    }

    /** Stores {@code from} under the logical path {@code rel} of the bundle {@code dir} (gzip, once per content). */
    Entry put(Path dir, Path from, String rel) throws IOException {
        if (byPath.containsKey(rel)) {
            throw new IOException("output stored twice: " + rel);
        }
        String sha = Canonical.sha256(from);
        long size = Files.size(from);
        String stored = storedByDigest.get(sha);
        if (stored == null) {
            stored = rel + ".gz";
            Path target = dir.resolve(stored).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("path escapes the bundle: " + rel);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = Files.newInputStream(from);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
                in.transferTo(out);
            }
            storedByDigest.put(sha, stored);
        }
        Entry e = new Entry(rel, sha, size, stored);
        byPath.put(rel, e);
        return e;
    }

    /** The entry of a logical path, or null. */
    Entry get(String rel) {
        return byPath.get(rel);
    }

    /** Logical paths starting with {@code prefix}, sorted. */
    List<String> paths(String prefix) {
        return byPath.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** stored.json. */
    ObjectNode toJson() {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("schema", SCHEMA).put("version", 1).put("compression", "gzip");
        ArrayNode a = o.putArray("outputs");
        byPath.values().forEach(e -> a.addObject().put("path", e.path()).put("sha256", e.sha256())
                .put("bytes", e.bytes()).put("stored", e.stored()));
        return o;
    }

    /**
     * metrics.json {@code outputs}: each output of the C's untraced run ({@code images/c/NAME})
     * against the Java run's output of the same name, by content digest (informational: SMV,
     * PGM, noise images). {@code sha256ByPath}: logical path -> content sha256 of every output.
     */
    public static ArrayNode comparison(Map<String, String> sha256ByPath) {
        ArrayNode a = Canonical.MAPPER.createArrayNode();
        for (Map.Entry<String, String> e : new TreeMap<>(sha256ByPath).entrySet()) {
            if (!e.getKey().startsWith("images/c/")) {
                continue;
            }
            String name = e.getKey().substring("images/c/".length());
            ObjectNode o = a.addObject();
            o.put("name", name);
            o.put("c_sha256", e.getValue());
            String js = sha256ByPath.get("images/java/" + name);
            if (js != null) {
                o.put("java_sha256", js);
                o.put("identical", e.getValue().equals(js));
            } else {
                o.putNull("java_sha256");
                o.put("identical", false);
            }
        }
        return a;
    }

    /**
     * Reads the files of a sealed (or staging) bundle by logical path: a file stored as itself is
     * read as is, a logical output is decompressed from its stored file and must match the digest
     * stored.json records for it.
     */
    public static final class Reader {
        private final Path bundle;
        private final Map<String, Entry> entries;

        private Reader(Path bundle, Map<String, Entry> entries) {
            this.bundle = bundle;
            this.entries = entries;
        }

        /** Opens the bundle (its stored.json, if any). */
        public static Reader open(Path bundle) throws IOException {
            Path idx = bundle.resolve(FILE);
            return open(bundle, Files.isRegularFile(idx) ? Canonical.read(idx) : null);
        }

        /** Opens the bundle with the given stored.json content (null: none). */
        private static Reader open(Path bundle, JsonNode index) throws IOException {
            Path b = bundle.toAbsolutePath().normalize();
            Map<String, Entry> m = new TreeMap<>();
            if (index != null) {
                if (!SCHEMA.equals(index.path("schema").asText()) || index.path("version").asInt() != 1) {
                    throw new IOException(FILE + ": schema must be " + SCHEMA + " version 1");
                }
                for (JsonNode e : index.path("outputs")) {
                    Entry en = new Entry(e.path("path").asText(), e.path("sha256").asText(), e.path("bytes").asLong(),
                            e.path("stored").asText());
                    m.put(en.path(), en);
                }
            }
            return new Reader(b, m);
        }

        /** Every logical output. */
        public List<Entry> entries() {
            return new ArrayList<>(entries.values());
        }

        /** Whether the logical path exists (stored as itself or as an output). */
        public boolean exists(String rel) {
            return entries.containsKey(rel) || Files.isRegularFile(safe(rel));
        }

        /** The content of a logical path (decompressed and checked against its recorded digest). */
        public byte[] read(String rel) throws IOException {
            Entry e = entries.get(rel);
            if (e == null) {
                Path p = safe(rel);
                if (!Files.isRegularFile(p)) {
                    throw new IOException("missing file: " + rel);
                }
                return Files.readAllBytes(p);
            }
            Path s = safe(e.stored());
            if (!Files.isRegularFile(s)) {
                throw new IOException("missing file: " + e.stored() + " (stores " + rel + ")");
            }
            byte[] data;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(s), 1 << 16)) {
                data = in.readAllBytes();
            }
            if (data.length != e.bytes() || !Canonical.sha256(data).equals(e.sha256())) {
                throw new IOException(e.stored() + " does not decompress to the content stored.json records for " + rel);
            }
            return data;
        }

        /** sha256 of the content of a logical path (checked as {@link #read} does). */
        public String sha256(String rel) throws IOException {
            return Canonical.sha256(read(rel));
        }

        private Path safe(String rel) {
            Path p = bundle.resolve(rel).normalize();
            if (!p.startsWith(bundle)) {
                throw new IllegalArgumentException("path escapes the bundle: " + rel);
            }
            return p;
        }
    }
}
