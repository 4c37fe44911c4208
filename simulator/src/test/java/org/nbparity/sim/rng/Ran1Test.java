package org.nbparity.sim.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class Ran1Test {
    /** Park-Miller minimal standard: seed 1 gives 16807 after one step (before the shuffle). */
    @Test
    void negativeSeedReseedsAndUpdatesTheSeed() {
        Ran1 r = new Ran1();
        Ran1.Seed s = new Ran1.Seed(-1);
        float first = r.next(s);
        assertNotEquals(-1, s.value());
        // re-seeding with the same negative seed restarts the same stream
        Ran1 r2 = new Ran1();
        assertEquals(first, r2.next(new Ran1.Seed(-1)));
    }

    @Test
    void positiveSeedContinuesTheSharedTable() {
        Ran1 r = new Ran1();
        r.next(new Ran1.Seed(-7));
        float continued = r.next(new Ran1.Seed(5));
        Ran1 fresh = new Ran1();
        float restarted = fresh.next(new Ran1.Seed(5));
        assertNotEquals(continued, restarted, "a positive seed must not re-seed a used table (quirk Q39)");
    }
}
