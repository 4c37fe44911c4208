package org.nbparity.harness.shrink;

import java.util.ArrayList;
import java.util.List;

/**
 * Delta debugging over numbered elements (Zeller and Hildebrandt's ddmin, "Simplifying and
 * isolating failure-inducing input", 2002), and a one-at-a-time necessity check. An element is
 * something the failing input has and could be without (here: a flag or flag group that can be
 * neutralized); a configuration is the list of elements kept. The tester is asked for several
 * configurations at once so that it may run them in parallel; the search itself stays
 * sequential: the first failing configuration in the order ddmin would try them wins, so the
 * result does not depend on the parallelism.
 */
public final class DeltaDebug {
    private DeltaDebug() {
    }

    /** Runs configurations (lists of kept elements); may evaluate them concurrently. */
    @FunctionalInterface
    public interface Tester {
        /** One verdict per configuration, in order. */
        List<Verdict> test(List<List<Integer>> configurations);
    }

    /**
     * ddmin: a 1-minimal sub-list of {@code failing} that still fails (every configuration it
     * tests is a subset of {@code failing}, which is assumed to FAIL). PASS and ERROR both count as
     * "does not fail".
     *
     * @param failing the elements of a failing configuration, in a fixed order
     * @param tester  runs configurations
     * @param width   how many configurations to hand the tester at once (2 = two probes in parallel)
     */
    public static List<Integer> minimize(List<Integer> failing, Tester tester, int width) {
        List<Integer> c = List.copyOf(failing);
        int n = 2;
        while (c.size() >= 2) {
            List<List<Integer>> subsets = split(c, n);
            List<List<Integer>> candidates = new ArrayList<>(subsets);
            if (n > 2) {
                for (List<Integer> s : subsets) {
                    candidates.add(minus(c, s));
                }
            }
            int hit = firstFail(candidates, tester, width);
            if (hit >= 0) {
                boolean reduced = hit < subsets.size();
                c = candidates.get(hit);
                n = reduced ? 2 : Math.max(n - 1, 2);
                continue;
            }
            if (n >= c.size()) {
                break;
            }
            n = Math.min(c.size(), 2 * n);
        }
        return c;
    }

    /**
     * Checks each kept element alone: drops it when the configuration without it still fails
     * (so the result is 1-minimal even if {@code kept} was not), and returns the elements whose
     * removal alone makes it pass or error.
     */
    public static List<Integer> necessary(List<Integer> kept, Tester tester, int width) {
        List<Integer> c = new ArrayList<>(kept);
        int i = 0;
        while (i < c.size()) {
            int end = Math.min(c.size(), i + Math.max(1, width));
            List<List<Integer>> batch = new ArrayList<>();
            for (int k = i; k < end; k++) {
                batch.add(minus(c, List.of(c.get(k))));
            }
            List<Verdict> v = tester.test(batch);
            int failed = -1;
            for (int k = 0; k < v.size(); k++) {
                if (v.get(k) == Verdict.FAIL) {
                    failed = k;
                    break;
                }
            }
            if (failed < 0) {
                i = end;
            } else {
                // not needed: drop it, then check the others again without it (1-minimality of the result)
                c.remove(i + failed);
                i = 0;
            }
        }
        return List.copyOf(c);
    }

    private static int firstFail(List<List<Integer>> candidates, Tester tester, int width) {
        int w = Math.max(1, width);
        for (int i = 0; i < candidates.size(); i += w) {
            List<List<Integer>> batch = candidates.subList(i, Math.min(candidates.size(), i + w));
            List<Verdict> v = tester.test(batch);
            for (int k = 0; k < v.size(); k++) {
                if (v.get(k) == Verdict.FAIL) {
                    return i + k;
                }
            }
        }
        return -1;
    }

    /** {@code c} in {@code n} contiguous chunks of near-equal size. */
    static List<List<Integer>> split(List<Integer> c, int n) {
        List<List<Integer>> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < n; k++) {
            int end = start + (c.size() - start) / (n - k);
            if (end > start) {
                out.add(List.copyOf(c.subList(start, end)));
            }
            start = end;
        }
        return out;
    }

    private static List<Integer> minus(List<Integer> c, List<Integer> s) {
        List<Integer> out = new ArrayList<>(c);
        out.removeAll(s);
        return List.copyOf(out);
    }
}
