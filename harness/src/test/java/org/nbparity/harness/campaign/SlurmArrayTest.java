package org.nbparity.harness.campaign;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The array notation sbatch gets for the shards still to run. */
class SlurmArrayTest {
    @Test
    void consecutiveShardsBecomeRanges() {
        assertEquals("0", SlurmExecutor.ranges(Set.of(0)));
        assertEquals("0-3,7,9-10", SlurmExecutor.ranges(Set.of(10, 0, 1, 2, 3, 7, 9)));
        assertEquals("1,3,5", SlurmExecutor.ranges(Set.of(5, 3, 1)));
        assertEquals("", SlurmExecutor.ranges(Set.of()));
    }
}
