package org.nbparity.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.bundle.Attestations;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's three tries against the trust policy of {@code verify} (forged and re-signed,
 * stripped, one number edited), a check of a real bundle with openssl and sha256sum alone, and
 * reviewers' sign-offs. Bundles come from the recorded backend and the fake Java side.
 */
class TrustPolicyTest {
    @TempDir
    Path tmp;

    private Path key;

    /** A signed PASS bundle of v01 (signed with {@link #key}). */
    private Path signedBundle(String name) throws Exception {
        key = tmp.resolve(name + "-signer.pem");
        assertEquals(0, TestEnv.nbparity("keygen", key.toString()).code());
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        Path reports = tmp.resolve(name);
        TestEnv.Cli r = TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded",
                "--java-cmd", TestEnv.fakeJava(golden, "none"), "--reports", reports.toString(), "--sign-key", key.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private TestEnv.Cli verify(Path b, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("verify", b.toString()));
        a.addAll(List.of(extra));
        return TestEnv.nbparity(a.toArray(String[]::new));
    }

    private static void writable(Path b) throws Exception {
        try (Stream<Path> s = Files.walk(b)) {
            s.forEach(p -> p.toFile().setWritable(true));
        }
    }

    private static void edit(Path f, String from, String to) throws Exception {
        String s = Files.readString(f);
        assertTrue(s.contains(from), f + " lacks " + from);
        f.toFile().setWritable(true);
        Files.writeString(f, s.replace(from, to));
    }

    /** What a forger does after editing: new signer.pub, SHA256SUMS, attestations signed with their key (null: unsigned). */
    private Path reseal(Path b, String forgerName) throws Exception {
        writable(b);
        Path forger = null;
        if (forgerName != null) {
            forger = tmp.resolve(forgerName + ".pem");
            Signer.keygen(forger);
            Files.writeString(b.resolve(Attestations.SIGNER_PUB), Files.readString(Path.of(forger + ".pub")));
        }
        Files.writeString(b.resolve(Manifest.FILE), Manifest.text(Manifest.digests(b)));
        Files.delete(b.resolve(Attestations.TEST_RESULT));
        Files.delete(b.resolve(Attestations.PARITY));
        Attestations.write(b, forger == null ? null : Signer.readPrivate(forger), forger == null ? null : Signer.publicFor(forger));
        return forger;
    }

    @Test
    void theSignedBundleVerifiesAndEveryNumberIsRecomputed() throws Exception {
        Path b = signedBundle("ok");
        TestEnv.Cli v = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.out().contains("ok: metrics: "), v.out());
        assertTrue(v.out().contains(" numbers of metrics.json recomputed from the stored files; taken as recorded: /version\n"),
                v.out());
        assertTrue(v.out().contains("ok: statement: " + Attestations.PARITY + " (" + Attestations.PARITY_TYPE + ") covers the "),
                v.out());
        assertTrue(v.out().endsWith("\nVERIFIED " + b.getFileName() + " (verdict PASS)\n"), v.out());
        // the standard predicate: result, configuration (case, thresholds, both sides' programs), tests
        var st = Canonical.MAPPER.readTree(java.util.Base64.getDecoder().decode(
                Canonical.read(b.resolve(Attestations.TEST_RESULT)).get("payload").asText()));
        assertEquals("https://in-toto.io/Statement/v1", st.get("_type").asText());
        assertEquals(Attestations.TEST_RESULT_TYPE, st.get("predicateType").asText());
        assertEquals("PASSED", st.get("predicate").get("result").asText());
        assertEquals(8, st.get("predicate").get("passedTests").size());
        assertEquals(0, st.get("predicate").get("failedTests").size());
        List<String> conf = new java.util.ArrayList<>();
        st.get("predicate").get("configuration").forEach(c -> conf.add(c.get("name").asText()));
        assertEquals("case.json", conf.get(0));
        assertEquals("thresholds.json", conf.get(1));
        assertTrue(conf.contains("java:java_program"), conf.toString());
        java.util.Set<String> subjects = new java.util.TreeSet<>();
        st.get("subject").forEach(s -> subjects.add(s.get("name").asText()));
        java.util.Set<String> files = new java.util.TreeSet<>(Manifest.files(b));
        files.add(Manifest.FILE);
        assertEquals(files, subjects, "subjects: every file of the bundle, SHA256SUMS included");
    }

    @Test
    void theIssuesForgeryReSignedWithANewKeyIsUntrusted() throws Exception {
        Path b = signedBundle("forged");
        // the try of issue 14: rmse 0.0 -> 0.5, digests fixed, re-signed with a new key, signer.pub replaced
        edit(b.resolve("metrics.json"), "\"rmse\": 0.0,", "\"rmse\": 0.5,");
        Path forger = reseal(b, "forger");
        String forgerId = Signer.fingerprint(Signer.publicFor(forger));
        TestEnv.Cli v = verify(b, "--trusted-keys", key + ".pub");
        // no trusted key vouches for it: that is the outcome; the edit is listed beside it
        assertEquals(5, v.code(), v.out());
        assertFalse(v.out().contains("FAILED"), v.out());
        assertTrue(v.out().startsWith("UNTRUSTED: " + Attestations.TEST_RESULT + ": valid Ed25519 signature by key " + forgerId
                + ", which is not trusted\n"), v.out());
        assertTrue(v.out().contains("UNTRUSTED: not vouched for, and it does not check out either: "
                + "metrics.json /image/rmse is 0.5, recomputes to 0.0\n"), v.out());
        assertTrue(v.out().endsWith("\nUNTRUSTED " + b.getFileName() + " (verdict PASS)\n"), v.out());
        // the same files trusted (the forger's key given): then the edit fails them
        TestEnv.Cli w = verify(b, "--trusted-keys", forger + ".pub");
        assertEquals(1, w.code(), w.out());
        assertTrue(w.out().startsWith("FAILED: metrics.json /image/rmse is 0.5, recomputes to 0.0\n"), w.out());
        // and stripped of its signatures: UNSIGNED
        reseal(b, null);
        TestEnv.Cli u = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(4, u.code(), u.out());
        assertTrue(u.out().contains("UNSIGNED: not vouched for, and it does not check out either: "
                + "metrics.json /image/rmse is 0.5, recomputes to 0.0\n"), u.out());
        assertTrue(u.out().endsWith("\nUNSIGNED " + b.getFileName() + " (verdict PASS)\n"), u.out());
    }

    @Test
    void aConsistentForgeryReSignedWithANewKeyIsUntrusted() throws Exception {
        Path b = signedBundle("consistent");
        // a forgery nothing can recompute: env.json claims another Java program; everything re-hashed and re-signed
        var env = Canonical.read(b.resolve("env.json"));
        String jar = env.get("java").get("java_program_sha256").asText();
        edit(b.resolve("env.json"), jar, "0".repeat(64));
        Path forger = reseal(b, "forger2");
        String forgerId = Signer.fingerprint(Signer.publicFor(forger));
        for (List<String> keys : List.of(List.of("--trusted-keys", key + ".pub"), List.<String>of())) {
            TestEnv.Cli v = verify(b, keys.toArray(String[]::new));
            assertEquals(5, v.code(), v.out());
            assertFalse(v.out().contains("FAILED"), v.out());
            assertTrue(v.out().startsWith("UNTRUSTED: " + Attestations.TEST_RESULT + ": valid Ed25519 signature by key "
                    + forgerId + ", which is not trusted\n"), v.out());
            assertTrue(v.out().endsWith("\nUNTRUSTED " + b.getFileName() + " (verdict PASS)\n"), v.out());
        }
        // only the forger's own key makes it VERIFIED: trust comes from the verifier's keys, never the bundle's
        assertEquals(0, verify(b, "--trusted-keys", forger + ".pub").code());
    }

    @Test
    void aStrippedSignatureIsUnsigned() throws Exception {
        Path b = signedBundle("stripped");
        reseal(b, null); // same files, the attestations without signatures
        TestEnv.Cli v = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(4, v.code(), v.out());
        assertTrue(v.out().startsWith("UNSIGNED: " + Attestations.TEST_RESULT + ": no signature\n"), v.out());
        assertTrue(v.out().endsWith("\nUNSIGNED " + b.getFileName() + " (verdict PASS)\n"), v.out());
        // the attestations removed altogether: unsigned too
        Files.delete(b.resolve(Attestations.TEST_RESULT));
        Files.delete(b.resolve(Attestations.PARITY));
        TestEnv.Cli w = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(4, w.code(), w.out());
        assertTrue(w.out().startsWith("UNSIGNED: no attestation ("), w.out());
    }

    @Test
    void oneEditedNumberOfMetricsFails() throws Exception {
        Path b = signedBundle("edited");
        edit(b.resolve("metrics.json"), "\"rmse\": 0.0,", "\"rmse\": 0.5,");
        TestEnv.Cli v = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().startsWith("FAILED: digest mismatch: metrics.json\n"), v.out());
        assertTrue(v.out().contains("FAILED: metrics.json /image/rmse is 0.5, recomputes to 0.0\n"), v.out());
        // SHA256SUMS re-hashed as well (the signed statements now disagree with it)
        writable(b);
        Files.writeString(b.resolve(Manifest.FILE), Manifest.text(Manifest.digests(b)));
        TestEnv.Cli w = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(1, w.code(), w.out());
        assertTrue(w.out().startsWith("FAILED: " + Attestations.TEST_RESULT + ": subject "), w.out());
        assertTrue(w.out().contains("FAILED: " + Attestations.TEST_RESULT + ": subject metrics.json does not match the file's sha256\n"),
                w.out());
        assertTrue(w.out().contains("FAILED: metrics.json /image/rmse is 0.5, recomputes to 0.0\n"), w.out());
        assertTrue(w.out().endsWith("\nFAILED " + b.getFileName() + " (verdict PASS)\n"), w.out());
    }

    @Test
    void aRealBundleChecksWithOpensslAndSha256sumAlone() throws Exception {
        Path b = signedBundle("openssl");
        // what harness/README.md shows: no nbparity, no JSON tool; openssl, sha256sum and coreutils
        String script = String.join("\n",
                "set -euo pipefail",
                "cd \"$1\"; pub=\"$2\"; w=$(mktemp -d)",
                "for env in attestations/test-result.dsse.json attestations/parity.dsse.json; do",
                "  sed -n 's/^  \"payload\": \"\\(.*\\)\",$/\\1/p' \"$env\" | base64 -d > \"$w/statement.json\"",
                "  sed -n 's/^      \"sig\": \"\\(.*\\)\"$/\\1/p' \"$env\" | base64 -d > \"$w/sig.bin\"",
                "  type=application/vnd.in-toto+json",
                "  { printf 'DSSEv1 %d %s %d ' ${#type} \"$type\" $(stat -c %s \"$w/statement.json\"); cat \"$w/statement.json\"; } > \"$w/pae.bin\"",
                "  openssl pkeyutl -verify -pubin -inkey \"$pub\" -rawin -in \"$w/pae.bin\" -sigfile \"$w/sig.bin\"",
                "  # the signed statement names SHA256SUMS by its digest",
                "  grep -B3 '\"name\": \"SHA256SUMS\"' \"$w/statement.json\" | grep -q \"\\\"sha256\\\": \\\"$(sha256sum SHA256SUMS | cut -c1-64)\\\"\"",
                "done",
                "sha256sum --quiet -c SHA256SUMS",
                "echo CHECKED");
        Path sh = tmp.resolve("check.sh");
        Files.writeString(sh, script + "\n");
        ProcessBuilder pb = new ProcessBuilder("bash", sh.toString(), b.toString(), key + ".pub").redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals("Signature Verified Successfully\nSignature Verified Successfully\nCHECKED\n", out);
        // the same script rejects another key and an edited file
        Path other = tmp.resolve("other.pem");
        Signer.keygen(other);
        Process q = new ProcessBuilder("bash", sh.toString(), b.toString(), other + ".pub").redirectErrorStream(true).start();
        String qo = new String(q.getInputStream().readAllBytes());
        assertTrue(q.waitFor() != 0 && qo.contains("Signature Verification Failure"), qo);
        edit(b.resolve("summary.md"), "#", "##");
        Process r = new ProcessBuilder("bash", sh.toString(), b.toString(), key + ".pub").redirectErrorStream(true).start();
        String ro = new String(r.getInputStream().readAllBytes());
        assertTrue(r.waitFor() != 0 && ro.contains("summary.md: FAILED"), ro);
    }

    @Test
    void reviewersSignOffWithoutTouchingTheBundle() throws Exception {
        Path b = signedBundle("signoff");
        Path alice = tmp.resolve("alice.pem");
        Path mallory = tmp.resolve("mallory.pem");
        Signer.keygen(alice);
        Signer.keygen(mallory);
        Map<String, String> before = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(b)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                before.put(b.relativize(p).toString(), Canonical.sha256(p));
            }
        }
        TestEnv.Cli so = TestEnv.nbparity("sign-off", b.toString(), "--key", alice.toString(), "--as", "Alice Reviewer",
                "--note", "gates and first divergence read");
        assertEquals(0, so.code(), so.out() + so.err());
        assertTrue(so.out().startsWith("signed off " + b.getFileName() + " as Alice Reviewer (approved, key "
                + Signer.fingerprint(Signer.publicFor(alice)) + "): attestations/sign-offs/"), so.out());
        assertEquals(0, TestEnv.nbparity("sign-off", b.toString(), "--key", mallory.toString(), "--as", "Mallory").code());
        Map<String, String> after = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(b)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                after.put(b.relativize(p).toString(), Canonical.sha256(p));
            }
        }
        before.forEach((f, h) -> assertEquals(h, after.get(f), "sign-off touched " + f));
        assertEquals(before.size() + 2, after.size(), "one new file per sign-off");

        Path trusted = tmp.resolve("trusted.pem");
        Files.writeString(trusted, Files.readString(Path.of(key + ".pub")) + Files.readString(Path.of(alice + ".pub")));
        TestEnv.Cli v = verify(b, "--trusted-keys", trusted.toString(), "--require-sign-off", "1");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.out().contains("ok: sign-off: Alice Reviewer approved at "), v.out());
        assertTrue(v.out().contains(" (\"gates and first divergence read\"), trusted key "), v.out());
        assertTrue(v.out().contains("ok: sign-off: Mallory approved at "), v.out());
        assertTrue(v.out().contains(" not trusted, not counted\n"), v.out());
        assertTrue(v.out().contains("ok: sign-off: 1 approval(s) by trusted reviewers, 1 required\n"), v.out());
        // Mallory's key is not trusted: two required sign-offs are not there
        TestEnv.Cli two = verify(b, "--trusted-keys", trusted.toString(), "--require-sign-off", "2");
        assertEquals(5, two.code(), two.out());
        assertTrue(two.out().startsWith("UNTRUSTED: sign-off: 1 approval(s) by trusted reviewers, 2 required\n"), two.out());
        // the run's signer alone is trusted: no trusted sign-off
        assertEquals(5, verify(b, "--trusted-keys", key + ".pub", "--require-sign-off", "1").code());

        TestEnv.Cli d = TestEnv.nbparity("bundle-diff", b.toString(), b.toString());
        assertTrue(d.out().contains("sign-off Alice Reviewer approved, Mallory approved | Alice Reviewer approved, Mallory approved\n"),
                d.out());
        String idx = Files.readString(b.getParent().resolve("index.html"));
        assertTrue(idx.contains("<td>Alice Reviewer (approved " + java.time.LocalDate.now(java.time.ZoneOffset.UTC)), idx);

        // a trusted rejection fails a check that requires sign-offs
        assertEquals(0, TestEnv.nbparity("sign-off", b.toString(), "--key", alice.toString(), "--as", "Alice Reviewer",
                "--decision", "rejected", "--note", "second look").code());
        TestEnv.Cli rej = verify(b, "--trusted-keys", trusted.toString(), "--require-sign-off", "1");
        assertEquals(1, rej.code(), rej.out());
        assertTrue(rej.out().startsWith("FAILED: rejected by trusted reviewer Alice Reviewer\n"), rej.out());
        // without --require-sign-off the sign-offs are only reported
        assertEquals(0, verify(b, "--trusted-keys", trusted.toString()).code());
    }

    @Test
    void aSignOffIsAboutThisBundleAndNoTamperedBundleIsSignedOff() throws Exception {
        Path b = signedBundle("tampered");
        Path alice = tmp.resolve("alice.pem");
        Signer.keygen(alice);
        Path c = signedBundle("copy");
        // a sign-off copied from another bundle reviewed other statements
        assertEquals(0, TestEnv.nbparity("sign-off", c.toString(), "--key", alice.toString(), "--as", "Alice").code());
        Path so;
        try (Stream<Path> s = Files.list(c.resolve(Attestations.SIGN_OFFS))) {
            so = s.findFirst().orElseThrow();
        }
        Files.createDirectories(b.resolve(Attestations.SIGN_OFFS));
        Files.copy(so, b.resolve(Attestations.SIGN_OFFS).resolve(so.getFileName()));
        TestEnv.Cli v = verify(b, "--trusted-keys", key + ".pub");
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().startsWith("FAILED: sign-off " + Attestations.SIGN_OFFS + "/" + so.getFileName()
                + " by Alice reviewed other statements than this bundle's\n"), v.out());
        // a FAILED bundle is not signed off, and nothing is written
        edit(c.resolve("summary.md"), "#", "##");
        TestEnv.Cli r = TestEnv.nbparity("sign-off", c.toString(), "--key", alice.toString(), "--as", "Alice");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().endsWith("nbparity: " + c + " FAILED verification: not signed off\n"), r.err());
        try (Stream<Path> s = Files.list(c.resolve(Attestations.SIGN_OFFS))) {
            assertEquals(1, s.count());
        }
    }
}
