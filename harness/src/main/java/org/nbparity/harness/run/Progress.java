package org.nbparity.harness.run;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Per-phase progress of one case on stderr, each phase with the time elapsed since the case
 * started: {@code [  10.6 s] v01_mosflm_cubic_noise: Java run}. On a terminal a suite rewrites
 * one line; otherwise every phase is its own line (logs, CI, a single long case). Safe to call
 * from the concurrent run lanes.
 */
public final class Progress implements Consumer<String> {
    private final PrintWriter err;
    private final String label;
    private final boolean live;
    private final long t0 = System.nanoTime();

    /**
     * @param err   where to print
     * @param label the case, e.g. {@code [2/9] v02_xds}
     * @param live  rewrite one terminal line instead of printing lines
     */
    public Progress(PrintWriter err, String label, boolean live) {
        this.err = err;
        this.label = label;
        this.live = live;
    }

    /** Seconds since the case started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public synchronized void accept(String phase) {
        String line = String.format(java.util.Locale.ROOT, "[%6.1f s] %s: %s", elapsedSeconds(), label, phase);
        if (live) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the progress display (clears a live line). */
    public synchronized void finish() {
        if (live) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
