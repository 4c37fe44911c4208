package org.nbparity.harness.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Result of one C run.
 *
 * @param exitCode   the program's exit status
 * @param stdout     everything it printed on stdout
 * @param stderr     everything it printed on stderr
 * @param outputDir  directory holding the files it wrote
 * @param wall       wall-clock time of the run
 * @param provenance facts for env.json: image id, binary and source sha256, toolchain, ...
 */
public record CRun(int exitCode, String stdout, String stderr, Path outputDir, Duration wall,
                   Map<String, String> provenance) {
}
