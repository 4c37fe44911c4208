package org.nbparity.harness.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** Fresh working directories: empty, then only the case inputs copied in. */
public final class RunDirs {
    private RunDirs() {
    }

    /**
     * Makes sure {@code dir} exists and is empty, then copies every input into it under its name.
     * Upstream silently reuses a stale {@code Fdump.bin}, so a non-empty directory is refused.
     */
    public static void prepare(Path dir, Map<String, Path> inputs) throws BackendException {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new BackendException("run directory is not empty: " + dir);
                }
            }
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                if (!Files.isRegularFile(in.getValue())) {
                    throw new BackendException("missing input " + in.getKey() + ": " + in.getValue());
                }
                if (in.getKey().contains("/") || in.getKey().startsWith(".")) {
                    throw new BackendException("bad input name: " + in.getKey());
                }
                Files.copy(in.getValue(), dir.resolve(in.getKey()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new BackendException("cannot prepare run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes a run directory and everything in it (scratch space: best effort, errors ignored). */
    public static void remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // scratch space
        }
    }
}
