package org.nbparity.sim.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nbparity.sim.clib.UsageException;

/**
 * What every fuzz target checks: the code under test ends in a result or in the one-line usage
 * error the CLI prints (UsageException, exit 2). Any other exception, a multi-line message, a
 * hang (@Timeout) or running out of memory is a finding.
 */
final class FuzzSupport {
    /** Upstream's stdout and the warnings go nowhere. */
    static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    private FuzzSupport() {
    }

    /** A fresh run directory per fuzz class (inputs are written there, Fdump.bin lands there). */
    static Path runDirectory(String name) {
        try {
            Path d = Files.createTempDirectory("nb-fuzz-" + name);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the action; a UsageException passes if its message is one non-empty line. */
    static void expectResultOrUsageError(Runnable action) {
        try {
            action.run();
        } catch (UsageException e) {
            String m = e.getMessage();
            if (m == null || m.isEmpty() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("usage error is not one line: [" + m + "]", e);
            }
        }
    }
}
