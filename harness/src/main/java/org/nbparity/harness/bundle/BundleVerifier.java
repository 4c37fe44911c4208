package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.thresholds.Thresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a bundle against a trust policy: every file against SHA256SUMS (and no unlisted file),
 * every stored output against the digest stored.json records for its uncompressed content, every
 * number of metrics.json recomputed from the stored files ({@link MetricsRecomputation}), the two
 * attestations (DSSE envelopes: statement subjects = the files, predicates = what the files say,
 * signatures against the trusted keys only), and the reviewers' sign-offs. The outcome is a
 * {@link Trust}: FAILED when the bundle is broken (a file against its digest, a signature that
 * does not verify, a rejecting trusted reviewer); else UNSIGNED or UNTRUSTED when no trusted key
 * vouches for it, whatever its numbers say (they are listed, but unvouched files are no evidence
 * either way); else FAILED when a number does not recompute; else VERIFIED.
 */
public final class BundleVerifier {
    /** At most this many differing metrics.json fields are listed. */
    private static final int MAX_DIFFERENCES = 20;

    /**
     * Outcome.
     *
     * @param trust     the outcome
     * @param verdict   the recomputed verdict (null when it could not be recomputed)
     * @param problems  what failed, one line each (non-empty iff FAILED)
     * @param trustIssues why the outcome is UNSIGNED or UNTRUSTED, one line each, and then what
     *                  does not recompute in such a bundle
     * @param notes     the checks that passed, one line each (a check with a problem has no note)
     * @param signOffs  the reviewers' sign-offs found
     */
    public record Report(Trust trust, String verdict, List<String> problems, List<String> trustIssues,
                         List<String> notes, List<Attestations.SignOff> signOffs) {
        /** True when VERIFIED. */
        public boolean ok() {
            return trust == Trust.VERIFIED;
        }
    }

    private BundleVerifier() {
    }

    /**
     * Verifies {@code bundle}.
     *
     * @param trusted          the only keys whose signatures count
     * @param requireSignOffs  VERIFIED needs this many approving sign-offs by distinct trusted keys
     *                         (and no rejecting one); 0: sign-offs are only reported
     */
    public static Report verify(Path bundle, TrustedKeys trusted, int requireSignOffs) throws IOException {
        bundle = bundle.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path sums = bundle.resolve(Manifest.FILE);
        if (!Files.isRegularFile(sums)) {
            throw new IOException("not a bundle (no SHA256SUMS): " + bundle);
        }
        Map<String, String> listed;
        try {
            listed = Manifest.parse(Files.readString(sums, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Report(Trust.FAILED, null, List.of(e.getMessage()), issues, notes, List.of());
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
        for (String a : attestationFiles(bundle)) {
            if (!a.equals(Attestations.TEST_RESULT) && !a.equals(Attestations.PARITY)
                    && !(a.startsWith(Attestations.SIGN_OFFS + "/") && a.endsWith(".dsse.json")
                    && a.indexOf('/', Attestations.SIGN_OFFS.length() + 1) < 0)) {
                problems.add("unexpected file in " + Attestations.DIR + "/: " + a);
            }
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

        // what the files say (recomputed numbers, rebuilt predicates) is kept apart from whether
        // the files are intact and who signed them: see the outcome below
        List<String> content = new ArrayList<>();
        String verdict = recompute(bundle, content, notes);

        Trust trust = attestations(bundle, trusted, problems, content, issues, notes);
        List<Attestations.SignOff> signOffs = Attestations.signOffs(bundle, trusted);
        trust = trust.worst(signOffs(bundle, signOffs, requireSignOffs, problems, issues, notes));
        if (!problems.isEmpty() || trust == Trust.FAILED) {
            // broken: a digest, a signature that does not verify, a rejecting trusted reviewer
            problems.addAll(content);
            trust = Trust.FAILED;
        } else if (trust == Trust.VERIFIED) {
            // a trusted key vouches for these files: any number that does not recompute fails them
            if (!content.isEmpty()) {
                problems.addAll(content);
                trust = Trust.FAILED;
            }
        } else {
            // UNSIGNED or UNTRUSTED (issue 14): no trusted signer vouches for the files, so nothing
            // in them is evidence, whether or not it recomputes; the outcome names what is missing
            // and the disagreements are listed beside it (a forger who also rewrote the stored
            // images would have left none)
            for (String c : content) {
                issues.add("not vouched for, and it does not check out either: " + c);
            }
        }
        return new Report(trust, verdict, problems, issues, notes, signOffs);
    }

    /** Every file under attestations/, relative. */
    private static List<String> attestationFiles(Path bundle) throws IOException {
        Path dir = bundle.resolve(Attestations.DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(p -> bundle.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** Recomputes metrics.json; returns the verdict (null when it cannot be recomputed). */
    private static String recompute(Path bundle, List<String> problems, List<String> notes) {
        try {
            JsonNode metrics = Canonical.read(bundle.resolve("metrics.json"));
            JsonNode caseJson = Canonical.read(bundle.resolve("case.json"));
            Thresholds thresholds = Thresholds.parse(Files.readAllBytes(bundle.resolve("thresholds.json")));
            int before = problems.size();
            MetricsRecomputation.Result r = MetricsRecomputation.recompute(bundle, metrics, caseJson, thresholds);
            JsonNode storedGates = metrics.path("gates");
            if (storedGates.size() != r.gates().size()) {
                problems.add("metrics.json lists " + storedGates.size() + " gates, " + r.gates().size() + " recomputed");
            }
            for (int i = 0; i < r.gates().size() && i < storedGates.size(); i++) {
                JsonNode stored = storedGates.get(i);
                JsonNode again = r.expected().path("gates").get(i);
                if (!stored.equals(again)) {
                    problems.add("gate " + r.gates().get(i).name() + " recomputes to " + again.get("value")
                            + " pass=" + again.get("pass") + " but metrics.json says " + stored.get("value")
                            + " pass=" + stored.get("pass"));
                }
            }
            if (!r.verdict().equals(metrics.path("verdict").asText())) {
                problems.add("verdict recomputes to " + r.verdict() + " but metrics.json says " + metrics.path("verdict").asText());
            }
            List<String> diffs = new ArrayList<>();
            for (String d : MetricsRecomputation.differences(metrics, r.expected())) {
                if (!d.startsWith("/gates/") && !d.startsWith("/verdict ")) {
                    diffs.add(d);
                }
            }
            for (int i = 0; i < diffs.size() && i < MAX_DIFFERENCES; i++) {
                problems.add("metrics.json " + diffs.get(i));
            }
            if (diffs.size() > MAX_DIFFERENCES) {
                problems.add("metrics.json: " + (diffs.size() - MAX_DIFFERENCES) + " more fields differ from the recomputation");
            }
            if (problems.size() == before) {
                notes.add("verdict: recomputed " + r.verdict() + " from " + r.gates().size() + " gates on stored data");
                notes.add("metrics: " + r.numbers() + " numbers of metrics.json recomputed from the stored files"
                        + (r.given().isEmpty() ? "" : "; taken as recorded: " + String.join(", ", r.given())));
            }
            return r.verdict();
        } catch (IOException | RuntimeException e) {
            problems.add("cannot recompute metrics.json: " + e.getMessage());
            return null;
        }
    }

    /** The two statements: present, intact, about these files, saying what the files say, signed by whom. */
    private static Trust attestations(Path bundle, TrustedKeys trusted, List<String> problems, List<String> content,
                                      List<String> issues, List<String> notes) throws IOException {
        boolean anyEnvelope = Files.exists(bundle.resolve(Attestations.TEST_RESULT))
                || Files.exists(bundle.resolve(Attestations.PARITY));
        if (!anyEnvelope) {
            issues.add("no attestation (" + Attestations.TEST_RESULT + ", " + Attestations.PARITY + "): unsigned bundle"
                    + (Files.exists(bundle.resolve(Manifest.LEGACY_SIGNATURE))
                    ? "; the raw " + Manifest.LEGACY_SIGNATURE + " of bundles before DSSE is not checked" : ""));
            return Trust.UNSIGNED;
        }
        PublicKey carried = null;
        Path pub = bundle.resolve(Attestations.SIGNER_PUB);
        if (Files.isRegularFile(pub)) {
            try {
                carried = Signer.readPublic(pub);
            } catch (IOException | java.security.GeneralSecurityException e) {
                problems.add("cannot read " + Attestations.SIGNER_PUB + ": " + e.getMessage());
            }
        }
        Map<String, String> subjects = Attestations.subjects(bundle);
        Map<String, JsonNode> predicates = new LinkedHashMap<>();
        Map<String, String> types = Map.of(Attestations.TEST_RESULT, Attestations.TEST_RESULT_TYPE,
                Attestations.PARITY, Attestations.PARITY_TYPE);
        try {
            predicates.put(Attestations.TEST_RESULT, Attestations.testResult(bundle));
            predicates.put(Attestations.PARITY, Attestations.parity(bundle));
        } catch (IOException | RuntimeException e) {
            content.add("cannot rebuild the predicates from the bundle's files: " + e.getMessage());
        }
        Trust trust = Trust.VERIFIED;
        for (String f : List.of(Attestations.TEST_RESULT, Attestations.PARITY)) {
            if (!Files.isRegularFile(bundle.resolve(f))) {
                problems.add("missing attestation: " + f);
                continue;
            }
            Dsse.Checked c = Dsse.verify(bundle.resolve(f), trusted, carried);
            if (c.trust() == Trust.FAILED) {
                problems.add(f + ": " + c.detail());
                continue;
            }
            int before = problems.size() + content.size();
            JsonNode st = c.statement();
            if (!types.get(f).equals(st.path("predicateType").asText())) {
                problems.add(f + ": predicateType is not " + types.get(f));
            }
            Map<String, String> subj = Dsse.subjects(st);
            if (!subj.equals(subjects)) {
                Set<String> names = new java.util.TreeSet<>(subjects.keySet());
                names.addAll(subj.keySet());
                int listedDiffs = 0;
                for (String n : names) {
                    if (!java.util.Objects.equals(subj.get(n), subjects.get(n)) && listedDiffs++ < MAX_DIFFERENCES) {
                        problems.add(f + ": subject " + n + (subj.get(n) == null ? " missing"
                                : subjects.get(n) == null ? " is not a file of the bundle" : " does not match the file's sha256"));
                    }
                }
            }
            JsonNode expected = predicates.get(f);
            if (expected != null) {
                JsonNode normal = Canonical.MAPPER.readTree(Canonical.bytes(expected));
                for (String d : MetricsRecomputation.differences(st.path("predicate"), normal)) {
                    content.add(f + ": predicate " + d);
                }
            }
            if (problems.size() + content.size() == before) {
                notes.add("statement: " + f + " (" + st.path("predicateType").asText() + ") covers the "
                        + subjects.size() + " files and says what they say");
            }
            switch (c.trust()) {
                case VERIFIED -> notes.add("signature: " + f + ": " + c.detail());
                case UNSIGNED -> issues.add(f + ": no signature");
                default -> issues.add(f + ": " + c.detail());
            }
            trust = trust.worst(c.trust());
        }
        return trust;
    }

    /** Sign-offs: each about this bundle's statements; counted only when signed by a trusted key. */
    private static Trust signOffs(Path bundle, List<Attestations.SignOff> signOffs, int required, List<String> problems,
                                  List<String> issues, List<String> notes) {
        Map<String, String> reviewed = new LinkedHashMap<>();
        for (String f : List.of(Attestations.TEST_RESULT, Attestations.PARITY)) {
            if (Files.isRegularFile(bundle.resolve(f))) {
                reviewed.put(f, Dsse.verify(bundle.resolve(f), TrustedKeys.none(), null).statementSha256());
            }
        }
        Set<String> approvers = new HashSet<>();
        List<String> rejecters = new ArrayList<>();
        for (Attestations.SignOff s : signOffs) {
            Dsse.Checked c = s.checked();
            if (c.trust() == Trust.FAILED) {
                problems.add("sign-off " + s.file() + ": " + c.detail());
                continue;
            }
            if (!Attestations.SIGN_OFF_TYPE.equals(c.statement().path("predicateType").asText())) {
                problems.add("sign-off " + s.file() + ": predicateType is not " + Attestations.SIGN_OFF_TYPE);
                continue;
            }
            if (!Dsse.subjects(c.statement()).equals(reviewed)) {
                problems.add("sign-off " + s.file() + " by " + s.reviewer() + " reviewed other statements than this bundle's");
                continue;
            }
            if (!s.decision().equals("approved") && !s.decision().equals("rejected")) {
                problems.add("sign-off " + s.file() + ": decision is neither approved nor rejected");
                continue;
            }
            String who = "sign-off: " + s.reviewer() + " " + s.decision() + " at " + s.time()
                    + (s.note().isEmpty() ? "" : " (\"" + s.note() + "\")");
            if (c.trust() == Trust.VERIFIED) {
                notes.add(who + ", trusted key " + c.trustedKeyId());
                if (s.decision().equals("approved")) {
                    approvers.add(c.trustedKeyId());
                } else {
                    rejecters.add(s.reviewer());
                }
            } else {
                notes.add(who + ": " + (c.trust() == Trust.UNSIGNED ? "unsigned" : "key " + String.join(",", c.keyIds())
                        + " not trusted") + ", not counted");
            }
        }
        if (required <= 0) {
            return Trust.VERIFIED;
        }
        if (!rejecters.isEmpty()) {
            problems.add("rejected by trusted reviewer " + String.join(", ", rejecters));
            return Trust.FAILED;
        }
        if (approvers.size() < required) {
            issues.add("sign-off: " + approvers.size() + " approval(s) by trusted reviewers, " + required + " required");
            return Trust.UNTRUSTED;
        }
        notes.add("sign-off: " + approvers.size() + " approval(s) by trusted reviewers, " + required + " required");
        return Trust.VERIFIED;
    }
}
