package org.nbparity.sim.io;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The output files of a run, written by one background thread while the caller prepares the next
 * file, with the same observable result as writing them one after the other on the caller's
 * thread: the files are written and renamed into place in the order they were handed over, a
 * failure stops every later file before its temporary file is created, and stdout receives the
 * same bytes in the same order (text printed after a file was handed over is held back until
 * that file is in place, so a failed write ends stdout exactly where the sequential code did).
 *
 * <p>Why: the float file alone is 25 MB for a 2463x2527 detector; writing it while the int and
 * PGM images are converted takes the write off the serial path of the run.
 *
 * <p>Not thread-safe: one caller thread hands over files and text, then calls {@link #finish()}.
 */
public final class OrderedWrites implements AutoCloseable {
    private final PrintStream out;
    private final AtomicFiles files;
    private final ExecutorService writer;
    private final StringBuilder held = new StringBuilder();
    private final List<Step> steps = new ArrayList<>();
    /** Set by the writer thread when a file failed; later files are then skipped. */
    private volatile boolean failed;

    /** Text that preceded a file, and that file's write. */
    private record Step(String textBefore, Future<?> write) {
    }

    /**
     * @param out        upstream's stdout
     * @param files      how each file is written
     * @param background true: one writer thread; false: every write runs at once on the caller's
     *                   thread (nothing is held back)
     */
    public OrderedWrites(PrintStream out, AtomicFiles files, boolean background) {
        this.out = out;
        this.files = files;
        this.writer = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nanobragg-writer");
            t.setDaemon(true); // never keeps the JVM alive after a failure on the caller's thread
            return t;
        }) : null;
    }

    /** Prints stdout text after every file handed over so far. */
    public void print(String text) {
        if (writer == null) {
            out.print(text);
        } else {
            held.append(text);
        }
    }

    /**
     * Writes {@code target} after the files handed over before it. The content must not change
     * the arrays it reads later on; the caller must not change them either.
     *
     * @throws UncheckedIOException (only when not in the background) as {@link AtomicFiles#write}
     */
    public void write(Path target, AtomicFiles.Content content) {
        submit(() -> files.write(target, content));
    }

    /** As {@link #write(Path, AtomicFiles.Content)} for content written by path. */
    public void writeFile(Path target, AtomicFiles.FileContent content) {
        submit(() -> files.writeFile(target, content));
    }

    private void submit(Runnable write) {
        if (writer == null) {
            write.run();
            return;
        }
        String before = held.toString();
        held.setLength(0);
        steps.add(new Step(before, writer.submit(() -> {
            if (failed) {
                return;
            }
            try {
                write.run();
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        })));
    }

    /**
     * Waits for every file, printing the held-back text in order.
     *
     * @throws UncheckedIOException the first failed file's error, after the text up to it
     */
    public void finish() {
        if (writer == null) {
            return;
        }
        try {
            for (Step step : steps) {
                out.print(step.textBefore());
                awaitOrThrow(step.write());
            }
            out.print(held);
            held.setLength(0);
        } finally {
            close();
        }
    }

    private static void awaitOrThrow(Future<?> write) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    write.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the file must still be complete or absent: keep waiting
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the writer thread after the files already handed over (each ends complete or absent).
     * Called by {@link #finish()}; on an exception before it, the caller's try-with-resources
     * calls it.
     */
    @Override
    public void close() {
        if (writer == null || writer.isTerminated()) {
            return;
        }
        writer.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (writer.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
