package org.nbparity.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.LoopLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** Locates ../shared goldens and the repository; with CI=true a missing golden fails, never skips. */
public final class AnalysisTestData {
    private AnalysisTestData() {
    }

    /** The shared directory (system property nb.shared, else ../shared). */
    public static Path shared() {
        Path p = Path.of(System.getProperty("nb.shared", "../shared"));
        if (!Files.isDirectory(p.resolve("golden"))) {
            if ("true".equals(System.getenv("CI"))) {
                fail("goldens missing under " + p.toAbsolutePath() + " (CI=true: a missing golden is a failure)");
            }
            Assumptions.abort("goldens not available at " + p.toAbsolutePath());
        }
        return p;
    }

    /** The repository root (system property nb.repo, else ..). */
    public static Path repo() {
        return Path.of(System.getProperty("nb.repo", ".."));
    }

    /** The project's gates. */
    public static Thresholds thresholds() {
        return Thresholds.loadFromRepo(repo());
    }

    /** Golden case directories v01..v09. */
    public static List<Path> goldenCases() {
        try (Stream<Path> s = Files.list(shared().resolve("golden"))) {
            List<Path> l = s.filter(d -> d.getFileName().toString().matches("v\\d\\d_.*")).sorted().toList();
            if (l.isEmpty()) {
                fail("no golden cases in " + shared());
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** case.json of a golden case. */
    public static JsonNode caseJson(Path caseDir) {
        try {
            return new ObjectMapper().readTree(caseDir.resolve("case.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loop layout of a golden case from its case.json: oversample, sources, mosaic domains and phi
     * steps as upstream reported them; layers from -thicksteps (1 if absent; none of the goldens
     * gives -detector_thick without -thicksteps).
     */
    public static LoopLayout layout(Path caseDir) {
        JsonNode c = caseJson(caseDir);
        JsonNode f = c.path("upstream_facts_from_stdout");
        int thick = 1;
        JsonNode argv = c.path("argv");
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).asText().equals("-thicksteps")) {
                thick = Integer.parseInt(argv.get(i + 1).asText());
            }
        }
        return new LoopLayout(thick, f.path("oversample").asInt(), f.path("sources").asInt(),
                f.path("phisteps").asInt(), f.path("mosaic_domains").asInt());
    }

    /** Trace files of a golden case. */
    public static List<Path> traces(Path caseDir) {
        try (Stream<Path> s = Files.list(caseDir)) {
            return s.filter(p -> p.getFileName().toString().matches("trace_s\\d+_f\\d+\\.txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
