package org.nbparity.harness.run;

import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CRun;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The renders of one case, C and Java alike, all submitted up front and run side by side within a
 * thread budget, so that the machine's cores stay busy: a serial C build uses one core, and the
 * C's traced render need not wait for its untraced one. {@link #get} waits for a submitted
 * render's result. Each render runs in its own fresh directory (the render itself makes it), so
 * the results are the ones a serial run in the same order gives; only the scheduling differs.
 *
 * <p>The budget: a render of {@code t} threads starts when the threads of the running renders plus
 * {@code t} are at most {@link #budget()} (two per core: on 2 cores, the untraced and the traced
 * serial C renders side by side with a 2-thread Java render), or when nothing runs (a render larger
 * than the budget runs alone). Waiting renders start in submission order, a later one first only
 * when it fits and an earlier one does not.
 *
 * <p>A failed render cancels every other (queued ones never start, running ones are interrupted,
 * which kills their process), and {@link #get} of any of them throws that first failure: a case
 * that cannot complete stops at once. A <em>speculative</em> render (one the case may still
 * {@link #discard} once the C's untraced stdout is known) fails alone: its failure is reported
 * only to its own {@link #get}, as a serial run that got to it would.
 */
final class RenderPool implements AutoCloseable {
    /** One render: runs a program once in a fresh directory of its own. */
    @FunctionalInterface
    interface Render {
        CRun run() throws BackendException;
    }

    private static final class Job {
        final String phase;
        final int threads;
        final boolean speculative;
        final Render render;
        final CompletableFuture<CRun> result = new CompletableFuture<>();
        Future<?> running;

        Job(String phase, int threads, boolean speculative, Render render) {
            this.phase = phase;
            this.threads = threads;
            this.speculative = speculative;
            this.render = render;
        }
    }

    private final int budget;
    private final Consumer<String> progress;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nbparity-render");
        t.setDaemon(true);
        return t;
    });
    private final Map<Object, Job> jobs = new HashMap<>();
    private final List<Job> queue = new ArrayList<>();
    private final Map<Job, Boolean> active = new IdentityHashMap<>();
    private int busy;
    private BackendException failure;
    private boolean closed;

    /**
     * @param budget   threads that may run at once ({@link #budget()} on this machine)
     * @param progress each render's phase is reported when it starts
     */
    RenderPool(int budget, Consumer<String> progress) {
        this.budget = budget;
        this.progress = progress;
    }

    /**
     * This machine's budget: two render threads per core. Renders are CPU-bound processes the
     * kernel time-slices, so sharing a core costs no CPU time; what costs wall time is an idle
     * core. On the supervisor full frame (2 cores, serial upstream C, Java -threads 2) with the
     * cores plus one, the traced C render waits for the Java render and can end alone on one
     * core; with two per core both C renders run from the start and end together. (Measured on a
     * shared machine, both budgets gave a wall ratio near 1.4: the difference is within its noise.)
     */
    static int budget() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Queues a render under {@code key} (a no-op when the key was submitted already).
     *
     * @param key         names the render for {@link #get} (e.g. its side and argv)
     * @param phase       progress line when it starts
     * @param threads     the threads it uses (Java {@code -threads}, C {@code OMP_NUM_THREADS})
     * @param speculative its failure does not cancel the others (see the class comment)
     */
    synchronized void submit(Object key, String phase, int threads, boolean speculative, Render render) {
        if (closed || jobs.containsKey(key)) {
            return;
        }
        Job j = new Job(phase, Math.max(1, threads), speculative, render);
        jobs.put(key, j);
        if (failure != null) {
            j.result.completeExceptionally(failure);
            return;
        }
        queue.add(j);
        schedule();
    }

    /** The result of the render submitted under {@code key}, waiting for it. */
    CRun get(Object key) throws BackendException {
        Job j;
        synchronized (this) {
            j = jobs.get(key);
        }
        if (j == null) {
            throw new IllegalStateException("render not submitted: " + key);
        }
        try {
            return j.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackendException b) {
                throw b;
            }
            throw new BackendException("render failed (" + j.phase + "): " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("render was discarded: " + key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for " + j.phase, e);
        }
    }

    /** Drops a render the case turned out not to need: removed from the queue, or interrupted. */
    synchronized void discard(Object key) {
        Job j = jobs.get(key);
        if (j == null || j.result.isDone()) {
            return;
        }
        queue.remove(j);
        if (j.running != null) {
            j.running.cancel(true);
        }
        j.result.cancel(false);
    }

    /** Starts what fits, in submission order. */
    private void schedule() {
        if (closed || failure != null) {
            return;
        }
        for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (busy == 0 || busy + j.threads <= budget) {
                it.remove();
                busy += j.threads;
                active.put(j, Boolean.TRUE);
                progress.accept(j.phase);
                j.running = threads.submit(() -> execute(j));
            }
        }
    }

    private void execute(Job j) {
        CRun r = null;
        BackendException err = null;
        try {
            r = j.render.run();
        } catch (BackendException e) {
            err = e;
        } catch (RuntimeException e) {
            err = new BackendException(j.phase + " failed: " + e, e);
        }
        finished(j, r, err);
    }

    private synchronized void finished(Job j, CRun r, BackendException err) {
        busy -= j.threads;
        active.remove(j);
        if (err == null) {
            j.result.complete(r);
        } else if (j.result.completeExceptionally(err) && !j.speculative && failure == null) {
            failure = err;
            cancelAll(err);
        }
        schedule();
    }

    /** Fails what is queued and interrupts what runs, with {@code cause} as their result. */
    private void cancelAll(BackendException cause) {
        for (Job q : queue) {
            q.result.completeExceptionally(cause);
        }
        queue.clear();
        for (Job a : active.keySet()) {
            a.result.completeExceptionally(cause);
            a.running.cancel(true);
        }
    }

    /** Stops what is still queued or running (a failed case must not leave renders behind). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            BackendException stop = failure != null ? failure : new BackendException("case ended before the render");
            cancelAll(stop);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
