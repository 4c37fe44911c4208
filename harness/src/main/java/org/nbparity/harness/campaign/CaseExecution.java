package org.nbparity.harness.campaign;

import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.run.CaseRunner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the unfinished cases of a list through {@link CaseRunner} (one runner per case, as
 * {@code nbparity run} does), with {@code workers} cases at a time: the {@code local} executor
 * (every case of the campaign) and one Slurm array task (its shard) are both this class. A finished
 * case is skipped; a case that cannot run has its error recorded and stays unfinished, so the next
 * run tries it again. An error raised while the JVM is shutting down (a {@code scancel} or a killed
 * submitter: SIGTERM reaches the case's programs too) is not recorded.
 */
public final class CaseExecution {
    /** Runs one case and seals its bundle (built by the command from its C/Java options). */
    @FunctionalInterface
    public interface CaseRun {
        /** Runs {@code lc}, its bundle going to the campaign's bundles folder. */
        CaseRunner.Result run(LoadedCase lc) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param ran      cases run now
     * @param skipped  cases already finished
     * @param failed   FAIL verdicts among those run now
     * @param errors   cases that could not run
     */
    public record Outcome(int ran, int skipped, int failed, int errors) {
    }

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STOPPING.set(true), "campaign-stopping"));
    }

    private CaseExecution() {
    }

    /**
     * Runs {@code entries} of {@code dir} with {@code workers} at a time.
     *
     * @param log one line per case on stderr
     */
    public static Outcome run(CampaignDir dir, List<CampaignDir.Entry> entries, int workers, CaseRun run,
                              Consumer<String> log) throws IOException, InterruptedException {
        List<CampaignDir.Entry> todo = new ArrayList<>();
        int skipped = 0;
        for (CampaignDir.Entry e : entries) {
            try {
                LoadedCase lc = dir.load(e);
                if (dir.finishedBundle(lc).isPresent()) {
                    skipped++;
                    continue;
                }
            } catch (org.nbparity.harness.cases.CaseException ex) {
                // an unreadable case file is reported when it runs
            }
            todo.add(e);
        }
        log.accept(String.format(Locale.ROOT, "campaign: %d to run, %d already finished, %d worker(s)",
                todo.size(), skipped, workers));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (CampaignDir.Entry e : todo) {
                fs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    String what;
                    try {
                        LoadedCase lc = dir.load(e);
                        CaseRunner.Result r = run.run(lc);
                        dir.clearError(e.id());
                        if (!"PASS".equals(r.verdict())) {
                            failed.incrementAndGet();
                        }
                        what = r.verdict();
                    } catch (Exception ex) {
                        if (STOPPING.get() || ex instanceof InterruptedException) {
                            return null; // killed: the case stays unfinished, with no error of its own
                        }
                        errors.incrementAndGet();
                        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                        dir.recordError(e.id(), msg);
                        what = "ERROR " + msg;
                    }
                    log.accept(String.format(Locale.ROOT, "[%d/%d] %s %s (%.1f s)", done.incrementAndGet(), todo.size(),
                            e.id(), what, (System.nanoTime() - t0) / 1e9));
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw new IOException(ex.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(todo.size() - errors.get(), skipped, failed.get(), errors.get());
    }
}
