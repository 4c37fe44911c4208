package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.Dsse;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.bundle.Trust;
import org.nbparity.harness.bundle.TrustedKeys;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a merged campaign folder under the bundles' trust policy (harness/README.md, "Verifying a
 * bundle"): the statement's envelope against the trusted keys only ({@link Dsse}), every subject
 * of the statement against its file (campaign.json, manifest.json, each bundle's SHA256SUMS), that
 * every bundle campaign.json lists is a subject with the same digest, and then every bundle itself
 * ({@link BundleVerifier}), whose recomputed verdict and result digest must be those campaign.json
 * records. The outcome is the most severe of the statement's and the bundles' {@link Trust}:
 * FAILED when something is broken or does not recompute under a trusted signature.
 */
public final class CampaignVerifier {
    /**
     * Outcome.
     *
     * @param trust       the outcome
     * @param counts      the campaign's counts as campaign.json states them
     * @param problems    what failed, one line each (non-empty iff FAILED)
     * @param trustIssues why the outcome is UNSIGNED or UNTRUSTED, one line each
     * @param notes       the checks that passed
     */
    public record Report(Trust trust, String counts, List<String> problems, List<String> trustIssues,
                         List<String> notes) {
        /** True when VERIFIED. */
        public boolean ok() {
            return trust == Trust.VERIFIED;
        }
    }

    private CampaignVerifier() {
    }

    /** True when {@code dir} is a merged campaign folder (verify takes it as a campaign). */
    public static boolean isCampaign(Path dir) {
        return Files.isRegularFile(dir.resolve("campaign.json")) && Files.isRegularFile(dir.resolve("manifest.json"));
    }

    /**
     * Verifies a campaign folder.
     *
     * @param trusted the only keys whose signatures count (statement and bundles)
     */
    public static Report verify(Path dir, TrustedKeys trusted) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path envelope = root.resolve(CampaignReport.ENVELOPE);
        if (!Files.isRegularFile(envelope)) {
            throw new IOException("campaign not merged (no " + CampaignReport.ENVELOPE + "): " + dir);
        }
        JsonNode campaign = Canonical.read(root.resolve("campaign.json"));

        PublicKey carried = null;
        if (Files.isRegularFile(root.resolve(CampaignReport.SIGNER))) {
            try {
                carried = Signer.readPublic(root.resolve(CampaignReport.SIGNER));
            } catch (GeneralSecurityException | IOException e) {
                problems.add("cannot read " + CampaignReport.SIGNER + ": " + e.getMessage());
            }
        }
        Dsse.Checked c = Dsse.verify(envelope, trusted, carried);
        Trust trust = c.trust();
        switch (c.trust()) {
            case VERIFIED -> notes.add("signature: " + CampaignReport.ENVELOPE + ": " + c.detail());
            case FAILED -> problems.add(CampaignReport.ENVELOPE + ": " + c.detail());
            case UNSIGNED -> issues.add(CampaignReport.ENVELOPE + ": no signature");
            default -> issues.add(CampaignReport.ENVELOPE + ": " + c.detail());
        }
        if (c.statement() == null) {
            return new Report(Trust.FAILED, campaign.path("counts").toString(), problems, issues, notes);
        }

        int before = problems.size();
        JsonNode st = c.statement();
        if (!CampaignReport.PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
            problems.add("statement: predicateType is not " + CampaignReport.PREDICATE_TYPE);
        }
        Map<String, String> subjects = Dsse.subjects(st);
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            Path f = root.resolve(e.getKey()).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                problems.add("statement subject missing: " + e.getKey());
            } else if (!Canonical.sha256(f).equals(e.getValue())) {
                problems.add("statement subject digest mismatch: " + e.getKey());
            }
        }
        for (String f : List.of("campaign.json", "manifest.json")) {
            if (!subjects.containsKey(f)) {
                problems.add("statement does not list " + f);
            }
        }
        if (problems.size() == before) {
            notes.add("statement: " + subjects.size() + " subjects match their files");
        }

        before = problems.size();
        int bundles = 0;
        Trust bundleTrust = Trust.VERIFIED;
        Map<Trust, Integer> untrusted = new java.util.EnumMap<>(Trust.class);
        Map<Trust, String> firstWhy = new java.util.EnumMap<>(Trust.class);
        for (JsonNode cs : campaign.path("cases")) {
            if (!cs.hasNonNull("bundle")) {
                continue;
            }
            bundles++;
            String id = cs.path("id").asText();
            String rel = cs.get("bundle").asText();
            String want = subjects.get(rel + "/" + Manifest.FILE);
            if (want == null || !want.equals(cs.path("bundle_sha256").asText())) {
                problems.add(id + ": bundle " + rel + " is not in the statement with the digest campaign.json gives");
                continue;
            }
            Path b = root.resolve(rel).normalize();
            if (!b.startsWith(root.resolve("bundles")) || !Files.isDirectory(b)) {
                problems.add(id + ": bundle missing: " + rel);
                continue;
            }
            BundleVerifier.Report r = BundleVerifier.verify(b, trusted, 0);
            r.problems().forEach(p -> problems.add(id + ": " + p));
            bundleTrust = bundleTrust.worst(r.trust());
            if (r.trust() == Trust.UNSIGNED || r.trust() == Trust.UNTRUSTED) {
                untrusted.merge(r.trust(), 1, Integer::sum);
                firstWhy.putIfAbsent(r.trust(), id + (r.trustIssues().isEmpty() ? "" : ": " + r.trustIssues().get(0)));
            }
            if (!cs.path("verdict").asText().equals(r.verdict())) {
                problems.add(id + ": recomputed verdict " + r.verdict() + ", campaign.json says " + cs.path("verdict").asText());
            }
            if (!CampaignReport.resultDigest(b).equals(cs.path("result_sha256").asText())) {
                problems.add(id + ": result digest differs from campaign.json");
            }
        }
        final int all = bundles;
        untrusted.forEach((t, n) -> issues.add("bundles: " + n + " of " + all + " " + t + " (first " + firstWhy.get(t) + ")"));
        if (problems.size() == before) {
            notes.add("bundles: " + bundles + " intact (files, recomputed verdict, result digest), signatures "
                    + bundleTrust);
        }
        trust = trust.worst(bundleTrust);
        if (!problems.isEmpty()) {
            trust = Trust.FAILED;
        }
        return new Report(trust, campaign.path("counts").toString(), problems, issues, notes);
    }
}
