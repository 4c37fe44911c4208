package org.nbparity.harness.backend;

import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code local} backend: builds the project's C reference with {@code make -C <dir>} (under a
 * watchdog) and runs {@code <dir>/nanobragg-ref}.
 */
public final class LocalBackend extends ExecBackend {
    /** Name of the binary {@code make} produces. */
    public static final String BINARY = "nanobragg-ref";

    private LocalBackend(Path binary, Map<String, String> provenance) throws BackendException {
        super("local", binary, provenance);
    }

    /**
     * Builds the C reference in {@code sourceDir} and returns a backend running it.
     *
     * @throws BackendException when the folder, make, or the compiler fail
     */
    public static LocalBackend build(Path sourceDir, Duration buildTimeout) throws BackendException {
        if (!Files.isRegularFile(sourceDir.resolve("Makefile"))) {
            throw new BackendException("no C reference to build: " + sourceDir.resolve("Makefile") + " is missing");
        }
        Processes.Result r;
        try {
            r = Processes.run(List.of("make", "-C", sourceDir.toString()), sourceDir, Map.of(), buildTimeout);
        } catch (IOException e) {
            throw new BackendException("cannot run make: " + e.getMessage(), e);
        }
        if (r.timedOut()) {
            throw new BackendException("C build timed out after " + buildTimeout.toSeconds() + " s in " + sourceDir);
        }
        if (r.exitCode() != 0) {
            String err = r.stderr().strip();
            int nl = err.lastIndexOf('\n');
            throw new BackendException("C build failed (make " + Processes.describeExit(r.exitCode()) + ") in "
                    + sourceDir + (err.isEmpty() ? "" : ": " + (nl < 0 ? err : err.substring(nl + 1))));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", "local");
        p.put("source_dir", sourceDir.toAbsolutePath().normalize().toString());
        p.put("source_sha256", treeSha256(sourceDir));
        p.put("toolchain", compilerVersion(sourceDir));
        return new LocalBackend(sourceDir.resolve(BINARY), p);
    }

    /** SHA-256 over the sorted (path, sha256) list of the C sources (*.c, *.h, Makefile). */
    static String treeSha256(Path dir) throws BackendException {
        try (Stream<Path> s = Files.walk(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".c") || n.endsWith(".h") || n.equals("Makefile");
            }).sorted().toList()) {
                sb.append(Canonical.sha256(p)).append("  ").append(dir.relativize(p)).append('\n');
            }
            return Canonical.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackendException("cannot hash C sources in " + dir + ": " + e.getMessage(), e);
        }
    }

    static String compilerVersion(Path dir) {
        try {
            Processes.Result r = Processes.run(List.of("cc", "--version"), dir, Map.of(), Duration.ofSeconds(20));
            String first = r.stdout().lines().findFirst().orElse("");
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
