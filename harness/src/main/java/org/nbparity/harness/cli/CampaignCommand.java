package org.nbparity.harness.cli;

import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.campaign.CampaignDir;
import org.nbparity.harness.campaign.CampaignReport;
import org.nbparity.harness.campaign.CaseExecution;
import org.nbparity.harness.campaign.Feature;
import org.nbparity.harness.campaign.SlurmExecutor;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.run.Progress;
import org.nbparity.harness.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code nbparity campaign generate|run|run-shard|report} (issue 16): generated parity cases run
 * on this machine or as one Slurm job array, merged into one signed report.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Parity campaigns: generate cases, run them (local or Slurm), merge into campaign.json/.html and a signed statement.",
        subcommands = {CampaignCommand.Generate.class, CampaignCommand.Run.class, CampaignCommand.RunShard.class,
                CampaignCommand.Report.class})
final class CampaignCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** {@code campaign generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a campaign folder: N valid random cases, stratified over the features, deterministic from the seed.",
            footer = "%nExit: 0 written, 2 usage, 3 the folder exists or cannot be written.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--seed", required = true, paramLabel = "S", description = "campaign seed")
        long seed;

        @Option(names = "--count", paramLabel = "N", description = "number of cases (default: --per-feature x features)")
        Integer count;

        @Option(names = "--per-feature", paramLabel = "K",
                description = "each feature is the primary feature of K cases (sets --count to K x features)")
        Integer perFeature;

        @Option(names = "--features", paramLabel = "LIST", description = "comma-separated subset of the features (default: all)")
        String features;

        @Option(names = "--mix", paramLabel = "P", defaultValue = "0.15",
                description = "probability that each other feature joins a case (default ${DEFAULT-VALUE})")
        double mix;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the campaign folder to create (must not exist)")
        Path out;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            List<Feature> fs;
            try {
                fs = features == null ? List.of(Feature.values()) : Feature.parseList(features);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--features: " + e.getMessage());
            }
            if (count == null && perFeature == null) {
                throw new CommandLine.ParameterException(cl, "give --count N or --per-feature K");
            }
            if (perFeature != null && perFeature < 1 || count != null && count < 1) {
                throw new CommandLine.ParameterException(cl, "--count and --per-feature must be positive");
            }
            int n = count != null ? count : perFeature * fs.size();
            if (perFeature != null && n < perFeature * fs.size()) {
                throw new CommandLine.ParameterException(cl, "--count " + n + " is less than --per-feature " + perFeature
                        + " x " + fs.size() + " features");
            }
            if (!(mix >= 0 && mix <= 1)) {
                throw new CommandLine.ParameterException(cl, "--mix must be between 0 and 1");
            }
            PrintWriter err = cl.getErr();
            CampaignDir d = CampaignDir.generate(out, seed, n, fs, mix, line -> {
                err.println("generate " + line);
                err.flush();
            });
            cl.getOut().println("campaign " + d.root() + ": " + n + " cases, seed " + seed + ", features "
                    + String.join(",", Feature.ids(fs)) + "; counts by feature " + d.manifest().path("counts_by_feature"));
            return 0;
        }
    }

    /** {@code campaign run DIR}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the unfinished cases of a campaign (local workers or one Slurm job array), then merge.",
            footer = "%nExit: 0 every case PASS, 1 a case FAIL, 3 a case could not run or is unfinished (run again to resume).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--executor", paramLabel = "KIND", defaultValue = "local", description = "local or slurm (default ${DEFAULT-VALUE})")
        String executor;

        @Option(names = "--workers", paramLabel = "N", description = "local: cases at once (default: half the cores, at least 1)")
        Integer workers;

        @Option(names = "--partition", paramLabel = "P", description = "slurm: partition (default: the cluster's default)")
        String partition;

        @Option(names = "--account", paramLabel = "A", description = "slurm: account to charge")
        String account;

        @Option(names = "--time-limit", paramLabel = "T", description = "slurm: --time of each array task, e.g. 30:00")
        String timeLimit;

        @Option(names = "--shards", paramLabel = "N", description = "slurm: array tasks (default: one per 10 cases)")
        Integer shards;

        @Option(names = "--max-running", paramLabel = "K", defaultValue = "0", description = "slurm: at most K tasks at once (default: no limit)")
        int maxRunning;

        @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "slurm: a further sbatch argument (repeatable), e.g. --sbatch-arg=--mem=2G")
        List<String> sbatchArgs = new ArrayList<>();

        @Option(names = "--nbparity-cmd", paramLabel = "CMD",
                description = "slurm: how a node starts nbparity (default: this JVM and class path; space-separated)")
        String nbparityCmd;

        @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "5", description = "slurm: seconds between queue looks (default ${DEFAULT-VALUE})")
        int pollSeconds;

        @Mixin
        CaseOptions c;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            c.check(cl);
            RunMixin m = c.m;
            if (!List.of("local", "slurm").contains(executor)) {
                throw new CommandLine.ParameterException(cl, "Invalid value for option '--executor': '" + executor
                        + "' (expected local or slurm)");
            }
            if (workers != null && workers < 1 || shards != null && shards < 1 || maxRunning < 0 || pollSeconds < 1) {
                throw new CommandLine.ParameterException(cl, "--workers, --shards, --max-running and --poll-seconds must be positive");
            }
            PrintWriter err = cl.getErr();
            Consumer<String> log = line -> {
                err.println(line);
                err.flush();
            };
            CampaignDir d = CampaignDir.open(dir);
            Path repo = NbParity.repoRoot();
            if ("slurm".equals(executor)) {
                if ("local".equals(m.backendName())) { // built once here, not by every task at the same time
                    log.accept("campaign: build (make -C c-reference)");
                    m.shared(repo).close();
                }
                int n = shards != null ? shards : Math.max(1, (d.entries().size() + 9) / 10);
                List<String> cmd = nbparityCmd != null ? List.of(nbparityCmd.strip().split("\\s+")) : thisJvm(repo);
                SlurmExecutor.run(d, new SlurmExecutor.Options(partition, account, timeLimit, n, maxRunning,
                        List.copyOf(sbatchArgs), cmd, shardArgs(m, c.noShrink), Duration.ofSeconds(pollSeconds)), log);
            } else {
                int w = workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
                execute(d, d.entries(), w, c, repo, log);
            }
            return merge(d, m.signKey, cl.getOut());
        }
    }

    /** {@code campaign run-shard DIR --shard i/n}: what one Slurm array task runs. */
    @Command(name = "run-shard", mixinStandardHelpOptions = true,
            description = "Run the unfinished cases of shard i of n (manifest index modulo n); bundles go to DIR/bundles.",
            footer = "%nExit: 0 every case run now PASS, 1 a FAIL, 3 a case could not run.")
    static final class RunShard implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--shard", required = true, paramLabel = "I/N", description = "this shard, 0-based, of N")
        String shard;

        @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "cases at once (default ${DEFAULT-VALUE})")
        int workers;

        @Mixin
        CaseOptions c;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            c.check(cl);
            RunMixin m = c.m;
            String[] p = shard.split("/");
            int i;
            int n;
            try {
                i = Integer.parseInt(p[0]);
                n = Integer.parseInt(p[1]);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cl, "--shard must be I/N, e.g. 3/10");
            }
            if (p.length != 2 || n < 1 || i < 0 || i >= n || workers < 1) {
                throw new CommandLine.ParameterException(cl, "--shard must be I/N with 0 <= I < N, --workers positive");
            }
            CampaignDir d = CampaignDir.open(dir);
            PrintWriter err = cl.getErr();
            CaseExecution.Outcome o = execute(d, d.shard(i, n), workers, c, NbParity.repoRoot(), line -> {
                err.println("shard " + i + "/" + n + ": " + line);
                err.flush();
            });
            cl.getOut().println("shard " + i + "/" + n + ": ran " + o.ran() + ", skipped " + o.skipped() + " finished, "
                    + o.failed() + " FAIL, " + o.errors() + " could not run");
            return o.errors() > 0 ? NbParity.ENV : o.failed() > 0 ? NbParity.FAIL : 0;
        }
    }

    /** {@code campaign report DIR}: merge again (e.g. with a key). */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Merge the campaign's bundles into campaign.json, campaign.html and campaign.dsse.json (the statement).",
            footer = "%nExit: 0 every case PASS, 1 a case FAIL, 3 a case could not run or is unfinished.")
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM) to sign the campaign statement")
        Path signKey;

        @Override
        public Integer call() throws Exception {
            return merge(CampaignDir.open(dir), signKey, spec.commandLine().getOut());
        }
    }

    /** The C/Java options of run-shard and run (as {@code nbparity run} takes them) and {@code --no-shrink}. */
    static final class CaseOptions {
        @Option(names = "--no-shrink", description = "do not shrink failing cases")
        boolean noShrink;

        @Mixin
        RunMixin m;

        /** Checks the options; those a campaign decides itself are usage errors. */
        void check(CommandLine cl) throws EnvironmentException {
            m.validate(cl);
            if (m.reports != null || m.mode != null) {
                throw new CommandLine.ParameterException(cl, "--reports and --mode are not used by campaigns "
                        + "(bundles go to DIR/bundles, each case has its mode)");
            }
            if ("recorded".equals(m.backendName())) {
                throw new CommandLine.ParameterException(cl, "--c-backend recorded: generated cases have no recorded oracle");
            }
        }
    }

    /** Runs cases through CaseRunner, one per case, as {@code nbparity run} does. */
    private static CaseExecution.Outcome execute(CampaignDir d, List<CampaignDir.Entry> entries, int workers, CaseOptions c,
                                                 Path repo, Consumer<String> log) throws Exception {
        RunMixin m = c.m;
        boolean noShrink = c.noShrink;
        m.reports = d.bundles();
        JavaSimulator java = m.java(repo);
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        try (CBackend shared = m.shared(repo)) {
            return CaseExecution.run(d, entries, workers, lc -> {
                RunOptions opt = m.options(repo, RunMixin.commandLine(repo, "run", List.of(lc.file().toString()), m));
                CaseRunner runner = new CaseRunner(opt, shared, java, new Progress(quiet, lc.id(), false));
                if (!noShrink) {
                    runner.shrinkOnFail(line -> log.accept(lc.id() + ": " + line));
                }
                return runner.run(lc, shared);
            }, log);
        }
    }

    /** Merges, prints the counts and the cases that did not pass; the exit code of run/report. */
    private static int merge(CampaignDir d, Path signKey, PrintWriter out) throws Exception {
        CampaignReport.Merged r = CampaignReport.merge(d, signKey == null ? null : signKey.toAbsolutePath());
        Map<String, Integer> c = r.counts();
        out.printf("campaign %s: %d cases: %d PASS, %d FAIL, %d ERROR, %d NOT_RUN%s%n", d.root().getFileName(),
                d.entries().size(), c.getOrDefault("PASS", 0), c.getOrDefault("FAIL", 0),
                c.getOrDefault(CampaignReport.ERROR, 0), c.getOrDefault(CampaignReport.NOT_RUN, 0),
                r.complete() ? "" : " (incomplete: run again to resume)");
        CampaignReport.failures(r.json()).forEach(out::println);
        out.println("wrote " + d.root().resolve("campaign.json") + ", campaign.html, " + CampaignReport.ENVELOPE
                + (signKey != null ? " (signed)" : ""));
        out.flush();
        if (!r.complete()) {
            return NbParity.ENV;
        }
        return c.getOrDefault("FAIL", 0) > 0 ? NbParity.FAIL : 0;
    }

    /** The options every array task passes on to run-shard (the C/Java sides as given here). */
    private static List<String> shardArgs(RunMixin m, boolean noShrink) {
        List<String> a = new ArrayList<>(List.of("--c-backend", m.backendName()));
        if (m.cBin != null) {
            a.addAll(List.of("--c-bin", m.cBin.toAbsolutePath().toString()));
        }
        if (m.cSource != null) {
            a.addAll(List.of("--c-source", m.cSource.toAbsolutePath().toString()));
        }
        if (m.cFiles != null) {
            a.addAll(List.of("--c-files", m.cFiles));
        }
        if (m.cMemoryMib > 0) {
            a.addAll(List.of("--c-memory", Long.toString(m.cMemoryMib)));
        }
        a.addAll(List.of("--threads", Integer.toString(m.threads), "--omp-threads", Integer.toString(m.ompThreads),
                "--timeout", Long.toString(m.timeoutSeconds)));
        if (m.probeThreads > 0) {
            a.addAll(List.of("--probe-threads", Integer.toString(m.probeThreads)));
        }
        if (m.probeTrace) {
            a.add("--probe-trace");
        }
        if (m.signKey != null) {
            a.addAll(List.of("--sign-key", m.signKey.toAbsolutePath().toString()));
        }
        if (m.javaCmd != null) {
            a.addAll(List.of("--java-cmd", m.javaCmd));
        }
        if (noShrink) {
            a.add("--no-shrink");
        }
        return a;
    }

    /** This JVM with its class path: the nbparity a node runs when the class path is on a shared file system. */
    private static List<String> thisJvm(Path repo) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dnb.repo=" + repo, NbParity.class.getName());
    }
}
