package org.nbparity.harness.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.cases.Canonical;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The docker backend against a real engine. With {@code CI=true} or {@code REQUIRE_DOCKER=true}
 * a missing engine or base image FAILS these tests; otherwise they are reported as skipped with
 * the reason (the gate runs in {@code @BeforeEach} so that surefire shows each skip).
 *
 * <p>Container plumbing is tested with a small C program of our own ({@code fake.c}) built through
 * the user-source path of the Dockerfile; the C reference is built and run through the
 * c-reference path.
 */
@Tag("docker")
class DockerBackendTest {
    private static final boolean REQUIRED = "true".equals(System.getenv("CI"))
            || "true".equals(System.getenv("REQUIRE_DOCKER"));
    private static String gateProblem;
    private static boolean gateChecked;
    private static DockerBackend fake;

    @TempDir
    Path tmp;

    static Path repo() {
        return Path.of(System.getProperty("nb.repo", "..")).toAbsolutePath().normalize();
    }

    static Path fakeSource() throws URISyntaxException {
        return Path.of(DockerBackendTest.class.getResource("/docker/fake-nanobragg/fake.c").toURI()).getParent();
    }

    /** Engine, environment and base image: fail under CI, skip with the reason otherwise. */
    static synchronized void requireDocker() throws Exception {
        if (!gateChecked) {
            gateChecked = true;
            try {
                gateProblem = new DockerBackend(repo(), fakeSource()).problem();
            } catch (Throwable t) { // e.g. a Testcontainers start failure escaping as an Error
                gateProblem = "Docker check failed: " + t;
            }
        }
        if (gateProblem == null) {
            return;
        }
        if (REQUIRED) {
            fail("CI=true/REQUIRE_DOCKER=true but " + gateProblem);
        }
        Assumptions.abort("Skipping container test: " + gateProblem + " (CI=true or REQUIRE_DOCKER=true makes this a failure)");
    }

    static synchronized DockerBackend fake() throws Exception {
        if (fake == null) {
            fake = new DockerBackend(repo(), fakeSource());
        }
        return fake;
    }

    @BeforeEach
    void gate() throws Exception {
        requireDocker();
    }

    private CRunRequest request(List<String> argv, Map<String, Path> inputs, int threads, Duration timeout)
            throws Exception {
        Path out = Files.createTempDirectory(tmp, "out");
        return new CRunRequest(argv, inputs, out, threads, timeout);
    }

    @Test
    void userSourceImageRecordsProvenanceInLabelsAndTheBinaryMatches() throws Exception {
        DockerBackend.ImageInfo img = fake().image();
        System.out.printf("docker: user-source image %s built (two builds + provenance read) in %d ms%n",
                img.tag(), img.buildTime().toMillis());
        assertTrue(img.tag().matches("localhost/nbparity-c:src-[0-9a-f]{16}"), img.tag());
        assertTrue(img.label("content.sha256").startsWith(img.tag().substring("localhost/nbparity-c:src-".length())));
        assertEquals("user", img.label("source.kind"));
        // the manifest the build hashed is the one of the files we sent
        String manifest = DockerBackend.manifest(DockerBackend.contextFiles(fakeSource(), false));
        assertEquals(Canonical.sha256(manifest.getBytes(StandardCharsets.UTF_8)), img.label("source.sha256"));
        assertEquals("1", img.label("source.files"));
        assertEquals("-O2 -fno-fast-math -ffp-contract=off", img.label("build.cflags"));
        assertTrue(img.label("build.compile").contains("-ffp-contract=off"), img.label("build.compile"));
        assertTrue(img.label("toolchain.gcc").startsWith("12."), img.label("toolchain.gcc"));
        assertEquals("2.36", img.label("toolchain.glibc"));
        assertEquals(DockerBackend.DEFAULT_BASE_IMAGE, img.label("build.base"));

        // the binary in the image hashes to the label (copied out of a never-started container)
        DockerClient dc = DockerClientFactory.instance().client();
        String id = dc.createContainerCmd(img.tag()).withLabels(DockerClientFactory.DEFAULT_LABELS).exec().getId();
        try (InputStream in = dc.copyArchiveFromContainerCmd(id, "/usr/local/bin/nanobragg-ref").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e = tar.getNextEntry();
            assertNotNull(e);
            assertEquals(img.label("binary.sha256"), Canonical.sha256(tar.readAllBytes()));
        } finally {
            dc.removeContainerCmd(id).withForce(true).exec();
        }

        long t0 = System.nanoTime();
        CRun run = fake().run(request(List.of("-version"), Map.of(), 1, Duration.ofSeconds(60)));
        System.out.printf("docker: -version container run (create, start, wait, logs, copy /work out, remove) %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, run.exitCode());
        assertEquals("fake-nanobragg 1\n", run.stdout());
        assertEquals(img.id(), run.provenance().get("image.id"));
        assertEquals(img.label("binary.sha256"), run.provenance().get("image.label.org.nbparity.binary.sha256"));
    }

    @Test
    void runCopiesInputsInAndEveryOutputOutWithStreamsExitCodeAndPinnedThreads() throws Exception {
        Path in = tmp.resolve("in.txt");
        Files.writeString(in, "hello, nanobragg\n");
        long t0 = System.nanoTime();
        CRun run = fake().run(request(
                List.of("-upcase", "in.txt", "upper.txt", "-write", "sub-less.bin", "xyz", "-env", "OMP_NUM_THREADS",
                        "-stderr", "to stderr", "-net", "-exit", "7"),
                Map.of("in.txt", in), 2, Duration.ofSeconds(60)));
        System.out.printf("docker: one container run took %d ms (program wall %d ms)%n",
                (System.nanoTime() - t0) / 1_000_000, run.wall().toMillis());
        assertEquals(7, run.exitCode());
        assertEquals("HELLO, NANOBRAGG\n", Files.readString(run.outputDir().resolve("upper.txt")));
        assertEquals("xyz", Files.readString(run.outputDir().resolve("sub-less.bin")));
        assertFalse(Files.exists(run.outputDir().resolve("in.txt")), "unchanged inputs are not outputs");
        try (var files = Files.list(run.outputDir())) {
            assertEquals(2, files.count());
        }
        // streams stay separate; the thread count is pinned and recorded
        assertEquals("OMP_NUM_THREADS=2\nnet: lo\n", run.stdout());
        assertEquals("to stderr\n", run.stderr());
        assertEquals("2", run.provenance().get("OMP_NUM_THREADS"));
        assertEquals("none", run.provenance().get("container.network"));
        assertEquals("sub-less.bin upper.txt", run.provenance().get("container.outputs"));
    }

    @Test
    void timeoutKillsTheContainerAndIsABackendException() throws Exception {
        DockerBackend b = fake();
        String tag = b.image().tag();
        java.util.Set<String> before = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .exec().stream().map(Container::getId).collect(java.util.stream.Collectors.toSet());
        long t0 = System.nanoTime();
        BackendException e = assertThrows(BackendException.class,
                () -> b.run(request(List.of("-sleep", "60"), Map.of(), 1, Duration.ofSeconds(2))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("docker: timeout of 2 s reported after %d ms%n", ms);
        assertTrue(e.getMessage().startsWith("C run timed out after 2000 ms"), e.getMessage());
        assertTrue(ms < 20_000, "took " + ms + " ms");
        List<Container> left = DockerClientFactory.instance().client().listContainersCmd()
                .withShowAll(true).withAncestorFilter(List.of(tag)).exec().stream()
                .filter(c -> !before.contains(c.getId())).toList();
        assertTrue(left.isEmpty(), "containers left behind: " + left.size());
    }

    @Test
    void memoryLimitIsEnforced() throws Exception {
        DockerBackend b = new DockerBackend(repo(), fakeSource()).withMemoryLimit(64L << 20);
        BackendException e = assertThrows(BackendException.class,
                () -> b.run(request(List.of("-alloc", "256"), Map.of(), 1, Duration.ofSeconds(60))));
        assertTrue(e.getMessage().startsWith("C run killed: out of memory"), e.getMessage());
        CRun ok = b.run(request(List.of("-alloc", "16"), Map.of(), 1, Duration.ofSeconds(60)));
        assertEquals(0, ok.exitCode());
        assertEquals(Long.toString(64L << 20), ok.provenance().get("container.memory.bytes"));
    }

    @Test
    void unbuildableSourceIsABackendException() throws Exception {
        Path src = tmp.resolve("broken");
        Files.createDirectories(src);
        Files.writeString(src.resolve("broken.c"), "int main(void) { return undeclared; }\n");
        // only this test's own build containers count: the engine may hold other runs' leftovers
        java.util.Set<String> before = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .exec().stream().map(Container::getId).collect(java.util.stream.Collectors.toSet());
        BackendException e = assertThrows(BackendException.class,
                () -> new DockerBackend(repo(), src).image());
        assertTrue(e.getMessage().contains("did not build in the container (the build step exited with code"),
                e.getMessage());
        // the compiler's own error, without terminal escapes
        assertTrue(e.getMessage().contains("; the compiler said:\n  "), e.getMessage());
        assertTrue(e.getMessage().contains("error: 'undeclared' undeclared"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001B"), e.getMessage());
        // the failed build step left no container behind
        assertTrue(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withStatusFilter(List.of("exited", "created", "dead")).exec().stream()
                .filter(c -> !before.contains(c.getId()))
                .noneMatch(c -> c.getCommand() != null && c.getCommand().contains("nanobragg-ref $NB_C_FILES")),
                "a build container was left behind");
    }

    @Test
    void missingInputIsABackendException() throws Exception {
        BackendException e = assertThrows(BackendException.class, () -> fake().run(request(List.of("-version"),
                Map.of("A.mat", tmp.resolve("nope/A.mat")), 1, Duration.ofSeconds(60))));
        assertTrue(e.getMessage().startsWith("input A.mat missing: "), e.getMessage());
    }

    /** The project's C reference, built by its Makefile through the Dockerfile. */
    @Test
    void cReferenceImageRunsVersionAndReproducesGoldenV01() throws Exception {
        Path cref = repo().resolve("c-reference");
        if (!Files.isRegularFile(cref.resolve("Makefile"))) {
            if (REQUIRED) {
                fail("c-reference/Makefile missing in " + repo());
            }
            Assumptions.abort("c-reference/ not in this checkout yet");
        }
        DockerBackend b = new DockerBackend(repo(), null);
        DockerBackend.ImageInfo img = b.image();
        System.out.printf("docker: c-reference image %s built in %d ms%n", img.tag(), img.buildTime().toMillis());
        assertTrue(img.tag().matches("localhost/nbparity-c:ref-[0-9a-f]{16}"), img.tag());
        // the moving tag points at the newest reference build, the content tag stays
        assertEquals(img.id(), DockerClientFactory.instance().client().inspectImageCmd(DockerBackend.REFERENCE_TAG).exec().getId());
        assertEquals(img.id(), new DockerBackend(repo(), null).image().id(), "same content: the kept image, no rebuild");
        assertEquals("c-reference", img.label("source.kind"));
        assertTrue(img.label("binary.sha256").matches("[0-9a-f]{64}"));
        CRun v = b.run(request(List.of("-version"), Map.of(), 1, Duration.ofSeconds(60)));
        assertEquals(0, v.exitCode(), v.stderr());
        // -version reads its own binary: it must be the one the label names, built by the pinned toolchain
        assertTrue(v.stdout().contains("binary_sha256: " + img.label("binary.sha256")), v.stdout());
        assertTrue(v.stdout().contains("gcc " + img.label("toolchain.gcc")), v.stdout());
        assertTrue(v.stdout().contains("glibc: " + img.label("toolchain.glibc")), v.stdout());
        assertTrue(img.label("build.compile").contains("-fno-fast-math -ffp-contract=off"), img.label("build.compile"));

        // a golden case, end to end through the container: SMV and PGM byte-identical to upstream's,
        // the float image within the image gate of fixtures/thresholds.json
        Path shared = Path.of(System.getProperty("nb.shared", "../shared"));
        Path golden = shared.resolve("golden/v01_mosflm_cubic_noise");
        if (!Files.isRegularFile(golden.resolve("case.json"))) {
            if (REQUIRED) {
                fail("golden case missing: " + golden);
            }
            Assumptions.abort("golden case not found at " + golden);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode kase = json.readTree(golden.resolve("case.json").toFile());
        List<String> argv = new ArrayList<>();
        kase.get("argv").forEach(a -> argv.add(a.asText()));
        long t0 = System.nanoTime();
        CRun run = b.run(request(argv, Map.of(), 1, Duration.ofSeconds(300)));
        System.out.printf("docker: c-reference golden v01 (128x128) ran in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, run.exitCode(), run.stderr());
        double minFraction = json.readTree(repo().resolve("fixtures/thresholds.json").toFile())
                .get("image").get("bitwise_fraction_min").asDouble();
        int checked = 0;
        for (JsonNode o : kase.get("outputs")) {
            Path got = run.outputDir().resolve(o.get("name").asText());
            assertTrue(Files.isRegularFile(got), "missing output " + got.getFileName());
            byte[] data = Files.readAllBytes(got);
            assertEquals(o.get("bytes").asLong(), data.length, o.get("name").asText());
            if ("float32".equals(o.get("kind").asText())) {
                byte[] ref;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(golden.resolve(o.get("stored").asText())))) {
                    ref = in.readAllBytes();
                }
                int same = 0;
                for (int k = 0; k < data.length; k += 4) {
                    if (data[k] == ref[k] && data[k + 1] == ref[k + 1] && data[k + 2] == ref[k + 2] && data[k + 3] == ref[k + 3]) {
                        same++;
                    }
                }
                double fraction = same / (data.length / 4.0);
                System.out.printf("docker: v01 float.bin bitwise-equal fraction %.6f%n", fraction);
                assertTrue(fraction >= minFraction, "bitwise fraction " + fraction);
            } else {
                assertEquals(o.get("sha256").asText(), Canonical.sha256(data), o.get("name").asText());
            }
            checked++;
        }
        assertEquals(4, checked);
    }
}
