package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --omp-threads N also runs the simulator with -compat_threads N; env.json hashes what --java-cmd runs. */
class OmpThreadsTest {
    @TempDir
    Path tmp;

    private Path bundle(Path reports) throws Exception {
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void ompThreadsReachTheSimulatorAndEnvHashesTheJavaCommand() throws Exception {
        Path golden = TestEnv.requireShared("golden/v01_mosflm_cubic_noise");
        // a wrapper script, as a user's --java-cmd often is: its own bytes are what ran
        Path script = tmp.resolve("nanobragg-java.sh");
        Files.writeString(script, "#!/bin/sh\nexec " + TestEnv.fakeJava(golden, "none") + " \"$@\"\n");
        Path reports = tmp.resolve("rep");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded", "--omp-threads", "2",
                "--java-cmd", "/bin/sh " + script, "--reports", reports.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Path b = bundle(reports);
        List<String> javaLines = Files.readAllLines(b.resolve("commands.txt")).stream()
                .filter(l -> l.startsWith("(cd ") && l.contains(script.toString())).toList();
        assertFalse(javaLines.isEmpty());
        for (String l : javaLines) {
            assertTrue(l.contains(" -mode compat -threads 1 -compat_threads 2 "), l);
        }
        JsonNode java = Canonical.read(b.resolve("env.json")).get("java");
        assertEquals("2", java.get("compat_threads").asText());
        assertEquals(Canonical.sha256(script), java.get("java_arg1_sha256").asText(), java.toString());
        assertEquals(Canonical.sha256(Path.of("/bin/sh").toRealPath()), java.get("java_program_sha256").asText());

        // without --omp-threads the simulator runs serial compat (no -compat_threads)
        Path reports1 = tmp.resolve("rep1");
        assertEquals(0, TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded",
                "--java-cmd", "/bin/sh " + script, "--reports", reports1.toString()).code());
        assertFalse(Files.readString(bundle(reports1).resolve("commands.txt")).contains("-compat_threads"));
    }
}
