package org.nbparity.sim.io;

import org.nbparity.sim.clib.UsageException;

/**
 * A guard for tables whose size an input file dictates (the HKL index ranges, a dump header):
 * a file that asks for more memory than the Java heap can give is refused with the one-line
 * input error instead of ending the run in an OutOfMemoryError (found by fuzzing the readers).
 * Upstream mallocs whatever the file says and crashes or runs on unchecked when it fails.
 */
public final class MemoryBudget {
    /** The share of the maximum heap one input table may take (the rest is setup and render). */
    private static final double SHARE = 0.25;

    private MemoryBudget() {
    }

    /**
     * Throws the input error naming {@code what} when {@code bytes} exceed a quarter of the
     * maximum heap.
     *
     * @param bytes bytes the table needs (all copies alive at once)
     * @param what  the flag and file, e.g. "-hkl: index ranges of x.hkl"
     */
    public static void require(long bytes, String what) {
        long budget = (long) (Runtime.getRuntime().maxMemory() * SHARE);
        if (bytes < 0 || bytes > budget) {
            throw new UsageException(what + " need " + (bytes < 0 ? "more than 2^63" : (bytes >> 20) + " MiB")
                    + " of memory, more than a quarter of the Java heap (" + (budget * 4 >> 20)
                    + " MiB, raise it with -Xmx)");
        }
    }
}
