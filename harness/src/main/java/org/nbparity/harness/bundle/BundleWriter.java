package org.nbparity.harness.bundle;

import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes one evidence bundle. Everything goes into a hidden staging directory inside
 * {@code reports/}; {@link #seal} adds {@code SHA256SUMS} and the attestations
 * ({@code attestations/*.dsse.json}) and renames the directory to {@code <UTC timestamp>_<case id>_<hash8>}. An existing
 * bundle is never overwritten, and {@link #abort} leaves nothing behind.
 */
public final class BundleWriter implements AutoCloseable {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path reports;
    private final Path staging;
    private final String finalName;
    private final StoredOutputs outputs = new StoredOutputs();
    private boolean sealed;

    private BundleWriter(Path reports, Path staging, String finalName) {
        this.reports = reports;
        this.staging = staging;
        this.finalName = finalName;
    }

    /** Starts a bundle for a case in {@code reports}. */
    public static BundleWriter start(Path reports, String caseId, String hash8, Instant now) throws IOException {
        Files.createDirectories(reports);
        Path staging = reports.resolve(".staging-" + UUID.randomUUID());
        Files.createDirectory(staging);
        return new BundleWriter(reports, staging, TS.format(now) + "_" + caseId + "_" + hash8);
    }

    /** The directory being written. */
    public Path dir() {
        return staging;
    }

    /** The name the bundle will have. */
    public String name() {
        return finalName;
    }

    /** Writes a text file (UTF-8). */
    public Path text(String rel, String content) throws IOException {
        Path p = target(rel);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Writes canonical JSON. */
    public Path json(String rel, Object value) throws IOException {
        Path p = target(rel);
        Files.write(p, Canonical.bytes(value));
        return p;
    }

    /** Copies a file in. */
    public Path copy(Path from, String rel) throws IOException {
        Path p = target(rel);
        Files.copy(from, p, StandardCopyOption.COPY_ATTRIBUTES);
        return p;
    }

    /** Writes bytes. */
    public Path bytes(String rel, byte[] data) throws IOException {
        Path p = target(rel);
        Files.write(p, data);
        return p;
    }

    /**
     * Stores a program output under the logical path {@code rel}: gzip-compressed, and only once per
     * content (see {@link StoredOutputs}); returns the sha256 of the uncompressed content.
     */
    public String output(Path from, String rel) throws IOException {
        return outputs.put(staging, from, rel).sha256();
    }

    /** sha256 of the uncompressed content of an output stored with {@link #output}. */
    public String outputSha256(String rel) throws IOException {
        StoredOutputs.Entry e = outputs.get(rel);
        if (e == null) {
            throw new IOException("no output stored as " + rel);
        }
        return e.sha256();
    }

    /** Logical paths of the outputs stored under {@code prefix}, sorted. */
    public java.util.List<String> outputs(String prefix) {
        return outputs.paths(prefix);
    }

    private Path target(String rel) throws IOException {
        Path p = staging.resolve(rel).normalize();
        if (!p.startsWith(staging)) {
            throw new IOException("path escapes the bundle: " + rel);
        }
        Files.createDirectories(p.getParent());
        return p;
    }

    /**
     * Finishes the bundle: the signer's public key when signing, stored.json, report.html,
     * SHA256SUMS over every file, then the two attestations (DSSE envelopes of in-toto
     * statements whose subjects are every file, SHA256SUMS included; see {@link Attestations}),
     * signed with {@code key} or unsigned, then the atomic rename.
     *
     * @param key signing key or null
     * @param pub its public key (required with key)
     * @return the final bundle directory
     */
    public Path seal(PrivateKey key, PublicKey pub) throws IOException, GeneralSecurityException {
        if (key != null) {
            text(Attestations.SIGNER_PUB, Signer.publicPem(pub));
        }
        if (!outputs.isEmpty()) {
            json(StoredOutputs.FILE, outputs.toJson());
        }
        ReportPage.write(staging, finalName);
        text(Manifest.FILE, Manifest.text(Manifest.digests(staging)));
        Attestations.write(staging, key, pub);
        makeReadOnly();
        Path dest = reports.resolve(finalName);
        if (Files.exists(dest)) {
            throw new IOException("bundle already exists, not overwriting: " + dest);
        }
        Files.move(staging, dest); // same directory: a rename; fails rather than replace
        sealed = true;
        return dest;
    }

    private void makeReadOnly() throws IOException {
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                p.toFile().setWritable(false, false);
            }
        }
    }

    /** Removes the staging directory (nothing half-written stays in reports/). */
    public void abort() {
        if (sealed || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort; the staging name starts with '.' and is ignored by the index
        }
    }

    @Override
    public void close() {
        abort();
    }
}
