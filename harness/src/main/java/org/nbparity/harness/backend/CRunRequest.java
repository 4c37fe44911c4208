package org.nbparity.harness.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One C run.
 *
 * @param argv       arguments after the program name
 * @param inputs     input files by the name the program sees in its working directory
 * @param outputDir  fresh, empty directory where every file the program writes must land
 * @param ompThreads OMP_NUM_THREADS to pin (recorded in the evidence)
 * @param timeout    wall-clock limit; exceeding it is a {@link BackendException}
 */
public record CRunRequest(List<String> argv, Map<String, Path> inputs, Path outputDir,
                          int ompThreads, Duration timeout) {
}
