package org.nbparity.harness.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.testkit.TestEnv;

/**
 * Issue "C reference" acceptance, run by {@code .ci/run}: the project's own C nanoBragg passes the
 * same gates as the Java simulator on every golden case, compat and fixed ({@code make check}:
 * float image gates from fixtures/thresholds.json, SMV/PGM byte identity, stdout facts, golden
 * trace values, {@code -compat_threads 2} against the OpenMP facts), and the same again built with
 * {@code -fsanitize=address,undefined} with no sanitizer report ({@code make asan-check}).
 */
class CReferenceCheckTest {
    private static Processes.Result make(String target) throws Exception {
        TestEnv.requireShared("golden/README.md");
        Path cref = TestEnv.repo().resolve("c-reference");
        Processes.Result r = Processes.run(List.of("make", "-s", target), cref, Map.of(), Duration.ofMinutes(15));
        System.out.println("c-reference make " + target + " (" + r.wall().toMillis() + " ms):\n" + r.stdout());
        return r;
    }

    @Test
    void goldenCasesPassTheGates() throws Exception {
        Processes.Result r = make("check");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("v09"), "every golden case must have been checked:\n" + r.stdout());
    }

    @Test
    void sanitizerBuildReportsNothing() throws Exception {
        Processes.Result r = make("asan-check");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(!r.stderr().contains("runtime error") && !r.stderr().contains("AddressSanitizer"),
                r.stderr());
    }
}
