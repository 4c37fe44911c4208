package org.nbparity.harness.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.backend.RunDirs;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.testkit.TestEnv;
import org.nbparity.harness.thresholds.Thresholds;

/**
 * Issue "C reference" acceptance: the Java simulator and the C reference agree record by record
 * on the full protocol trace ({@code -trace_level loops}) for every golden case, one pixel per
 * case (the golden's first traced pixel, on a Bragg peak), in both modes. Compared with the same
 * tolerance classes as every parity run, with strict presence: a record printed by one side only
 * is a divergence.
 */
class JavaVsCReferenceTraceTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void build() throws Exception {
        TestEnv.requireShared("golden/README.md");
        Processes.Result r = Processes.run(List.of("make", "-s", "nanobragg-ref"), TestEnv.repo().resolve("c-reference"),
                Map.of(), Duration.ofMinutes(5));
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    }

    static Stream<Arguments> goldenCases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (LoadedCase c : new CaseRepository(TestEnv.repo()).all()) {
            String id = c.id();
            if (id.matches("v0\\d_.*")) {
                out.add(Arguments.of(id, c));
            }
        }
        assertEquals(18, out.size(), "9 golden cases in compat and fixed");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void loopsTracesAgreeRecordByRecord(String id, LoadedCase c) throws Exception {
        ParityCase pc = c.data();
        List<Integer> pixel = pc.trace().pixels().get(0);
        List<String> argv = new ArrayList<>(List.of("-mode", pc.mode(), "-trace_level", "loops"));
        argv.addAll(pc.tracedArgv(pixel.get(0), pixel.get(1)));
        Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        for (ParityCase.Input in : pc.inputs()) {
            inputs.put(in.name(), TestEnv.repo().resolve(in.source()).normalize());
        }
        Trace cTrace = run(id + "_c", List.of(TestEnv.repo().resolve("c-reference/nanobragg-ref").toString()), argv, inputs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Trace jTrace = run(id + "_java", List.of(java, "-jar", TestEnv.requireSimulatorJar().toString()), argv, inputs);
        TraceDiffResult d = TraceDiff.compare(cTrace, jTrace, Thresholds.loadFromRepo(TestEnv.repo()));
        System.out.printf("%s pixel %s: %d records compared, %d equal, %d within, %d diverged%n",
                id, pixel, d.compared(), d.equal(), d.within(), d.diverged());
        assertTrue(d.compared() > 50, "too few records compared: " + d.compared());
        assertEquals(0, d.diverged(), id + ": first divergence " + d.firstDivergence());
    }

    private static Trace run(String name, List<String> prog, List<String> argv, Map<String, Path> inputs) throws Exception {
        Path dir = tmp.resolve(name);
        RunDirs.prepare(dir, inputs);
        List<String> cmd = new ArrayList<>(prog);
        cmd.addAll(argv);
        Processes.Result r = Processes.run(cmd, dir, Map.of(), Duration.ofMinutes(5));
        assertEquals(0, r.exitCode(), name + ": " + r.stderr());
        Path t = dir.resolve("trace.txt");
        Files.writeString(t, r.stdout());
        return TraceParser.parseProtocol(TraceParser.readLines(t));
    }
}
