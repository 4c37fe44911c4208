package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.thresholds.Thresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a bundle: every file against SHA256SUMS (and no unlisted file), the Ed25519 signature
 * of SHA256SUMS, the in-toto statement against the files, and the verdict recomputed from the
 * stored images, thresholds and case.
 */
public final class BundleVerifier {
    /**
     * Outcome.
     *
     * @param ok       true when every check passed
     * @param verdict  the recomputed verdict (null when it could not be recomputed)
     * @param problems what failed, one line each
     * @param notes    what was checked
     */
    public record Report(boolean ok, String verdict, List<String> problems, List<String> notes) {
    }

    private BundleVerifier() {
    }

    /**
     * Verifies {@code bundle}.
     *
     * @param trusted     public key the signature must verify with, or null to use the bundle's signer.pub
     * @param requireSig  fail when the bundle is unsigned
     */
    public static Report verify(Path bundle, PublicKey trusted, boolean requireSig) throws IOException {
        bundle = bundle.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path sums = bundle.resolve(Manifest.FILE);
        if (!Files.isRegularFile(sums)) {
            throw new IOException("not a bundle (no SHA256SUMS): " + bundle);
        }
        byte[] manifestBytes = Files.readAllBytes(sums);
        Map<String, String> listed;
        try {
            listed = Manifest.parse(new String(manifestBytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Report(false, null, List.of(e.getMessage()), notes);
        }
        Set<String> present = new HashSet<>(Manifest.files(bundle));
        for (Map.Entry<String, String> e : listed.entrySet()) {
            Path f = bundle.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                problems.add("missing file: " + e.getKey());
            } else if (!Canonical.sha256(f).equals(e.getValue())) {
                problems.add("digest mismatch: " + e.getKey());
            }
            present.remove(e.getKey());
        }
        for (String extra : present) {
            problems.add("file not in SHA256SUMS: " + extra);
        }
        notes.add("hashes: " + listed.size() + " files checked against SHA256SUMS");

        Path sig = bundle.resolve(Manifest.SIGNATURE);
        if (Files.isRegularFile(sig)) {
            PublicKey key = trusted;
            try {
                if (key == null) {
                    Path pub = bundle.resolve("signer.pub");
                    if (!Files.isRegularFile(pub)) {
                        problems.add("signature present but no signer.pub and no --pub-key");
                    } else {
                        key = Signer.readPublic(pub);
                    }
                }
            } catch (GeneralSecurityException | IOException e) {
                problems.add("cannot read public key: " + e.getMessage());
            }
            if (key != null) {
                if (Signer.verify(key, manifestBytes, Files.readString(sig))) {
                    notes.add("signature: valid Ed25519, key sha256 " + Signer.fingerprint(key)
                            + (trusted == null ? " (key embedded in the bundle)" : " (trusted key)"));
                } else {
                    problems.add("signature does not verify SHA256SUMS");
                }
            }
        } else if (requireSig) {
            problems.add("bundle is not signed");
        } else {
            notes.add("signature: none (unsigned bundle)");
        }

        String verdict = null;
        try {
            JsonNode metrics = Canonical.read(bundle.resolve("metrics.json"));
            JsonNode caseJson = Canonical.read(bundle.resolve("case.json"));
            Thresholds thresholds = Thresholds.parse(Files.readAllBytes(bundle.resolve("thresholds.json")));
            JsonNode statement = Canonical.read(bundle.resolve("statement.json"));
            checkStatement(bundle, statement, listed, problems);
            List<Gate> gates = GateRecomputation.recompute(bundle, metrics, caseJson, thresholds);
            verdict = Gate.verdict(gates);
            for (int i = 0; i < gates.size(); i++) {
                JsonNode stored = metrics.get("gates").get(i);
                JsonNode again = gates.get(i).toJson();
                if (!stored.equals(again)) {
                    problems.add("gate " + gates.get(i).name() + " recomputes to " + again.get("value")
                            + " pass=" + again.get("pass") + " but metrics.json says " + stored.get("value")
                            + " pass=" + stored.get("pass"));
                }
            }
            if (!verdict.equals(metrics.path("verdict").asText())) {
                problems.add("verdict recomputes to " + verdict + " but metrics.json says " + metrics.path("verdict").asText());
            }
            if (!verdict.equals(statement.path("predicate").path("verdict").asText())) {
                problems.add("statement.json verdict differs from the recomputed " + verdict);
            }
            notes.add("verdict: recomputed " + verdict + " from " + gates.size() + " gates on stored data");
        } catch (IOException | RuntimeException e) {
            problems.add("cannot recompute the verdict: " + e.getMessage());
        }
        return new Report(problems.isEmpty(), verdict, problems, notes);
    }

    private static void checkStatement(Path bundle, JsonNode st, Map<String, String> listed, List<String> problems)
            throws IOException {
        if (!BundleWriter.STATEMENT_TYPE.equals(st.path("_type").asText())) {
            problems.add("statement.json has the wrong _type");
        }
        int n = 0;
        for (JsonNode s : st.path("subject")) {
            String name = s.path("name").asText();
            String h = s.path("digest").path("sha256").asText();
            n++;
            if (!h.equals(listed.get(name))) {
                problems.add("statement subject " + name + " does not match SHA256SUMS");
            }
        }
        long expected = listed.keySet().stream().filter(f -> !f.equals("statement.json")).count();
        if (n != expected) {
            problems.add("statement lists " + n + " subjects, the bundle has " + expected + " other files");
        }
        Path m = bundle.resolve("metrics.json");
        if (Files.isRegularFile(m) && !Canonical.sha256(m).equals(st.path("predicate").path("metrics_sha256").asText())) {
            problems.add("statement predicate metrics_sha256 does not match metrics.json");
        }
    }
}
