package org.nbparity.harness.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendFailureTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private CRunRequest req(String dir, Map<String, Path> inputs, Duration timeout) {
        return new CRunRequest(List.of("-detpixels", "8"), inputs, tmp.resolve(dir), 3, timeout);
    }

    @Test
    void missingBinary() {
        BackendException e = assertThrows(BackendException.class,
                () -> new ExecBackend("prebuilt", tmp.resolve("nope"), Map.of()));
        assertEquals("C binary not found: " + tmp.resolve("nope"), e.getMessage());
    }

    @Test
    void crashIsNamed() throws Exception {
        ExecBackend b = new ExecBackend("prebuilt", script("crash", "kill -SEGV $$"), Map.of());
        BackendException e = assertThrows(BackendException.class, () -> b.run(req("run", Map.of(), Duration.ofSeconds(20))));
        assertEquals("C run failed with exit 139 (SIGSEGV): crash", e.getMessage());
    }

    @Test
    void nonZeroExitIsAnEnvironmentFailure() throws Exception {
        ExecBackend b = new ExecBackend("prebuilt", script("usage", "echo 'usage: nanoBragg' >&2; exit 9"), Map.of());
        BackendException e = assertThrows(BackendException.class, () -> b.run(req("run", Map.of(), Duration.ofSeconds(20))));
        assertEquals("C run failed with exit 9: usage (usage: nanoBragg)", e.getMessage());
    }

    @Test
    void timeoutKillsTheRun() throws Exception {
        ExecBackend b = new ExecBackend("prebuilt", script("hang", "exec sleep 30"), Map.of());
        long t0 = System.nanoTime();
        BackendException e = assertThrows(BackendException.class, () -> b.run(req("run", Map.of(), Duration.ofSeconds(1))));
        assertEquals("C run timed out after 1 s: hang", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 15e9, "watchdog did not stop the run");
    }

    @Test
    void freshDirectoryHoldsOnlyTheInputsAndOmpIsPinned() throws Exception {
        Path in = Files.writeString(tmp.resolve("A.mat"), "matrix\n");
        ExecBackend b = new ExecBackend("prebuilt", script("probe", "ls -A; echo OMP=$OMP_NUM_THREADS; echo \"$@\"; touch out.bin"), Map.of());
        CRun r = b.run(req("run", Map.of("A.mat", in), Duration.ofSeconds(20)));
        assertEquals("A.mat\nOMP=3\n-detpixels 8\n", r.stdout());
        assertEquals("3", r.provenance().get("omp_num_threads"));
        assertEquals(64, r.provenance().get("binary_sha256").length());
        assertTrue(Files.isRegularFile(tmp.resolve("run/out.bin")));
        // a used directory is refused: upstream would read a stale Fdump.bin
        BackendException e = assertThrows(BackendException.class, () -> b.run(req("run", Map.of(), Duration.ofSeconds(20))));
        assertEquals("run directory is not empty: " + tmp.resolve("run"), e.getMessage());
    }

    @Test
    void missingInput() throws Exception {
        ExecBackend b = new ExecBackend("prebuilt", script("ok", "true"), Map.of());
        BackendException e = assertThrows(BackendException.class,
                () -> b.run(req("run", Map.of("A.mat", tmp.resolve("gone.mat")), Duration.ofSeconds(20))));
        assertEquals("missing input A.mat: " + tmp.resolve("gone.mat"), e.getMessage());
    }

    @Test
    void localBuildFailures() throws Exception {
        Path none = Files.createDirectory(tmp.resolve("empty"));
        BackendException e1 = assertThrows(BackendException.class, () -> LocalBackend.build(none, Duration.ofSeconds(30)));
        assertEquals("no C reference to build: " + none.resolve("Makefile") + " is missing", e1.getMessage());
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(bad.resolve("Makefile"), "all:\n\t@echo 'nanobragg.c:1: error: broken' >&2; exit 1\n");
        BackendException e2 = assertThrows(BackendException.class, () -> LocalBackend.build(bad, Duration.ofSeconds(30)));
        assertTrue(e2.getMessage().startsWith("C build failed (make exit 2) in " + bad + ": "), e2.getMessage());
        Path slow = Files.createDirectory(tmp.resolve("slow"));
        Files.writeString(slow.resolve("Makefile"), "all:\n\tsleep 30\n");
        BackendException e3 = assertThrows(BackendException.class, () -> LocalBackend.build(slow, Duration.ofSeconds(1)));
        assertEquals("C build timed out after 1 s in " + slow, e3.getMessage());
    }

    @Test
    void localBuildsAndRunsAMakefileProject() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("Makefile"), "nanobragg-ref: ref.sh\n\tcp ref.sh nanobragg-ref && chmod +x nanobragg-ref\n");
        Files.writeString(src.resolve("ref.sh"), "#!/bin/sh\necho ran \"$@\"\n");
        LocalBackend b = LocalBackend.build(src, Duration.ofSeconds(60));
        CRun r = b.run(req("run", Map.of(), Duration.ofSeconds(20)));
        assertEquals("ran -detpixels 8\n", r.stdout());
        assertEquals("local", r.provenance().get("backend"));
        assertEquals(64, r.provenance().get("source_sha256").length());
    }

    @Test
    void unreachableEngine() {
        // nothing answers on this socket: the docker backend says so in one line, it does not hang
        System.setProperty("nbparity.docker.host", "unix://" + tmp.resolve("no-engine.sock"));
        try {
            assertEquals("local", Backends.defaultName());
            BackendException e = assertThrows(BackendException.class, () -> Backends.docker(tmp, null, null));
            assertEquals("no container engine answers (DOCKER_HOST or /var/run/docker.sock); use --c-backend local or prebuilt",
                    e.getMessage());
        } finally {
            System.clearProperty("nbparity.docker.host");
        }
    }
}
