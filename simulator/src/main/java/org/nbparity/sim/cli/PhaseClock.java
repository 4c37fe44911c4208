package org.nbparity.sim.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Wall-clock time of each phase of a run (parse, setup, render, output) on stderr, for finding
 * where a whole-run benchmark spends its time; on only with {@code -Dnb.timing=true}
 * ({@code NB_JAVA_OPTS} in {@code bin/nanobragg}). The first line, {@code startup}, is the JVM's
 * uptime when the clock starts (class loading and start-up, on the same time base as HotSpot's
 * compilation logs), so the phases add up to the whole run.
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
        return of(Boolean.getBoolean("nb.timing"), err);
    }

    /** A clock that prints to {@code err} when {@code on}, starting with the {@code startup} line. */
    static PhaseClock of(boolean on, PrintStream err) {
        if (!on) {
            return new PhaseClock(null);
        }
        PhaseClock clock = new PhaseClock(err);
        err.printf(Locale.ROOT, "nanobragg: timing startup %.3f s%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        clock.last = System.nanoTime(); // loading the management classes is not the parse phase's
        return clock;
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
