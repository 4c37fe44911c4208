package org.nbparity.sim.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Wall-clock time of each phase of a run (parse, setup, render, output) on stderr, for finding
 * where a whole-run benchmark spends its time; on only with {@code -Dnb.timing=true}
 * ({@code NB_JAVA_OPTS} in {@code bin/nanobragg}). JVM start-up is not included: time
 * {@code bin/nanobragg -help} for it.
 */
final class PhaseClock {
    private final PrintStream err;
    private long last;

    private PhaseClock(PrintStream err) {
        this.err = err;
        this.last = System.nanoTime();
    }

    /** A clock that prints when the system property {@code nb.timing} is {@code true}, else a silent one. */
    static PhaseClock fromProperty(PrintStream err) {
        return new PhaseClock(Boolean.getBoolean("nb.timing") ? err : null);
    }

    /** Prints the time since the previous mark under {@code phase}. */
    void mark(String phase) {
        long now = System.nanoTime();
        if (err != null) {
            err.printf(Locale.ROOT, "nanobragg: timing %s %.3f s%n", phase, (now - last) / 1e9);
        }
        last = now;
    }

    /**
     * Prints when {@code event} happened ({@link System#nanoTime()} value, 0 for never) relative to
     * the previous mark: negative if before it.
     */
    void event(String event, long nanos) {
        if (err != null) {
            if (nanos == 0) {
                err.printf(Locale.ROOT, "nanobragg: timing %s never%n", event);
            } else {
                err.printf(Locale.ROOT, "nanobragg: timing %s %+.3f s%n", event, (nanos - last) / 1e9);
            }
        }
    }
}
