package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.Gate;
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
 * Checks a bundle: every file against SHA256SUMS (and no unlisted file), every stored output
 * against the digest stored.json records for its uncompressed content, the Ed25519 signature of
 * SHA256SUMS, the in-toto statement against the files, and the verdict recomputed from the stored
 * images, traces, thresholds and case. Each check either passes (one note) or lists its problems.
 */
public final class BundleVerifier {
    /**
     * Outcome.
     *
     * @param ok       true when every check passed
     * @param verdict  the recomputed verdict (null when it could not be recomputed)
     * @param problems what failed, one line each
     * @param notes    the checks that passed, one line each (a check with a problem has no note)
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
        int before = problems.size();
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
        if (problems.size() == before) {
            notes.add("hashes: " + listed.size() + " files match SHA256SUMS");
        }

        before = problems.size();
        int outputs = 0;
        try {
            StoredOutputs.Reader reader = StoredOutputs.Reader.open(bundle);
            for (StoredOutputs.Entry e : reader.entries()) {
                outputs++;
                if (!listed.containsKey(e.stored())) {
                    problems.add("stored output " + e.path() + " is in " + e.stored() + ", which SHA256SUMS does not list");
                    continue;
                }
                try {
                    reader.read(e.path());
                } catch (IOException ex) {
                    problems.add("stored output: " + ex.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read " + StoredOutputs.FILE + ": " + e.getMessage());
        }
        if (problems.size() == before && outputs > 0) {
            notes.add("outputs: " + outputs + " decompress to the digests " + StoredOutputs.FILE + " records");
        }

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
            before = problems.size();
            checkStatement(bundle, statement, listed, problems);
            if (problems.size() == before) {
                notes.add("statement: subjects and metrics digest match");
            }
            before = problems.size();
            List<Gate> gates = GateRecomputation.recompute(bundle, metrics, caseJson, thresholds);
            verdict = Gate.verdict(gates);
            JsonNode storedGates = metrics.path("gates");
            if (storedGates.size() != gates.size()) {
                problems.add("metrics.json lists " + storedGates.size() + " gates, " + gates.size() + " recomputed");
            }
            for (int i = 0; i < gates.size() && i < storedGates.size(); i++) {
                JsonNode stored = storedGates.get(i);
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
            if (problems.size() == before) {
                notes.add("verdict: recomputed " + verdict + " from " + gates.size() + " gates on stored data");
            }
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
