package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Campaigns through the real single-node Slurm of scripts/provision-slurm.sh (partition
 * {@code nbparity}) and the local c-reference: the same 40 cases give the same verdicts and result
 * digests through {@code local} and {@code slurm}; a {@code scancel}led array task is completed by the
 * next run without redoing a finished case; a killed submitter's successor waits for the same job. With CI=true a missing Slurm fails, never skips.
 */
class CampaignSlurmTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void slurmIsUp() throws Exception {
        TestEnv.requireSimulatorJar();
        String why;
        try {
            Processes.Result r = Processes.run(List.of("sinfo", "-h", "-p", "nbparity", "-o", "%a"), Path.of("/"), Map.of(),
                    Duration.ofSeconds(30));
            why = r.exitCode() == 0 && r.stdout().strip().equals("up") ? null
                    : "sinfo: partition nbparity not up: " + r.stdout().strip() + " " + r.stderr().strip();
        } catch (java.io.IOException e) {
            why = "no sinfo: " + e.getMessage();
        }
        if (why != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Slurm required under CI=true (scripts/provision-slurm.sh): " + why);
        }
        assumeTrue(why == null, why);
    }

    @Test
    void fortyCasesGiveTheSameVerdictsAndResultDigestsLocallyAndThroughSlurm() throws Exception {
        Path key = tmp.resolve("key.pem");
        assertEquals(0, TestEnv.nbparity("keygen", key.toString()).code());
        Path local = tmp.resolve("local");
        TestEnv.Cli g = TestEnv.nbparity("campaign", "generate", "--seed", "2026", "--count", "40", "--out", local.toString());
        assertEquals(0, g.code(), g.err());
        Path slurm = tmp.resolve("slurm");
        copyTree(local, slurm);

        TestEnv.Cli l = TestEnv.nbparity("campaign", "run", local.toString(), "--c-backend", "local", "--workers", "2",
                "--sign-key", key.toString());
        TestEnv.Cli s = TestEnv.nbparity("campaign", "run", slurm.toString(), "--executor", "slurm", "--partition", "nbparity",
                "--shards", "4", "--poll-seconds", "1", "--c-backend", "local", "--sign-key", key.toString());
        assertTrue(l.code() == 0 || l.code() == 1, l.out() + l.err());
        assertEquals(l.code(), s.code(), s.out() + s.err());
        assertTrue(s.err().contains("slurm: submitted job "), s.err());
        assertTrue(s.err().lines().anyMatch(x -> x.matches("\\[\\s*\\d+\\.\\d s\\] slurm job \\d+: .*RUNNING.*cases finished")), s.err());

        Map<String, String> a = results(local);
        Map<String, String> b = results(slurm);
        assertEquals(40, a.size());
        assertEquals(a, b);

        for (Path d : List.of(local, slurm)) {
            TestEnv.Cli v = TestEnv.nbparity("verify", d.toString(), "--trusted-keys", key + ".pub");
            assertEquals(0, v.code(), v.out());
            assertTrue(v.out().contains("ok: bundles: 40 intact (files, recomputed verdict, result digest), signatures VERIFIED\n"),
                    v.out());
            assertTrue(v.out().startsWith("ok: signature: campaign.dsse.json: valid Ed25519 signature, trusted key "), v.out());
            // without the key: signed, but by no trusted key
            assertEquals(5, TestEnv.nbparity("verify", d.toString()).code());
        }
        // a changed campaign.json no longer matches the signed statement
        Path cj = local.resolve("campaign.json");
        Files.writeString(cj, Files.readString(cj).replaceFirst("\"seed\": 2026", "\"seed\": 2027"));
        TestEnv.Cli v = TestEnv.nbparity("verify", local.toString(), "--trusted-keys", key + ".pub");
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().startsWith("FAILED: statement subject digest mismatch: campaign.json\n"), v.out());
    }

    @Test
    void aScancelledArrayTaskIsCompletedByTheNextRunWithoutRedoingFinishedCases() throws Exception {
        Path dir = tmp.resolve("k");
        assertEquals(0, TestEnv.nbparity("campaign", "generate", "--seed", "404", "--count", "12", "--out", dir.toString()).code());
        String[] run = {"campaign", "run", dir.toString(), "--executor", "slurm", "--partition", "nbparity", "--shards", "2",
                "--poll-seconds", "1", "--c-backend", "local", "--no-shrink"};
        CompletableFuture<TestEnv.Cli> first = CompletableFuture.supplyAsync(() -> TestEnv.nbparity(run));
        CampaignDir d = CampaignDir.open(dir);
        Set<String> shard0 = new HashSet<>();
        d.shard(0, 2).forEach(e -> shard0.add(e.id()));
        String job = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) { // task 0 running with one of its 6 cases done
            Path jf = dir.resolve("slurm/job.json");
            if (job == null && Files.isRegularFile(jf)) {
                job = Canonical.read(jf).path("job_id").asText();
            }
            if (job != null && finished(d).stream().anyMatch(shard0::contains)) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(job != null, "no job submitted");
        Processes.Result sc = Processes.run(List.of("scancel", job + "_0"), dir, Map.of(), Duration.ofSeconds(30));
        assertEquals(0, sc.exitCode(), sc.stderr());
        TestEnv.Cli r1 = first.get();
        assertEquals(3, r1.code(), r1.out() + r1.err());
        assertTrue(r1.out().contains("(incomplete: run again to resume)"), r1.out());
        List<String> before = bundleNames(d);
        Set<String> doneBefore = finished(d);
        assertTrue(doneBefore.size() < 12 && doneBefore.stream().anyMatch(shard0::contains), doneBefore.toString());

        TestEnv.Cli r2 = TestEnv.nbparity(run);
        assertTrue(r2.code() == 0 || r2.code() == 1, r2.out() + r2.err());
        // only the cancelled shard was submitted again
        assertEquals("0", Canonical.read(dir.resolve("slurm/job.json")).path("array").asText(), r2.err());
        assertEquals(12, finished(d).size());
        List<String> after = bundleNames(d);
        assertTrue(after.containsAll(before), "a bundle of the first run went away");
        assertEquals(12, after.size(), "a finished case was run again: " + after);
        JsonNode c = Canonical.read(dir.resolve("campaign.json"));
        assertTrue(c.path("complete").asBoolean());
    }

    @Test
    void aKilledSubmitterIsFollowedByOneThatWaitsForTheSameJob() throws Exception {
        Path dir = tmp.resolve("s");
        assertEquals(0, TestEnv.nbparity("campaign", "generate", "--seed", "505", "--count", "10", "--out", dir.toString()).code());
        List<String> args = List.of("campaign", "run", dir.toString(), "--executor", "slurm", "--partition", "nbparity",
                "--shards", "2", "--poll-seconds", "1", "--c-backend", "local", "--no-shrink");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dnb.repo=" + TestEnv.repo(), "org.nbparity.harness.cli.NbParity"));
        cmd.addAll(args);
        Process submitter = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("submitter.log").toFile())
                .start();
        Path jf = dir.resolve("slurm/job.json");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!Files.isRegularFile(jf) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.isRegularFile(jf), Files.readString(tmp.resolve("submitter.log")));
        submitter.destroy(); // SIGTERM: the job goes on without it
        submitter.waitFor();
        String job = Canonical.read(jf).path("job_id").asText();
        TestEnv.Cli r = TestEnv.nbparity(args.toArray(String[]::new));
        assertTrue(r.code() == 0 || r.code() == 1, r.out() + r.err());
        assertTrue(r.err().contains("slurm: job " + job + " of this campaign is still queued or running: waiting for it"), r.err());
        assertTrue(!r.err().contains("slurm: submitted job"), r.err());
        assertEquals(10, bundleNames(CampaignDir.open(dir)).size());
        assertTrue(Canonical.read(dir.resolve("campaign.json")).path("complete").asBoolean());
    }

    private static Set<String> finished(CampaignDir d) throws Exception {
        Set<String> ids = new HashSet<>();
        for (String k : d.finishedBundles().keySet()) {
            ids.add(k.substring(0, k.lastIndexOf('_')));
        }
        return ids;
    }

    private static List<String> bundleNames(CampaignDir d) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d.bundles())) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.equals("index.html")).sorted()
                    .forEach(out::add);
        }
        return out;
    }

    /** id → verdict and result digest, from campaign.json. */
    private static Map<String, String> results(Path dir) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode cs : Canonical.read(dir.resolve("campaign.json")).path("cases")) {
            m.put(cs.path("id").asText(), cs.path("verdict").asText() + " " + cs.path("result_sha256").asText());
        }
        return m;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
