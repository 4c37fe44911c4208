package org.nbparity.harness.backend;

import org.nbparity.harness.trace.TraceDialect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds out once per C build what it can tell about a pixel ({@link TraceDialect}): one small
 * run (a 4x4 detector, no input files) with both {@code -trace_pixel 1 2} and {@code
 * -printout_pixel 2 1}, its stdout classified richest first; a C that rejects the first flag is
 * asked again with the printout flag alone. Upstream ignores flags it does not know, prints its
 * printout block and no trace, so it is PRINTOUT.
 *
 * <p>The answer is cached by the sha256 of the binary (or the id of its container image) in the
 * folder named by the system property {@code nbparity.cache.dir} (tests), else
 * {@code $NBPARITY_CACHE_DIR}, else {@code $XDG_CACHE_HOME/nbparity}, else {@code
 * ~/.cache/nbparity}: one file {@code trace-dialect-v1-<sha256>.txt} holding the dialect, written
 * atomically. Outside the reports folder on purpose: it is a fact about a binary, not evidence of
 * a case, and the next case with the same binary needs no probe.
 */
public final class TraceProbe {
    /** Bumped when the probe's argv or classification changes (old cache entries are ignored). */
    static final String VERSION = "v1";
    private static final List<String> BASE = List.of("-cell", "50", "50", "50", "90", "90", "90", "-default_F", "100",
            "-N", "2", "-lambda", "1", "-distance", "100", "-pixel", "0.1", "-detpixels", "4",
            "-floatfile", "probe_float.bin", "-intfile", "probe_int.img", "-noprogress");
    private static final List<String> TRACE = List.of("-trace_pixel", "1", "2");
    private static final List<String> PRINTOUT = List.of("-printout_pixel", "2", "1");

    /**
     * The probe's answer.
     *
     * @param dialect what the C can tell
     * @param source  "cache" (file named), "probe" (a run was made), or "probe, not cached"
     */
    public record Result(TraceDialect dialect, String source) {
    }

    private TraceProbe() {
    }

    /**
     * The dialect of the C behind {@code cb}.
     *
     * @param cb         the backend ({@link CBackend#programDigest()} keys the cache), asked
     *                   before any render of the case so that its traced renders can start at once
     * @param cArgv      adds what the backend's program needs before the argv (e.g. -mode)
     * @param work       scratch folder (created)
     * @param ompThreads OMP_NUM_THREADS for the probe run
     * @param timeout    per probe run
     */
    public static Result probe(CBackend cb, UnaryOperator<List<String>> cArgv, Path work, int ompThreads,
                               Duration timeout) throws BackendException {
        String key = cb.programDigest();
        Path cache = key == null ? null : cacheDir().resolve("trace-dialect-" + VERSION + "-" + key + ".txt");
        if (cache != null && Files.isRegularFile(cache)) {
            try {
                return new Result(TraceDialect.of(Files.readString(cache, StandardCharsets.UTF_8).strip()), "cache " + cache);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable or foreign entry: probe again and overwrite it
            }
        }
        TraceDialect d = TraceDialect.NONE;
        int n = 0;
        for (List<String> extra : List.of(concat(TRACE, PRINTOUT), PRINTOUT)) {
            List<String> argv = cArgv.apply(concat(BASE, extra));
            try {
                CRun r = cb.run(new CRunRequest(argv, Map.of(), work.resolve("probe" + n++), ompThreads, timeout));
                d = TraceDialect.detect(r.stdout());
                break;
            } catch (BackendException e) {
                // the C rejects a flag (a strict parser): try the next, poorer request
            }
        }
        if (cache == null) {
            return new Result(d, "probe, not cached (no binary digest)");
        }
        try {
            Files.createDirectories(cache.getParent());
            Path tmp = Files.createTempFile(cache.getParent(), ".trace-dialect-", ".tmp");
            Files.writeString(tmp, d.id() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Result(d, "probe, cached in " + cache);
        } catch (IOException e) {
            return new Result(d, "probe, not cached (" + e.getMessage() + ")");
        }
    }

    /** The cache folder (see the class comment). */
    public static Path cacheDir() {
        String prop = System.getProperty("nbparity.cache.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("NBPARITY_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "nbparity");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "nbparity");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
