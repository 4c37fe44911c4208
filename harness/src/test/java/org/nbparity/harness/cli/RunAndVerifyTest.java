package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.bundle.Attestations;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with the recorded backend and a fake Java side replaying the goldens: PASS,
 * verify, sha256sum -c, signature, tampering, injected faults, bundle-diff.
 */
class RunAndVerifyTest {
    @TempDir
    Path tmp;

    private Path run(String fault, int expectCode, String... extra) throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        Path reports = tmp.resolve("rep-" + fault.replace(':', '_'));
        List<String> args = new java.util.ArrayList<>(List.of("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded",
                "--java-cmd", TestEnv.fakeJava(golden, fault), "--reports", reports.toString()));
        args.addAll(List.of(extra));
        TestEnv.Cli r = TestEnv.nbparity(args.toArray(String[]::new));
        assertEquals(expectCode, r.code(), r.out() + r.err());
        try (Stream<Path> s = Files.list(reports)) {
            List<Path> b = s.filter(Files::isDirectory).toList();
            assertEquals(1, b.size());
            assertTrue(b.get(0).getFileName().toString().matches("\\d{8}T\\d{6}\\.\\d{3}Z_v01_mosflm_cubic_noise_[0-9a-f]{8}"));
            assertTrue(Files.isRegularFile(reports.resolve("index.html")));
            return b.get(0);
        }
    }

    @Test
    void passingRunVerifiesAndSurvivesNoTampering() throws Exception {
        Path key = tmp.resolve("key.pem");
        assertEquals(0, TestEnv.nbparity("keygen", key.toString()).code());
        Path b = run("none", 0, "--sign-key", key.toString());
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        assertEquals("PASS", m.get("verdict").asText());
        assertEquals("nbparity-metrics", m.get("schema").asText());
        assertEquals(2, m.get("version").asInt());
        assertEquals(1.0, m.get("image").get("bitwise_fraction").asDouble());
        assertTrue(m.get("first_divergence").isNull());
        assertTrue(m.get("image").has("pearson"), "one image block: gates and diagnostics together");
        assertFalse(m.has("image_analysis"));
        for (String f : List.of("case.json", "commands.txt", "env.json", "metrics.json", "summary.md", "trace_diff.md",
                Attestations.TEST_RESULT, Attestations.PARITY, "SHA256SUMS", "signer.pub", "thresholds.json", "png/c.png", "png/java.png",
                "png/diff.png", "images/c/float.bin.gz", "stored.json", "report.html", "traces/c_s62_f76.txt",
                "traces/java_s62_f76.txt")) {
            assertTrue(Files.isRegularFile(b.resolve(f)), f);
        }
        // identical contents are stored once: Java's image equals the recorded C image, the traced
        // images equal the untraced one; each logical output decompresses to its recorded digest
        assertFalse(Files.exists(b.resolve("images/java/float.bin.gz")));
        assertFalse(Files.exists(b.resolve("images/java_trace_s62_f76")));
        JsonNode stored = Canonical.read(b.resolve("stored.json"));
        assertEquals("nbparity-stored", stored.get("schema").asText());
        java.util.Map<String, String> storedAs = new java.util.TreeMap<>();
        stored.get("outputs").forEach(o -> storedAs.put(o.get("path").asText(), o.get("stored").asText()));
        assertEquals("images/c/float.bin.gz", storedAs.get("images/java/float.bin"));
        assertEquals("images/c/float.bin.gz", storedAs.get("images/java_trace_s62_f76/float.bin"));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(b.resolve("images/c/float.bin.gz")));
             var gold = new java.util.zip.GZIPInputStream(Files.newInputStream(
                     TestEnv.requireShared("golden/v01_mosflm_cubic_noise/float.bin.gz")))) {
            byte[] content = in.readAllBytes();
            assertTrue(java.util.Arrays.equals(gold.readAllBytes(), content), "stored image = the recorded C image");
            String sha = Canonical.sha256(content);
            stored.get("outputs").forEach(o -> {
                if (o.get("stored").asText().equals("images/c/float.bin.gz")) {
                    assertEquals(sha, o.get("sha256").asText(), o.toString());
                }
            });
        }
        assertEquals(Files.readString(TestEnv.repo().resolve("fixtures/cases/v01_mosflm_cubic_noise.json")), Files.readString(b.resolve("case.json")));
        // commands.txt holds commands only
        for (String line : Files.readAllLines(b.resolve("commands.txt"))) {
            assertFalse(line.isBlank() || line.startsWith("#"), line);
        }
        TestEnv.Cli v = TestEnv.nbparity("verify", b.toString(), "--trusted-keys", key + ".pub");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.out().contains("ok: verdict: recomputed PASS from 8 gates on stored data"), v.out());
        assertTrue(v.out().contains("ok: signature: " + Attestations.TEST_RESULT + ": valid Ed25519 signature, trusted key "), v.out());
        assertTrue(v.out().endsWith("VERIFIED " + b.getFileName() + " (verdict PASS)\n"), v.out());

        ProcessBuilder pb = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(b.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String shaOut = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), shaOut);

        // one changed byte in any file, SHA256SUMS or an attestation makes verify fail
        List<String> files = new java.util.ArrayList<>(Manifest.files(b));
        files.add(Manifest.FILE);
        files.add(Attestations.TEST_RESULT);
        files.add(Attestations.PARITY);
        for (String f : files) {
            Path file = b.resolve(f);
            byte[] orig = Files.readAllBytes(file);
            byte[] bad = orig.clone();
            int at = bad.length / 2;
            bad[at] = (byte) (bad[at] == 'A' ? 'B' : bad[at] ^ 1);
            file.toFile().setWritable(true);
            Files.write(file, bad);
            TestEnv.Cli t = TestEnv.nbparity("verify", b.toString(), "--trusted-keys", key + ".pub");
            assertEquals(1, t.code(), "tampering with " + f + " was not detected:\n" + t.out());
            assertTrue(t.out().contains("\nFAILED " + b.getFileName()), t.out());
            // failures first; no "ok" line for the check that failed
            assertTrue(t.out().startsWith("FAILED: "), t.out());
            if (!f.startsWith(Manifest.FILE) && !f.startsWith(Attestations.DIR)) {
                assertFalse(t.out().contains("ok: hashes"), t.out());
            }
            Files.write(file, orig);
        }
        assertEquals(0, TestEnv.nbparity("verify", b.toString(), "--trusted-keys", key + ".pub").code());

        // an extra file is detected too
        Files.writeString(b.resolve("extra.txt"), "x");
        TestEnv.Cli e = TestEnv.nbparity("verify", b.toString(), "--trusted-keys", key + ".pub");
        assertEquals(1, e.code());
        assertTrue(e.out().contains("FAILED: file not in SHA256SUMS: extra.txt"), e.out());
        Files.delete(b.resolve("extra.txt"));

        // a bundle signed by a key that is not trusted: UNTRUSTED, whichever other key is given, or none
        Path other = tmp.resolve("other.pem");
        TestEnv.nbparity("keygen", other.toString());
        for (List<String> keys : List.of(List.of("--trusted-keys", other + ".pub"), List.<String>of())) {
            List<String> args = new java.util.ArrayList<>(List.of("verify", b.toString()));
            args.addAll(keys);
            TestEnv.Cli o = TestEnv.nbparity(args.toArray(String[]::new));
            assertEquals(5, o.code(), o.out());
            assertTrue(o.out().contains("UNTRUSTED: " + Attestations.TEST_RESULT + ": valid Ed25519 signature by key "), o.out());
            assertTrue(o.out().endsWith("UNTRUSTED " + b.getFileName() + " (verdict PASS)\n"), o.out());
        }
        // two trusted keys, concatenated as keygen writes them: the signer's among them
        Path both = tmp.resolve("trusted.pem");
        Files.writeString(both, Files.readString(Path.of(other + ".pub")) + Files.readString(Path.of(key + ".pub")));
        assertEquals(0, TestEnv.nbparity("verify", b.toString(), "--trusted-keys", both.toString()).code());
    }

    @Test
    void aSingleCaseShowsEachPhaseWithItsElapsedTime() throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded",
                "--java-cmd", TestEnv.fakeJava(golden, "none"), "--reports", tmp.resolve("rep-progress").toString());
        assertEquals(0, r.code(), r.err());
        List<String> phases = r.progress().stream().map(l -> l.substring(l.indexOf("] ") + 2)).toList();
        for (String p : List.of("C run", "Java run", "C trace s62_f76", "Java trace s62_f76",
                "image comparison", "writing bundle", "pictures", "sealing (report, digests)", "done: PASS")) {
            assertTrue(phases.contains("v01_mosflm_cubic_noise: " + p), p + " missing in\n" + r.err());
        }
        double last = -1;
        for (String l : r.progress()) {
            double t = Double.parseDouble(l.substring(1, l.indexOf(" s]")).strip());
            assertTrue(t >= last, "elapsed times only grow: " + r.err());
            last = t;
        }
        assertEquals("", r.errors(), "nothing but progress on stderr");
    }

    @Test
    void consistentRewriteOfMetricsIsCaughtByRecomputation() throws Exception {
        Path b = run("none", 0);
        // forge: flip the verdict in metrics.json, then re-hash everything consistently (unsigned bundle)
        Path m = b.resolve("metrics.json");
        m.toFile().setWritable(true);
        Files.writeString(m, Files.readString(m).replace("\"verdict\": \"PASS\"", "\"verdict\": \"FAIL\""));
        Path sums = b.resolve(Manifest.FILE);
        sums.toFile().setWritable(true);
        Files.writeString(sums, Manifest.text(Manifest.digests(b)));
        TestEnv.Cli v = TestEnv.nbparity("verify", b.toString());
        assertEquals(1, v.code());
        assertTrue(v.out().contains("FAILED: verdict recomputes to PASS but metrics.json says FAIL"), v.out());
    }

    @Test
    void aConsistentlyRehashedStoredImageIsCaughtByItsContentDigest() throws Exception {
        Path b = run("none", 0);
        // forge: a different image under the same stored name, SHA256SUMS re-hashed (unsigned bundle)
        Path gz = b.resolve("images/c/float.bin.gz");
        byte[] img;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            img = in.readAllBytes();
        }
        img[100] ^= 1;
        gz.toFile().setWritable(true);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(img);
        }
        Path sums = b.resolve(Manifest.FILE);
        sums.toFile().setWritable(true);
        Files.writeString(sums, Manifest.text(Manifest.digests(b)));
        TestEnv.Cli v = TestEnv.nbparity("verify", b.toString());
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().startsWith("FAILED: "), v.out());
        assertTrue(v.out().contains("FAILED: stored output: images/c/float.bin.gz does not decompress to the content "
                + "stored.json records for images/c/float.bin"), v.out());
        assertFalse(v.out().contains("ok: outputs"), v.out());
        assertFalse(v.out().contains("ok: verdict"), v.out());
    }

    @Test
    void scaleFaultFailsWithTheSumRatio() throws Exception {
        Path b = run("scale", 1);
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        assertEquals("FAIL", m.get("verdict").asText());
        assertEquals(1.26, m.get("image").get("sum_ratio").asDouble(), 1e-6);
        assertEquals(4, TestEnv.nbparity("verify", b.toString()).code(), "a FAIL bundle is intact (UNSIGNED, not FAILED)");
    }

    @Test
    void oneUlpPassesTheGatesButIsMeasured() throws Exception {
        Path b = run("onebit", 0);
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        assertEquals(1, m.get("image").get("max_ulp_float32").asInt());
        assertEquals(16383, m.get("image").get("bitwise_equal").asInt());
    }

    @Test
    void tracingThatChangesTheImageFails() throws Exception {
        Path b = run("tracechanges", 1);
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        boolean found = false;
        for (JsonNode g : m.get("gates")) {
            if (g.get("name").asText().startsWith("java.traced_image_identical")) {
                assertFalse(g.get("pass").asBoolean());
                found = true;
            }
        }
        assertTrue(found);
    }

    @Test
    void traceFaultIsNamedAsFirstDivergence() throws Exception {
        Path b = run("trace:omega_pixel_sr", 1);
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        JsonNode fd = m.get("first_divergence");
        assertEquals("omega_pixel_sr", fd.get("record").get("name").asText());
        assertTrue(fd.get("record_name").asText().startsWith("omega_pixel_sr"), fd.toString());
        String summary = Files.readString(b.resolve("summary.md"));
        assertTrue(summary.contains("## First divergence\n\n") && summary.contains("\n`omega_pixel_sr"), summary);
        assertEquals(4, TestEnv.nbparity("verify", b.toString()).code(), "the FAIL bundle is intact (trace gate recomputed)");
        Path a = run("none", 0);
        TestEnv.Cli d = TestEnv.nbparity("bundle-diff", a.toString(), b.toString());
        assertEquals(1, d.code(), d.out());
        assertTrue(d.out().contains("first divergence  none | omega_pixel_sr"), d.out());
        // the trace fault leaves every output the same: compared by content, whatever file stores it
        assertTrue(d.out().contains("0 of 10 outputs differ in content"), d.out());
        TestEnv.Cli td = TestEnv.nbparity("trace-diff", a.resolve("traces/c_s62_f76.txt").toString(),
                b.resolve("traces/java_s62_f76.txt").toString(), "--case", "v01_mosflm_cubic_noise");
        assertEquals(1, td.code(), td.out() + td.err());
        assertTrue(td.out().contains("omega_pixel_sr"), td.out());
        TestEnv.Cli same = TestEnv.nbparity("trace-diff", a.resolve("traces/c_s62_f76.txt").toString(),
                a.resolve("traces/java_s62_f76.txt").toString(), "--case", "v01_mosflm_cubic_noise");
        assertEquals(0, same.code(), same.out() + same.err());
        TestEnv.Cli nolayout = TestEnv.nbparity("trace-diff", a.resolve("traces/c_s62_f76.txt").toString(),
                a.resolve("traces/java_s62_f76.txt").toString());
        assertEquals(2, nolayout.code(), "a missing --case/--layout is a usage error");
        assertTrue(nolayout.err().startsWith("a trace is in a dialect without loop indices: give --case ID or --layout\n"
                + "Usage: nbparity trace-diff"), nolayout.err());
        TestEnv.Cli both = TestEnv.nbparity("trace-diff", a.resolve("traces/c_s62_f76.txt").toString(),
                a.resolve("traces/java_s62_f76.txt").toString(), "--case", "v01_mosflm_cubic_noise", "--layout", "1", "1", "1", "1", "1");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().startsWith("give --case or --layout, not both\n"), both.err());
    }

    @Test
    void fluenceFaultIsNamedByScaleForensics() throws Exception {
        Path b = run("fluence", 1);
        JsonNode m = Canonical.read(b.resolve("metrics.json"));
        assertEquals("FAIL", m.get("verdict").asText());
        JsonNode sf = m.get("scale_forensics");
        assertTrue(sf.get("scaleOff").asBoolean(), sf.toString());
        assertTrue(sf.get("likelyCulprit").asText().startsWith("fluence"), sf.toString());
        assertEquals("fluence", m.get("first_divergence").get("record").get("name").asText());
        assertTrue(m.get("first_divergence").get("runLevel").asBoolean());
    }

    @Test
    void imageDiffNeedsTheRightShape() throws Exception {
        Path g = TestEnv.requireShared("golden/v01_mosflm_cubic_noise/float.bin.gz");
        TestEnv.Cli ok = TestEnv.nbparity("image-diff", g.toString(), g.toString(), "--shape", "128", "128");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        TestEnv.Cli bad = TestEnv.nbparity("image-diff", g.toString(), g.toString(), "--shape", "64", "128");
        assertEquals(3, bad.code());
        assertEquals("nbparity: " + g + " has 65536 bytes; shape 64x128 needs 32768\n", bad.err());
    }
}
