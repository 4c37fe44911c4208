package org.nbparity.harness.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.cases.CaseException;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.run.Shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code slurm} executor: one {@code sbatch --array} job whose task {@code i} runs shard
 * {@code i/n} ({@code nbparity campaign run-shard DIR --shard i/n}: the cases whose manifest index
 * is i modulo n, skipping finished ones), writing bundles into the campaign's {@code bundles/}, which
 * must be on a file system every node sees. Only shards with an unfinished case are submitted. The
 * submitter waits, printing the tasks' states from {@code squeue} (and, at the end, {@code sacct}
 * when the cluster keeps accounting) with the count of finished cases; the job id is kept in
 * {@code slurm/job.json}, so a submitter started again while the job still runs waits for it
 * instead of submitting a second one.
 */
public final class SlurmExecutor {
    /**
     * Where and how the array runs.
     *
     * @param partition  {@code --partition}, or null for the cluster's default
     * @param account    {@code --account}, or null
     * @param timeLimit  {@code --time} of each task (Slurm's format, e.g. {@code 30:00}), or null
     * @param shards     tasks in the array
     * @param maxRunning at most this many tasks at once ({@code %K}), 0 = no limit
     * @param extra      further sbatch arguments, as given
     * @param command    the command that starts nbparity on a node (a jar on the shared file system)
     * @param shardArgs  the C/Java options every task passes to {@code run-shard}
     * @param poll       time between two looks at the queue
     */
    public record Options(String partition, String account, String timeLimit, int shards, int maxRunning,
                          List<String> extra, List<String> command, List<String> shardArgs, Duration poll) {
    }

    private static final Duration CMD_TIMEOUT = Duration.ofMinutes(2);

    private SlurmExecutor() {
    }

    /**
     * Submits (or re-attaches to) the campaign's array job and waits until it leaves the queue.
     *
     * @return the job id waited for, or null when every case was already finished
     */
    public static String run(CampaignDir dir, Options o, Consumer<String> log)
            throws IOException, CaseException, InterruptedException {
        Path slurm = Files.createDirectories(dir.root().resolve("slurm"));
        String job = activeJob(slurm);
        if (job != null) {
            log.accept("slurm: job " + job + " of this campaign is still queued or running: waiting for it");
        } else {
            Set<Integer> shards = unfinishedShards(dir, o.shards());
            if (shards.isEmpty()) {
                log.accept("slurm: every case is finished, nothing to submit");
                return null;
            }
            job = submit(dir, slurm, o, shards, log);
        }
        await(dir, job, o.poll(), log);
        return job;
    }

    /** The shards (of n) holding a case without a sealed bundle. */
    static Set<Integer> unfinishedShards(CampaignDir dir, int n) throws IOException, CaseException {
        Map<String, Path> done = dir.finishedBundles();
        Set<Integer> s = new TreeSet<>();
        for (CampaignDir.Entry e : dir.entries()) {
            LoadedCase lc = dir.load(e);
            if (!done.containsKey(lc.id() + "_" + lc.hash8())) {
                s.add(e.index() % n);
            }
        }
        return s;
    }

    private static String submit(CampaignDir dir, Path slurm, Options o, Set<Integer> shards, Consumer<String> log)
            throws IOException {
        Path script = slurm.resolve("shard.sh");
        List<String> cmd = new ArrayList<>(o.command());
        cmd.addAll(List.of("campaign", "run-shard", dir.root().toString(), "--shard"));
        String body = "#!/bin/sh\n# nbparity campaign: array task i runs shard i of " + o.shards()
                + " (written by nbparity campaign run --executor slurm)\n"
                + "exec " + Shell.join(cmd) + " \"$SLURM_ARRAY_TASK_ID/" + o.shards() + "\" "
                + Shell.join(o.shardArgs()) + "\n";
        CampaignDir.writeAtomic(script, body.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String array = ranges(shards) + (o.maxRunning() > 0 ? "%" + o.maxRunning() : "");
        List<String> sb = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name", "nbparity-campaign",
                "--array=" + array, "--output", slurm.resolve("%A_%a.out").toString(), "--chdir",
                dir.root().toString()));
        if (o.partition() != null) {
            sb.add("--partition=" + o.partition());
        }
        if (o.account() != null) {
            sb.add("--account=" + o.account());
        }
        if (o.timeLimit() != null) {
            sb.add("--time=" + o.timeLimit());
        }
        sb.addAll(o.extra());
        sb.add(script.toString());
        Processes.Result r = Processes.run(sb, dir.root(), Map.of(), CMD_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException("sbatch failed (" + Processes.describeExit(r.exitCode()) + "): "
                    + r.stderr().strip().replace('\n', ' '));
        }
        String job = r.stdout().strip().split(";")[0];
        if (!job.matches("\\d+")) {
            throw new IOException("sbatch printed no job id: " + r.stdout().strip());
        }
        ObjectNode j = Canonical.MAPPER.createObjectNode();
        j.put("job_id", job).put("array", array).put("shards", o.shards()).put("command", Shell.join(sb));
        CampaignDir.writeAtomic(slurm.resolve("job.json"), Canonical.bytes(j));
        log.accept("slurm: submitted job " + job + " (array " + array + ", " + shards.size() + " task(s)): "
                + Shell.join(sb));
        return job;
    }

    /** Slurm's array notation of sorted task ids: {@code 0-3,7,9-10}. */
    static String ranges(Set<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : new TreeSet<>(ids)) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (start != null) {
                sb.append(sb.length() > 0 ? "," : "").append(start).append(start.equals(prev) ? "" : "-" + prev);
            }
            start = i;
            prev = i;
        }
        if (start != null) {
            sb.append(sb.length() > 0 ? "," : "").append(start).append(start.equals(prev) ? "" : "-" + prev);
        }
        return sb.toString();
    }

    /** The job of slurm/job.json when it is still in the queue, else null. */
    private static String activeJob(Path slurm) throws IOException {
        Path jf = slurm.resolve("job.json");
        if (!Files.isRegularFile(jf)) {
            return null;
        }
        JsonNode j = Canonical.read(jf);
        String job = j.path("job_id").asText();
        return job.isEmpty() || taskStates(job) == null ? null : job;
    }

    /** State of each task still in the queue (task id → state), or null when the job is gone. */
    static Map<String, String> taskStates(String job) throws IOException {
        Processes.Result r = Processes.run(List.of("squeue", "-h", "-r", "-j", job, "-o", "%K %T"),
                Path.of("").toAbsolutePath(), Map.of(), CMD_TIMEOUT);
        if (r.exitCode() != 0) {
            if (r.stderr().contains("Invalid job id")) {
                return null;
            }
            throw new IOException("squeue failed (" + Processes.describeExit(r.exitCode()) + "): "
                    + r.stderr().strip().replace('\n', ' '));
        }
        Map<String, String> m = new TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length == 2) {
                m.put(p[0], p[1]);
            }
        }
        return m.isEmpty() ? null : m;
    }

    private static void await(CampaignDir dir, String job, Duration poll, Consumer<String> log)
            throws IOException, InterruptedException {
        String last = "";
        long t0 = System.nanoTime();
        int misses = 0;
        while (true) {
            Map<String, String> states;
            try {
                states = taskStates(job);
                misses = 0;
            } catch (IOException e) { // a busy controller: look again, give up after a minute of failures
                if (++misses * poll.toMillis() > 60_000) {
                    throw e;
                }
                log.accept("slurm: " + e.getMessage() + " (trying again)");
                Thread.sleep(poll.toMillis());
                continue;
            }
            int finished = finishedCount(dir);
            String counts = states == null ? "no task left in the queue"
                    : new TreeMap<>(states.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                    .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            String line = "slurm job " + job + ": " + counts + "; " + finished + "/" + dir.entries().size()
                    + " cases finished";
            if (!line.equals(last)) {
                log.accept(String.format(java.util.Locale.ROOT, "[%6.1f s] %s", (System.nanoTime() - t0) / 1e9, line));
                last = line;
            }
            if (states == null) {
                break;
            }
            Thread.sleep(poll.toMillis());
        }
        String acct = accounting(job);
        if (acct != null) {
            log.accept("slurm: sacct: " + acct);
        }
    }

    /** Final task states from sacct, or null when the cluster keeps no accounting. */
    private static String accounting(String job) {
        try {
            Processes.Result r = Processes.run(List.of("sacct", "-n", "-X", "-P", "-j", job, "-o", "JobID,State,ExitCode"),
                    Path.of("").toAbsolutePath(), Map.of(), CMD_TIMEOUT);
            String s = r.stdout().strip();
            return r.exitCode() == 0 && !s.isEmpty() ? s.replace('\n', ' ') : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int finishedCount(CampaignDir dir) throws IOException {
        Set<String> ids = dir.entries().stream().map(CampaignDir.Entry::id).collect(Collectors.toSet());
        int n = 0;
        for (String key : dir.finishedBundles().keySet()) {
            String id = key.substring(0, key.lastIndexOf('_'));
            if (ids.contains(id)) {
                n++;
            }
        }
        return n;
    }
}
