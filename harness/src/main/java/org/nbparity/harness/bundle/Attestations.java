package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The attestations of a bundle, each a DSSE envelope file of its own under {@code attestations/}
 * ({@link Dsse}): {@value #TEST_RESULT} (in-toto test-result predicate) and {@value #PARITY}
 * (the project's parity predicate, {@value #PARITY_TYPE}), both with the same subjects: every
 * file of the bundle by sha256, SHA256SUMS included; and, added later by reviewers, sign-offs
 * under {@value #SIGN_OFFS}. The predicates are built from the bundle's own files, so
 * {@code verify} rebuilds them from the verified files and compares.
 */
public final class Attestations {
    /** Directory of the envelopes (not listed in SHA256SUMS: they sign it). */
    public static final String DIR = "attestations";
    /** The test-result statement's envelope. */
    public static final String TEST_RESULT = DIR + "/test-result.dsse.json";
    /** The parity statement's envelope. */
    public static final String PARITY = DIR + "/parity.dsse.json";
    /** Reviewers' sign-offs, one envelope each, added after sealing. */
    public static final String SIGN_OFFS = DIR + "/sign-offs";
    /** in-toto test-result predicate. */
    public static final String TEST_RESULT_TYPE = "https://in-toto.io/attestation/test-result/v0.1";
    /** nbparity parity predicate, version 1 (harness/README.md, "Parity predicate"). */
    public static final String PARITY_TYPE = "https://github.com/nbparity/nbparity/attestation/parity/v1";
    /** nbparity sign-off predicate, version 1 (harness/README.md, "Sign-off"). */
    public static final String SIGN_OFF_TYPE = "https://github.com/nbparity/nbparity/attestation/sign-off/v1";
    /** The signer's public key a signed bundle carries (never trusted by itself). */
    public static final String SIGNER_PUB = "signer.pub";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Attestations() {
    }

    /**
     * Writes both statements of a bundle directory whose SHA256SUMS is written (new files only;
     * unsigned when key is null). {@link BundleWriter#seal} calls it; tests use it to forge.
     */
    public static void write(Path bundle, PrivateKey key, PublicKey pub) throws IOException, GeneralSecurityException {
        Map<String, String> subjects = subjects(bundle);
        Dsse.sign(Dsse.statement(subjects, TEST_RESULT_TYPE, testResult(bundle)), key, pub, bundle.resolve(TEST_RESULT));
        Dsse.sign(Dsse.statement(subjects, PARITY_TYPE, parity(bundle)), key, pub, bundle.resolve(PARITY));
    }

    /** The subjects of the bundle's statements: every file SHA256SUMS lists, and SHA256SUMS itself. */
    static Map<String, String> subjects(Path bundle) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>(Manifest.digests(bundle));
        m.put(Manifest.FILE, Canonical.sha256(bundle.resolve(Manifest.FILE)));
        return m;
    }

    /**
     * The in-toto test-result predicate: {@code result} PASSED/FAILED (the verdict), the gates by
     * name in {@code passedTests}/{@code failedTests}, and {@code configuration} the digests of
     * the case, the thresholds and every digest env.json records, by section (the C side's
     * binary, source tree or container image, the Java side's program and jar).
     */
    static ObjectNode testResult(Path bundle) throws IOException {
        JsonNode m = Canonical.read(bundle.resolve("metrics.json"));
        ObjectNode p = Canonical.MAPPER.createObjectNode();
        p.put("result", "PASS".equals(m.path("verdict").asText()) ? "PASSED" : "FAILED");
        ArrayNode conf = p.putArray("configuration");
        for (String f : List.of("case.json", "thresholds.json")) {
            conf.addObject().put("name", f).putObject("digest").put("sha256", Canonical.sha256(bundle.resolve(f)));
        }
        Path env = bundle.resolve("env.json");
        if (Files.isRegularFile(env)) {
            JsonNode e = Canonical.read(env);
            // every digest env.json records, by section (c, java, ...): what each side ran
            for (Iterator<String> sections = e.fieldNames(); sections.hasNext(); ) {
                String side = sections.next();
                for (Iterator<Map.Entry<String, JsonNode>> it = e.path(side).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String v = f.getValue().asText().replaceFirst("^sha256:", "");
                    boolean digestKey = f.getKey().endsWith("sha256") || f.getKey().equals("image.id");
                    if (digestKey && v.matches("[0-9a-f]{64}")) {
                        String stem = f.getKey().replaceFirst("[._]?sha256$", "");
                        ObjectNode d = conf.addObject().put("name", side + ":" + stem);
                        JsonNode path = e.path(side).path(stem);
                        if (path.isTextual() && path.asText().startsWith("/")) {
                            d.put("uri", "file://" + path.asText());
                        }
                        d.putObject("digest").put("sha256", v);
                    }
                }
            }
            String commit = e.path("project").path("git_commit").asText();
            if (commit.matches("[0-9a-f]{40}")) {
                conf.addObject().put("name", "project").putObject("digest").put("gitCommit", commit);
            }
        }
        ArrayNode passed = p.putArray("passedTests");
        p.putArray("warnedTests");
        ArrayNode failed = p.putArray("failedTests");
        for (JsonNode g : m.path("gates")) {
            (g.path("pass").asBoolean() ? passed : failed).add(g.path("name").asText());
        }
        return p;
    }

    /**
     * The parity predicate, version 1: case, verdict, every gate with its value and limit, the
     * first divergence (record, status, pixel, dialect, both values) and the shrink result.
     */
    static ObjectNode parity(Path bundle) throws IOException {
        JsonNode m = Canonical.read(bundle.resolve("metrics.json"));
        ObjectNode p = Canonical.MAPPER.createObjectNode();
        p.put("case_id", m.path("case_id").asText()).put("case_sha256", m.path("case_sha256").asText());
        p.put("mode", m.path("mode").asText()).put("c_backend", m.path("c_backend").asText());
        p.put("verdict", m.path("verdict").asText());
        p.put("metrics_sha256", Canonical.sha256(bundle.resolve("metrics.json")));
        p.put("thresholds_sha256", m.path("thresholds_sha256").asText());
        ArrayNode gates = p.putArray("gates");
        for (JsonNode g : m.path("gates")) {
            ObjectNode o = gates.addObject();
            for (String k : List.of("name", "kind", "value", "limit", "pass")) {
                o.set(k, g.path(k).deepCopy());
            }
        }
        JsonNode fd = m.path("first_divergence");
        if (fd.isObject()) {
            ObjectNode o = p.putObject("first_divergence");
            o.set("record_name", fd.path("record_name").deepCopy());
            o.set("status", fd.path("status").deepCopy());
            o.set("pixel", fd.path("pixel").deepCopy());
            o.set("dialect", fd.path("dialect").deepCopy());
            o.set("reference", fd.path("record").path("reference").deepCopy());
            o.set("candidate", fd.path("record").path("candidate").deepCopy());
        } else {
            p.putNull("first_divergence");
        }
        p.put("first_divergence_status", m.path("first_divergence_status").asText());
        Path shrink = bundle.resolve("shrink.json");
        if (Files.isRegularFile(shrink)) {
            JsonNode s = Canonical.read(shrink);
            ObjectNode o = p.putObject("shrink");
            for (String k : List.of("outcome", "needs_text", "minimal_argv", "roi", "probes")) {
                o.set(k, s.path(k).isMissingNode() ? null : s.path(k).deepCopy());
            }
        } else {
            p.putNull("shrink");
        }
        return p;
    }

    /**
     * One reviewer's sign-off as found in a bundle.
     *
     * @param file     its envelope, relative to the bundle
     * @param checked  the envelope checked against the trusted keys
     * @param reviewer the name the reviewer signed as
     * @param time     when (ISO-8601 UTC)
     * @param decision approved or rejected
     * @param note     free text (may be empty)
     */
    public record SignOff(String file, Dsse.Checked checked, String reviewer, String time, String decision, String note) {
    }

    /** The sign-offs of a bundle, oldest first (by file name, which starts with the UTC time). */
    public static List<SignOff> signOffs(Path bundle, TrustedKeys trusted) throws IOException {
        Path dir = bundle.resolve(SIGN_OFFS);
        List<SignOff> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".dsse.json")).sorted().toList();
        }
        for (Path f : files) {
            Dsse.Checked c = Dsse.verify(f, trusted, null);
            JsonNode pr = c.statement() == null ? Canonical.MAPPER.createObjectNode() : c.statement().path("predicate");
            out.add(new SignOff(bundle.relativize(f).toString().replace('\\', '/'), c, pr.path("reviewer").asText(),
                    pr.path("time").asText(), pr.path("decision").asText(), pr.path("note").asText()));
        }
        return out;
    }

    /**
     * Adds a reviewer's sign-off to a bundle: a new envelope under {@value #SIGN_OFFS} whose
     * subjects are the bundle's two statements (the digest of each statement's exact bytes, named
     * by its envelope) and whose predicate names the reviewer, the time, the decision and the
     * note. No earlier file is touched.
     *
     * @return the new envelope file
     */
    public static Path signOff(Path bundle, PrivateKey key, PublicKey pub, String reviewer, String decision,
                               String note, Instant now) throws IOException, GeneralSecurityException {
        Map<String, String> reviewed = new LinkedHashMap<>();
        for (String f : List.of(TEST_RESULT, PARITY)) {
            Dsse.Checked c = Dsse.verify(bundle.resolve(f), TrustedKeys.none(), null);
            if (c.statement() == null) {
                throw new IOException("cannot sign off: " + f + ": " + c.detail());
            }
            reviewed.put(f, c.statementSha256());
        }
        ObjectNode p = Canonical.MAPPER.createObjectNode();
        p.put("reviewer", reviewer).put("time", now.toString()).put("decision", decision).put("note", note == null ? "" : note);
        p.put("bundle", bundle.getFileName().toString());
        String safe = reviewer.replaceAll("[^A-Za-z0-9._-]+", "_");
        Path file = bundle.resolve(SIGN_OFFS).resolve(TS.format(now) + "_" + safe + ".dsse.json");
        return Dsse.sign(Dsse.statement(reviewed, SIGN_OFF_TYPE, p), key, pub, file);
    }
}
