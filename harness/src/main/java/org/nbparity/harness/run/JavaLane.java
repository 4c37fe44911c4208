package org.nbparity.harness.run;

import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CRun;
import org.nbparity.harness.backend.JavaSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Java renders of a case, started ahead on their own thread (in submission order, one at a
 * time) so that they run while the C side renders: a serial C build leaves a core idle for the
 * whole of its run. {@link #get} returns the result of a submitted argv (or runs it now when it
 * was not submitted, or when the lane is serial). Each run still gets its own fresh directory.
 *
 * <p>The thread budget: the lane runs concurrently only when the Java threads plus the C side's
 * OpenMP threads exceed the machine's cores by at most one (on 2 cores: {@code --threads 2} with a
 * serial C); otherwise it is serial and every render runs alone, as before.
 */
final class JavaLane implements AutoCloseable {
    private final JavaSimulator java;
    private final Map<String, Path> inputs;
    private final Path work;
    private final String mode;
    private final int threads;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final ExecutorService pool;
    private final Map<List<String>, Future<CRun>> submitted = new HashMap<>();
    private int n;

    JavaLane(JavaSimulator java, Map<String, Path> inputs, Path work, String mode, int threads, Duration timeout,
             boolean concurrent, Consumer<String> progress) {
        this.java = java;
        this.inputs = inputs;
        this.work = work;
        this.mode = mode;
        this.threads = threads;
        this.timeout = timeout;
        this.progress = progress;
        this.pool = concurrent ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nbparity-java-lane");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Whether the C and Java renders may overlap for these thread counts on this machine. */
    static boolean concurrentFits(int javaThreads, int ompThreads) {
        return javaThreads + ompThreads <= Runtime.getRuntime().availableProcessors() + 1;
    }

    /** Starts {@code argv} in the background (no-op on a serial lane or when already submitted). */
    synchronized void submit(List<String> argv, String phase) {
        if (pool == null || submitted.containsKey(argv)) {
            return;
        }
        Path dir = nextDir();
        submitted.put(List.copyOf(argv), pool.submit(() -> {
            progress.accept(phase + " (concurrent with C)");
            return java.run(argv, inputs, dir, mode, threads, timeout);
        }));
    }

    /** The run of {@code argv}: the submitted one (waiting for it), else a run now. */
    CRun get(List<String> argv, String phase) throws BackendException {
        Future<CRun> f;
        synchronized (this) {
            f = submitted.remove(argv);
        }
        if (f == null) {
            progress.accept(phase);
            return java.run(argv, inputs, nextDir(), mode, threads, timeout);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackendException b) {
                throw b;
            }
            throw new BackendException("Java run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for the Java run", e);
        }
    }

    private synchronized Path nextDir() {
        return work.resolve("jl" + n++);
    }

    /** Stops what is still queued or running (a failed case must not leave renders behind). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
