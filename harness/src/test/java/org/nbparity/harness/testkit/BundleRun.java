package org.nbparity.harness.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.cases.Canonical;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One {@code nbparity run} of one case into its own reports folder, with the bundle it wrote read
 * back; the bundle must verify as intact (UNSIGNED: no key), failing or not.
 *
 * @param code     exit code of run
 * @param dir      the bundle
 * @param metrics  its metrics.json
 * @param summary  its summary.md
 * @param commands its commands.txt
 */
public record BundleRun(int code, Path dir, JsonNode metrics, String summary, String commands) {
    /** Runs {@code nbparity run ARGS --reports REPORTS}, expects {@code expectCode} and one intact bundle. */
    public static BundleRun of(Path reports, int expectCode, List<String> args) throws Exception {
        TestEnv.requireSimulatorJar();
        String[] a = Stream.concat(Stream.concat(Stream.of("run"), args.stream()), Stream.of("--reports", reports.toString()))
                .toArray(String[]::new);
        TestEnv.Cli r = TestEnv.nbparity(a);
        assertEquals(expectCode, r.code(), r.out() + r.err());
        Path dir;
        try (Stream<Path> s = Files.list(reports)) {
            List<Path> b = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, b.size());
            dir = b.get(0);
        }
        // intact evidence, failing or not: UNSIGNED (run was given no key), never FAILED
        TestEnv.Cli v = TestEnv.nbparity("verify", dir.toString());
        assertEquals(4, v.code(), v.out() + v.err());
        return new BundleRun(r.code(), dir, Canonical.read(dir.resolve("metrics.json")),
                Files.readString(dir.resolve("summary.md")), Files.readString(dir.resolve("commands.txt")));
    }

    /** The state of input {@code name} of a first divergence. */
    public static JsonNode input(JsonNode firstDivergence, String name) {
        for (JsonNode in : firstDivergence.path("inputs")) {
            if (in.path("input").asText().equals(name)) {
                return in;
            }
        }
        throw new AssertionError("no input " + name + " in " + firstDivergence);
    }
}
