package org.nbparity.harness.backend;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.cases.Canonical;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docker backend's fail-fast checks and build-context rules. These run with or without an
 * engine: whatever is missing, the answer is a one-line {@link BackendException}, quickly.
 */
class DockerBackendGateTest {
    @TempDir
    Path tmp;

    @Test
    void missingBaseImageFailsFastWithAClearMessage() throws Exception {
        String base = "localhost/nbparity-base:does-not-exist";
        DockerBackend b = new DockerBackend(DockerBackendTest.repo(), DockerBackendTest.fakeSource())
                .withBaseImage(base);
        long t0 = System.nanoTime();
        BackendException e = assertThrows(BackendException.class, b::image);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        if (Backends.dockerEngineAnswers()) {
            assertEquals("base image " + base + " is missing (scripts/provision.sh builds it offline)", e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("Docker"), e.getMessage());
        }
        // and a run never gets as far as a container
        assertThrows(BackendException.class, () -> b.run(new CRunRequest(List.of("-version"), Map.of(),
                Files.createTempDirectory(tmp, "o"), 1, java.time.Duration.ofSeconds(5))));
    }

    @Test
    void pingReportsAnUnreachableEngineQuickly() {
        long t0 = System.nanoTime();
        String nosock = DockerBackend.pingEngine("unix://" + tmp.resolve("none.sock"));
        assertEquals("no Docker socket at " + tmp.resolve("none.sock"), nosock);
        String refused = DockerBackend.pingEngine("tcp://127.0.0.1:1");
        assertNotNull(refused);
        assertTrue(refused.startsWith("Docker engine unreachable"), refused);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
        assertEquals("unsupported DOCKER_HOST npipe:////./pipe/docker", DockerBackend.pingEngine("npipe:////./pipe/docker"));
    }

    @Test
    void buildContextSkipsVcsObjectsAndReferenceBuildOutputsInCByteOrder() throws Exception {
        Path d = tmp.resolve("src");
        Files.createDirectories(d.resolve(".git"));
        Files.createDirectories(d.resolve("build"));
        Files.writeString(d.resolve("b.c"), "b");
        Files.writeString(d.resolve("B.h"), "B");
        Files.writeString(d.resolve("a.o"), "o");
        Files.writeString(d.resolve(".git/HEAD"), "x");
        Files.writeString(d.resolve("build/x.c"), "x");
        Files.writeString(d.resolve("nanobragg-ref"), "bin");
        Files.createDirectories(d.resolve("tools"));
        Files.writeString(d.resolve("tools/nbcmp"), "bin");
        Files.writeString(d.resolve("build_info.h"), "stale");
        Files.writeString(d.resolve("gen.tmp"), "x");
        Files.writeString(d.resolve(".gitignore"), "# products\n*.tmp\n");
        assertEquals(List.of(".gitignore", "B.h", "b.c"), List.copyOf(DockerBackend.contextFiles(d, true).keySet()));
        assertEquals(List.of(".gitignore", "B.h", "b.c", "build/x.c", "build_info.h", "gen.tmp", "nanobragg-ref",
                        "tools/nbcmp"),
                List.copyOf(DockerBackend.contextFiles(d, false).keySet()));
        // sha256sum format, as the Dockerfile writes SOURCE.sha256sums
        Files.delete(d.resolve(".gitignore"));
        Files.delete(d.resolve("gen.tmp"));
        assertEquals(Canonical.sha256("B".getBytes()) + "  B.h\n" + Canonical.sha256("b".getBytes()) + "  b.c\n",
                DockerBackend.manifest(DockerBackend.contextFiles(d, true)));
    }

    @Test
    void nonDirectorySourceIsRejected() {
        BackendException e = assertThrows(BackendException.class,
                () -> new DockerBackend(DockerBackendTest.repo(), tmp.resolve("nope")));
        assertTrue(e.getMessage().startsWith("--c-source: not a directory: "), e.getMessage());
    }
}
