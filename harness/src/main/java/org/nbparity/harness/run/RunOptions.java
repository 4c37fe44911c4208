package org.nbparity.harness.run;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a case run needs besides the case.
 *
 * @param repo         repository root
 * @param reports      where bundles go
 * @param backend      C backend name actually used
 * @param threads      Java threads ({@code -threads})
 * @param ompThreads   OMP_NUM_THREADS for the C side
 * @param probeThreads N for the determinism probes, 0 = none
 * @param probeTrace   also check a {@code -trace_level loops} run leaves the image unchanged
 * @param signKey      Ed25519 private key file or null
 * @param timeout      per-run wall-clock limit
 * @param commandLine  the nbparity command line, for commands.txt
 * @param cTakesMode   the C program is the project's c-reference, which takes {@code -mode M} like the
 *                     Java side; other binaries (upstream builds) get the case argv unchanged
 */
public record RunOptions(Path repo, Path reports, String backend, int threads, int ompThreads, int probeThreads,
                         boolean probeTrace, Path signKey, Duration timeout, String commandLine,
                         boolean cTakesMode) {
}
