package org.nbparity.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ddmin core and the necessity check against synthetic predicates (no programs run). */
class DeltaDebugTest {
    private static final List<Integer> TWENTY = IntStream.range(0, 20).boxed().toList();

    /** A tester that fails when the predicate holds, counting distinct configurations tried. */
    private static final class Synthetic implements DeltaDebug.Tester {
        final Predicate<Set<Integer>> fails;
        final Set<Set<Integer>> tried = new HashSet<>();
        final List<Integer> batchSizes = new ArrayList<>();

        Synthetic(Predicate<Set<Integer>> fails) {
            this.fails = fails;
        }

        @Override
        public List<Verdict> test(List<List<Integer>> configurations) {
            batchSizes.add(configurations.size());
            return configurations.stream().map(c -> {
                tried.add(Set.copyOf(c));
                return fails.test(Set.copyOf(c)) ? Verdict.FAIL : Verdict.PASS;
            }).toList();
        }
    }

    @Test
    void findsTheTwoElementsAFailureNeeds() {
        Synthetic t = new Synthetic(c -> c.contains(3) && c.contains(17));
        List<Integer> min = DeltaDebug.minimize(TWENTY, t, 2);
        assertEquals(List.of(3, 17), min);
        assertEquals(List.of(3, 17), DeltaDebug.necessary(min, t, 2));
        // ddmin needs far fewer tests than the 2^20 subsets, or 20 one-at-a-time removals per round
        assertTrue(t.tried.size() <= 40, "configurations tried: " + t.tried.size());
        assertTrue(t.batchSizes.stream().allMatch(b -> b <= 2), "never more than 2 at a time: " + t.batchSizes);
    }

    @Test
    void aSingleCulpritIsFoundInLogarithmicallyManyTests() {
        Synthetic t = new Synthetic(c -> c.contains(11));
        assertEquals(List.of(11), DeltaDebug.minimize(TWENTY, t, 1));
        assertTrue(t.tried.size() <= 12, "configurations tried: " + t.tried.size());
    }

    @Test
    void theResultIsOneMinimalWhenSeveralCausesExist() {
        // fails with 5 alone, or with 1 and 2 together: either answer is 1-minimal
        Synthetic t = new Synthetic(c -> c.contains(5) || c.contains(1) && c.contains(2));
        List<Integer> min = DeltaDebug.minimize(TWENTY, t, 2);
        assertTrue(min.equals(List.of(5)) || min.equals(List.of(1, 2)), min.toString());
        for (int x : min) {
            List<Integer> without = new ArrayList<>(min);
            without.remove(Integer.valueOf(x));
            assertTrue(!t.fails.test(Set.copyOf(without)), "removing " + x + " alone must make it pass");
        }
    }

    @Test
    void errorsCountAsNotFailing() {
        // configurations without element 0 cannot run at all (ERROR); the failure needs 0 and 9
        DeltaDebug.Tester t = cs -> cs.stream().map(c -> !c.contains(0) ? Verdict.ERROR
                : c.contains(9) ? Verdict.FAIL : Verdict.PASS).toList();
        assertEquals(List.of(0, 9), DeltaDebug.minimize(TWENTY, t, 2));
    }

    @Test
    void necessityDropsWhatIsNotNeededAndKeepsWhatIs() {
        // handed a non-minimal list, the check removes 4 and 6 and keeps 2 and 8
        Synthetic t = new Synthetic(c -> c.contains(2) && c.contains(8));
        assertEquals(List.of(2, 8), DeltaDebug.necessary(List.of(2, 4, 6, 8), t, 2));
    }

    @Test
    void splitsIntoNearEqualChunks() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5, 6)), DeltaDebug.split(List.of(0, 1, 2, 3, 4, 5, 6), 2));
        assertEquals(3, DeltaDebug.split(List.of(0, 1, 2), 3).size());
    }
}
