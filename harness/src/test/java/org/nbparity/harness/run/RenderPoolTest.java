package org.nbparity.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CRun;

/** The scheduling of a case's renders (no programs run: each render is a small Java function). */
class RenderPoolTest {
    private static CRun result(String name) {
        return new CRun(0, name, "", Path.of(name), Duration.ZERO, Map.of());
    }

    /** The four renders of a traced case: name -> threads, in the order CaseRunner submits them. */
    private static final Map<String, Integer> CASE = new LinkedHashMap<>();

    static {
        CASE.put("C run", 1);
        CASE.put("Java run", 2);
        CASE.put("C trace", 1);
        CASE.put("Java trace", 2);
    }

    /** Runs the four renders in a pool of {@code budget}; returns each get()'s stdout; records the peak threads. */
    private static Map<String, String> runCase(int budget, AtomicInteger peak, List<String> started) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        Map<String, String> out = new LinkedHashMap<>();
        try (RenderPool pool = new RenderPool(budget, started::add)) {
            for (Map.Entry<String, Integer> e : CASE.entrySet()) {
                pool.submit(e.getKey(), e.getKey(), e.getValue(), false, () -> {
                    peak.accumulateAndGet(inFlight.addAndGet(e.getValue()), Math::max);
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException ie) {
                        throw new BackendException("interrupted");
                    }
                    inFlight.addAndGet(-e.getValue());
                    return result(e.getKey() + " output");
                });
            }
            for (String k : List.of("C run", "Java run", "C trace", "Java trace")) {
                out.put(k, pool.get(k).stdout());
            }
        }
        return out;
    }

    @Test
    void everyRenderGivesTheResultOfTheSerialOrderWithinTheBudget() throws Exception {
        AtomicInteger serialPeak = new AtomicInteger();
        List<String> serialStarts = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> serial = runCase(1, serialPeak, serialStarts);
        AtomicInteger peak = new AtomicInteger();
        List<String> starts = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> concurrent = runCase(3, peak, starts);

        assertEquals(serial, concurrent);
        assertEquals("C run output", concurrent.get("C run"));
        assertEquals("Java trace output", concurrent.get("Java trace"));
        // budget 1: one render at a time, in submission order (a 2-thread render runs alone)
        assertEquals(2, serialPeak.get());
        assertEquals(List.copyOf(CASE.keySet()), serialStarts);
        // budget 3: never more threads than the budget, and renders did overlap
        assertTrue(peak.get() <= 3, "peak " + peak.get());
        assertTrue(peak.get() >= 2, "peak " + peak.get());
        assertEquals(4, starts.size());
    }

    @Test
    void twoSerialCRendersRunSideBySideAndAJavaRenderWaitsForRoom() throws Exception {
        // each C render waits for the other one at a barrier: a serial schedule would never meet
        CyclicBarrier both = new CyclicBarrier(2);
        AtomicBoolean javaStartedBeforeACFinished = new AtomicBoolean();
        AtomicInteger cDone = new AtomicInteger();
        try (RenderPool pool = new RenderPool(3, p -> { })) {
            for (String c : List.of("C run", "C trace")) {
                pool.submit(c, c, 1, false, () -> {
                    try {
                        both.await(10, TimeUnit.SECONDS);
                        Thread.sleep(50);
                    } catch (Exception e) {
                        throw new BackendException("the two C renders did not run together: " + e);
                    }
                    cDone.incrementAndGet();
                    return result(c);
                });
            }
            pool.submit("Java run", "Java run", 2, false, () -> {
                javaStartedBeforeACFinished.set(cDone.get() == 0);
                return result("Java run");
            });
            assertEquals("C run", pool.get("C run").stdout());
            assertEquals("C trace", pool.get("C trace").stdout());
            assertEquals("Java run", pool.get("Java run").stdout());
        }
        assertFalse(javaStartedBeforeACFinished.get(), "1 + 1 + 2 threads exceed a budget of 3");
    }

    @Test
    void aFailureCancelsTheOthersAndEveryGetThrowsIt() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowInterrupted = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        BackendException boom = new BackendException("C run failed with exit 139 (SIGSEGV): nanoBragg");
        long t0 = System.nanoTime();
        try (RenderPool pool = new RenderPool(3, p -> { })) {
            pool.submit("Java run", "Java run", 2, false, () -> {
                slowStarted.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    slowInterrupted.countDown();
                    throw new BackendException("Java run failed with exit 143 (SIGTERM)");
                }
                return result("Java run");
            });
            pool.submit("C run", "C run", 1, false, () -> {
                try {
                    slowStarted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new BackendException("interrupted");
                }
                throw boom;
            });
            pool.submit("Java trace", "Java trace", 2, false, () -> {
                queuedRan.set(true);
                return result("Java trace");
            });
            assertSame(boom, assertThrows(BackendException.class, () -> pool.get("Java run")));
            assertSame(boom, assertThrows(BackendException.class, () -> pool.get("C run")));
            assertSame(boom, assertThrows(BackendException.class, () -> pool.get("Java trace")));
            assertTrue(slowInterrupted.await(10, TimeUnit.SECONDS), "the running render is interrupted");
            // a render submitted after the failure never starts either
            pool.submit("C trace", "C trace", 1, false, () -> {
                queuedRan.set(true);
                return result("C trace");
            });
            assertSame(boom, assertThrows(BackendException.class, () -> pool.get("C trace")));
        }
        assertFalse(queuedRan.get(), "queued renders never start after a failure");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "nobody waited for the 60 s render");
    }

    @Test
    void aSpeculativeRenderFailsAloneAndCanBeDiscarded() throws Exception {
        AtomicBoolean discardedRan = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        try (RenderPool pool = new RenderPool(2, p -> { })) {
            pool.submit("C run", "C run", 2, false, () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new BackendException("interrupted");
                }
                return result("C run");
            });
            pool.submit("C trace", "C trace", 1, true, () -> {
                throw new BackendException("C trace failed");
            });
            pool.submit("Java trace", "Java trace", 1, true, () -> {
                discardedRan.set(true);
                return result("Java trace");
            });
            pool.discard("Java trace"); // still queued behind the 2-thread render
            release.countDown();
            assertEquals("C run", pool.get("C run").stdout());
            assertEquals("C trace failed", assertThrows(BackendException.class, () -> pool.get("C trace")).getMessage());
            assertThrows(IllegalStateException.class, () -> pool.get("Java trace"));
            assertThrows(IllegalStateException.class, () -> pool.get("never submitted"));
        }
        assertFalse(discardedRan.get());
    }
}
