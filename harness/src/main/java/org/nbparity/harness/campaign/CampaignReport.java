package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.bundle.Dsse;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.cases.CaseException;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges a campaign's bundles into {@code campaign.json} (schema {@code nbparity-campaign-report} 1:
 * {@code cases} [{id, features, verdict, bundle, bundle_sha256, result_sha256, first_divergence,
 * shrink, error}], counts by verdict and by feature), {@code campaign.html} and one in-toto
 * Statement v1 whose subjects are campaign.json, manifest.json and every bundle's SHA256SUMS (a
 * bundle's digest: SHA256SUMS covers every file of it), in a DSSE envelope
 * {@code campaign.dsse.json} as a bundle's attestations are ({@link Dsse}), signed when a key is
 * given ({@link #sign}). Each file is written to a temporary file and renamed; a merge can be
 * redone at any time (it reads only the bundles, and replaces the envelope).
 *
 * <p>A bundle's {@code bundle_sha256} differs between two runs of the same case (its name, report
 * and env carry the time and machine); its {@code result_sha256} ({@link #resultDigest}) does not, and
 * is what {@code local} and {@code slurm} runs of one campaign must agree on.
 */
public final class CampaignReport {
    /** Schema of campaign.json. */
    public static final String SCHEMA = "nbparity-campaign-report";
    /** The campaign statement's DSSE envelope. */
    public static final String ENVELOPE = "campaign.dsse.json";
    /** The signer's public key (PEM): only tells a valid-but-untrusted signature from a broken one. */
    public static final String SIGNER = "signer.pub";
    /** Predicate type of the campaign statement. */
    public static final String PREDICATE_TYPE = "https://github.com/nbparity/nbparity/attestation/parity-campaign/v1";
    /** Verdicts of cases without a bundle. */
    public static final String ERROR = "ERROR";
    /** A case not run yet (no bundle, no error). */
    public static final String NOT_RUN = "NOT_RUN";

    /**
     * Outcome of a merge.
     *
     * @param counts   cases by verdict
     * @param complete every case has a bundle
     * @param json     the campaign.json written
     */
    public record Merged(Map<String, Integer> counts, boolean complete, ObjectNode json) {
    }

    private CampaignReport() {
    }

    /** Merges {@code dir}; signs the statement with {@code signKey} when not null. */
    public static Merged merge(CampaignDir dir, Path signKey) throws IOException, CaseException {
        Map<String, Path> bundles = dir.finishedBundles();
        ObjectNode c = Canonical.MAPPER.createObjectNode();
        c.put("schema", SCHEMA).put("version", 1);
        c.put("seed", dir.manifest().path("seed").asLong()).put("count", dir.entries().size());
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> byFeature = new TreeMap<>();
        ArrayNode cases = Canonical.MAPPER.createArrayNode();
        for (CampaignDir.Entry e : dir.entries()) {
            LoadedCase lc = dir.load(e);
            Path b = bundles.get(lc.id() + "_" + lc.hash8());
            ObjectNode o = cases.addObject();
            o.put("id", e.id());
            ArrayNode fs = o.putArray("features");
            e.features().forEach(fs::add);
            String verdict;
            if (b != null) {
                JsonNode metrics = Canonical.read(b.resolve("metrics.json"));
                verdict = metrics.path("verdict").asText();
                o.put("verdict", verdict);
                o.put("bundle", dir.root().relativize(b).toString());
                o.put("bundle_sha256", Canonical.sha256(b.resolve(Manifest.FILE)));
                o.put("result_sha256", resultDigest(b));
                o.set("first_divergence", metrics.path("first_divergence").isMissingNode() ? null
                        : metrics.get("first_divergence"));
                o.set("shrink", shrinkSummary(b));
                o.putNull("error");
            } else {
                String err = dir.error(e.id());
                verdict = err == null ? NOT_RUN : ERROR;
                o.put("verdict", verdict);
                o.putNull("bundle");
                o.putNull("bundle_sha256");
                o.putNull("result_sha256");
                o.putNull("first_divergence");
                o.putNull("shrink");
                o.put("error", err);
            }
            counts.merge(verdict, 1, Integer::sum);
            for (String f : e.features()) {
                byFeature.computeIfAbsent(f, k -> new TreeMap<>()).merge(verdict, 1, Integer::sum);
            }
        }
        boolean complete = counts.keySet().stream().allMatch(v -> v.equals("PASS") || v.equals("FAIL"));
        c.put("complete", complete);
        c.set("counts", Canonical.MAPPER.valueToTree(counts));
        c.set("counts_by_feature", Canonical.MAPPER.valueToTree(byFeature));
        c.set("cases", cases);
        CampaignDir.writeAtomic(dir.root().resolve("campaign.json"), Canonical.bytes(c));
        CampaignDir.writeAtomic(dir.root().resolve("campaign.html"), CampaignPage.html(c).getBytes(StandardCharsets.UTF_8));
        // the envelope of an earlier merge states other files: replaced (unsigned when no key now)
        Files.deleteIfExists(dir.root().resolve(ENVELOPE));
        Files.deleteIfExists(dir.root().resolve(SIGNER));
        sign(dir.root(), statement(dir, c), signKey);
        return new Merged(counts, complete, c);
    }

    /** The statement: campaign.json, manifest.json and each bundle's SHA256SUMS as subjects. */
    static ObjectNode statement(CampaignDir dir, ObjectNode campaign) throws IOException {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (String f : List.of("campaign.json", "manifest.json")) {
            subjects.put(f, Canonical.sha256(dir.root().resolve(f)));
        }
        for (JsonNode cs : campaign.path("cases")) {
            if (cs.hasNonNull("bundle")) {
                subjects.put(cs.get("bundle").asText() + "/" + Manifest.FILE, cs.get("bundle_sha256").asText());
            }
        }
        ObjectNode p = Canonical.MAPPER.createObjectNode();
        p.put("seed", campaign.path("seed").asLong()).put("count", campaign.path("count").asInt());
        p.put("complete", campaign.path("complete").asBoolean());
        p.set("counts", campaign.get("counts"));
        p.put("generator", "nbparity");
        return Dsse.statement(subjects, PREDICATE_TYPE, p);
    }

    /**
     * Writes the campaign statement's envelope: the one place a campaign is signed (the same
     * Ed25519 key files and DSSE envelope as a bundle's attestations); unsigned when
     * {@code keyFile} is null.
     */
    static void sign(Path root, ObjectNode statement, Path keyFile) throws IOException {
        try {
            PrivateKey key = null;
            PublicKey pub = null;
            if (keyFile != null) {
                key = Signer.readPrivate(keyFile);
                pub = Signer.publicFor(keyFile);
                CampaignDir.writeAtomic(root.resolve(SIGNER), Signer.publicPem(pub).getBytes(StandardCharsets.US_ASCII));
            }
            Dsse.sign(statement, key, pub, root.resolve(ENVELOPE));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign with " + keyFile + ": " + e.getMessage());
        }
    }

    /**
     * The digest of what a bundle found, without the time, the machine or the run's own paths: the
     * SHA-256 of the canonical JSON of {@code {metrics, files, shrink}} where {@code metrics} is
     * metrics.json without {@code trace_dialect} (whose {@code source} says whether the C's
     * dialect came from a probe or the cache), {@code files} maps each stored program output
     * (stored.json: the uncompressed content's digest), each trace and each stdout to its
     * SHA-256, and {@code shrink} is shrink.json without its timings (or null). Left out: the
     * bundle's name (UTC time), env.json, commands.txt (paths), report.html, summary.md, the
     * pictures (derived from the stored images), the attestations and SHA256SUMS.
     */
    public static String resultDigest(Path bundle) throws IOException {
        ObjectNode m = (ObjectNode) Canonical.read(bundle.resolve("metrics.json"));
        m.remove("trace_dialect");
        ObjectNode files = Canonical.MAPPER.createObjectNode();
        Path stored = bundle.resolve("stored.json");
        if (Files.isRegularFile(stored)) {
            for (JsonNode o : Canonical.read(stored).path("outputs")) {
                files.put(o.path("path").asText(), o.path("sha256").asText());
            }
        }
        Map<String, String> listed = Manifest.parse(Files.readString(bundle.resolve(Manifest.FILE)));
        listed.forEach((f, h) -> {
            if (f.startsWith("traces/") || f.startsWith("runs/")) {
                files.put(f, h);
            }
        });
        ObjectNode all = Canonical.MAPPER.createObjectNode();
        all.set("metrics", m);
        all.set("files", files);
        all.set("shrink", withoutTimings(bundle));
        return Canonical.sha256(Canonical.bytes(all));
    }

    private static JsonNode withoutTimings(Path bundle) throws IOException {
        Path p = bundle.resolve("shrink.json");
        if (!Files.isRegularFile(p)) {
            return null;
        }
        ObjectNode s = (ObjectNode) Canonical.read(p);
        s.remove("seconds");
        for (JsonNode step : s.path("steps")) {
            ((ObjectNode) step).remove("seconds");
        }
        return s;
    }

    /** {outcome, needs_text, minimal_argv} of a bundle's shrink.json, or null. */
    private static JsonNode shrinkSummary(Path bundle) throws IOException {
        Path p = bundle.resolve("shrink.json");
        if (!Files.isRegularFile(p)) {
            return null;
        }
        JsonNode s = Canonical.read(p);
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.set("outcome", s.get("outcome"));
        o.set("needs_text", s.get("needs_text"));
        o.set("minimal_argv", s.get("minimal_argv"));
        return o;
    }

    /** Lists the failures (for the command's output). */
    public static List<String> failures(ObjectNode campaign) {
        List<String> out = new ArrayList<>();
        for (JsonNode cs : campaign.path("cases")) {
            String v = cs.path("verdict").asText();
            if (!v.equals("PASS")) {
                String where = cs.path("first_divergence").isObject()
                        ? " first divergence " + cs.path("first_divergence").path("record_name").asText("?") : "";
                String shrunk = cs.path("shrink").isObject() && !cs.path("shrink").path("needs_text").isNull()
                        ? " needs: " + cs.path("shrink").path("needs_text").asText() : "";
                String err = cs.hasNonNull("error") ? " " + cs.get("error").asText() : "";
                out.add(v + " " + cs.path("id").asText() + where + shrunk + err);
            }
        }
        return out;
    }
}
