package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.bundle.BundleVerifier;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a merged campaign folder: the statement's signature (against a trusted key, else the
 * folder's signer.pub), every subject of the statement against its file (campaign.json,
 * manifest.json, each bundle's SHA256SUMS), that every bundle campaign.json lists is a subject with
 * the same digest, and then every bundle itself ({@link BundleVerifier}: its files, its signature,
 * its verdict recomputed), whose verdict and result digest must be those campaign.json records.
 */
public final class CampaignVerifier {
    /**
     * Outcome.
     *
     * @param ok       every check passed
     * @param counts   the campaign's counts as campaign.json states them
     * @param problems what failed, one line each
     * @param notes    the checks that passed
     */
    public record Report(boolean ok, String counts, List<String> problems, List<String> notes) {
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
     * @param trusted    key the statement (and every bundle) must be signed with, or null
     * @param requireSig fail when the statement or a bundle is unsigned
     */
    public static Report verify(Path dir, PublicKey trusted, boolean requireSig) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path stPath = root.resolve(CampaignReport.STATEMENT);
        if (!Files.isRegularFile(stPath)) {
            throw new IOException("campaign not merged (no " + CampaignReport.STATEMENT + "): " + dir);
        }
        byte[] stBytes = Files.readAllBytes(stPath);
        JsonNode campaign = Canonical.read(root.resolve("campaign.json"));

        int before = problems.size();
        Path sig = root.resolve(CampaignReport.SIGNATURE);
        if (Files.isRegularFile(sig)) {
            PublicKey key = trusted;
            try {
                if (key == null) {
                    key = Signer.readPublic(root.resolve(CampaignReport.SIGNER));
                }
            } catch (GeneralSecurityException | IOException e) {
                problems.add("cannot read the signer's key: " + e.getMessage());
            }
            if (key != null) {
                if (Signer.verify(key, stBytes, Files.readString(sig, StandardCharsets.US_ASCII))) {
                    notes.add("signature: statement signed by " + Signer.fingerprint(key).substring(0, 16)
                            + (trusted != null ? " (the trusted key)" : " (the folder's signer.pub)"));
                } else {
                    problems.add("signature: " + CampaignReport.SIGNATURE + " does not verify");
                }
            }
        } else if (requireSig) {
            problems.add("signature: the campaign statement is not signed");
        }

        before = problems.size();
        JsonNode st = Canonical.MAPPER.readTree(stBytes);
        Map<String, String> subjects = new HashMap<>();
        for (JsonNode s : st.path("subject")) {
            String name = s.path("name").asText();
            String want = s.path("digest").path("sha256").asText();
            subjects.put(name, want);
            Path f = root.resolve(name).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                problems.add("statement subject missing: " + name);
            } else if (!Canonical.sha256(f).equals(want)) {
                problems.add("statement subject digest mismatch: " + name);
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
            BundleVerifier.Report r = BundleVerifier.verify(b, trusted, requireSig);
            r.problems().forEach(p -> problems.add(id + ": " + p));
            if (r.ok() && !cs.path("verdict").asText().equals(r.verdict())) {
                problems.add(id + ": recomputed verdict " + r.verdict() + ", campaign.json says " + cs.path("verdict").asText());
            }
            if (!CampaignReport.resultDigest(b).equals(cs.path("result_sha256").asText())) {
                problems.add(id + ": result digest differs from campaign.json");
            }
        }
        if (problems.size() == before) {
            notes.add("bundles: " + bundles + " verified (files, signature, recomputed verdict, result digest)");
        }
        return new Report(problems.isEmpty(), campaign.path("counts").toString(), problems, notes);
    }
}
