package org.nbparity.sim.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.nbparity.sim.config.ArgParser;

/**
 * Fuzzes the command-line parser (config.ArgParser, both modes): any argv ends in a Config or
 * in the one-line usage error. Seeds: ArgParserFuzzTestInputs/argv (one argument per line).
 * Fuzz it as simulator/README.md shows (JAZZER_FUZZ=1, JUnit timeouts off, -Dtest=ArgParserFuzzTest).
 */
class ArgParserFuzzTest {
    /** The run directory holds one valid SMV image, tiny.img, so that -img/-mask headers are reached. */
    private static final Path CWD = FuzzSupport.runDirectory("argv");

    static {
        try (java.io.InputStream in = ArgParserFuzzTest.class.getResourceAsStream("ReaderFuzzTestInputs/smv/tiny.img")) {
            FuzzSupport.write(CWD.resolve("tiny.img"), in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void argv(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<String> args = new ArrayList<>();
        for (String a : text.split("\n", -1)) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        FuzzSupport.expectResultOrUsageError(() -> ArgParser.parse(args.toArray(String[]::new), -1,
                FuzzSupport.SINK, FuzzSupport.SINK, CWD));
    }
}
