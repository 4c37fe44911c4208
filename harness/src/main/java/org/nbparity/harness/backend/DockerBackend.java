package org.nbparity.harness.backend;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.nbparity.harness.cases.Canonical;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code docker} C backend: builds the repository's {@code Dockerfile} (the project's
 * {@code c-reference/}, or a user-supplied nanoBragg-compatible source for {@code --c-source}) into
 * a minimal image, and runs every case in a fresh one-shot container.
 *
 * <p>Everything happens offline, following {@code ../shared/docs/containers.md}: the build's
 * {@code FROM} is the local base image made by {@code scripts/provision.sh} (checked first: a
 * missing base fails at once instead of a registry pull), builds and containers use network mode
 * {@code none}, nothing is ever pulled ({@link NeverPullPolicy}), inputs are copied in and
 * {@code /work} is copied out as a tar (no bind mounts). Each container has a memory limit, a CPU
 * limit, a pids limit, no capabilities, and a wall-clock timeout.
 *
 * <p>The image labels {@code org.nbparity.*} carry the build's provenance (sha256 of the source
 * manifest and of the binary, gcc and glibc versions, the compile commands). A label cannot be
 * computed inside a Dockerfile, so the image is built twice: the first build writes
 * {@code provenance.properties} into the image; the second, entirely from the build cache, adds
 * those facts as labels. The source sha256 the build computed is checked against the files this
 * class sent.
 *
 * <p>Testcontainers must run with the environment {@link #REQUIRED_ENV} (the Maven build and
 * {@code bin/nbparity} set it); without it Testcontainers would try to pull its Ryuk image.
 */
public final class DockerBackend implements CBackend {
    /** The offline base image made by {@code scripts/provision.sh}. */
    public static final String DEFAULT_BASE_IMAGE = "localhost/nbparity-base:bookworm";
    /** Tag of the image built from {@code c-reference/}. */
    public static final String REFERENCE_TAG = "localhost/nbparity-c:reference";
    /** Environment Testcontainers needs on an offline machine (containers.md section 2). */
    public static final Map<String, String> REQUIRED_ENV = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_CHECKS_DISABLE", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    /** Where the Dockerfile's build stage writes the provenance inside the image. */
    static final String PROVENANCE_PATH = "/usr/local/share/nbparity/provenance.properties";
    static final String LABEL_PREFIX = "org.nbparity.";
    static final String WORKDIR = "/work";

    private static final NeverPullPolicy NEVER_PULL = new NeverPullPolicy();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final byte[] dockerfile;
    private final String dockerfileOrigin;
    private final Path sourceDir;
    private final String contextDir;
    private String baseImage = DEFAULT_BASE_IMAGE;
    private String cFiles;
    private long memoryBytes = 2L << 30;
    private ImageInfo image;

    /**
     * A built image.
     *
     * @param tag       the fixed tag (kept between runs; a rebuild from the cache takes ~0.2 s)
     * @param id        the image id ({@code sha256:...})
     * @param labels    all image labels, including {@code org.nbparity.*}
     * @param buildTime wall time of the two builds and the provenance read
     */
    public record ImageInfo(String tag, String id, Map<String, String> labels, Duration buildTime) {
        /** The provenance label {@code org.nbparity.<key>}, or null. */
        public String label(String key) {
            return labels.get(LABEL_PREFIX + key);
        }
    }

    /**
     * The harness's entry point ({@code Backends.docker}): {@code cSource == null} builds the
     * repository's {@code c-reference/}, otherwise the user-supplied source directory
     * ({@code --c-source}); both with {@code repoRoot/Dockerfile}.
     *
     * @throws BackendException when the Dockerfile or the source directory is missing
     */
    public DockerBackend(Path repoRoot, Path cSource) throws BackendException {
        Path df = repoRoot.resolve("Dockerfile");
        if (!Files.isRegularFile(df)) {
            throw new BackendException("docker backend: no Dockerfile at " + df);
        }
        Path src = cSource == null ? repoRoot.resolve("c-reference") : cSource;
        if (!Files.isDirectory(src)) {
            throw new BackendException(cSource == null ? "docker backend: no C reference directory " + src
                    : "--c-source: not a directory: " + src);
        }
        this.dockerfile = readAll(df);
        this.dockerfileOrigin = df.toString();
        this.sourceDir = src.toAbsolutePath().normalize();
        this.contextDir = cSource == null ? "c-reference" : "user-src";
    }

    /**
     * The C files of a user source to compile (build argument {@code NB_C_FILES}, default
     * {@code *.c}), e.g. {@code nanoBragg.c} for a directory that also holds other programs with
     * their own {@code main()} (upstream's repository does).
     */
    public DockerBackend withCFiles(String files) {
        if (!files.matches("[A-Za-z0-9_./*?\\[\\] -]+")) {
            throw new IllegalArgumentException("C file list with unexpected characters: " + files);
        }
        this.cFiles = files;
        return this;
    }

    /** Uses another base image (default {@link #DEFAULT_BASE_IMAGE}). */
    public DockerBackend withBaseImage(String image) {
        this.baseImage = Objects.requireNonNull(image);
        return this;
    }

    /** Memory limit of each container (default 2 GiB; swap is not allowed on top). */
    public DockerBackend withMemoryLimit(long bytes) {
        this.memoryBytes = bytes;
        return this;
    }

    @Override
    public String name() {
        return "docker";
    }

    /**
     * The image tag this backend builds: by content ({@code ref-} for c-reference, {@code src-} for
     * a user source, then 16 hex digits of the content key: Dockerfile, source manifest, base image
     * id, build arguments). Such a tag never moves to other content, so a bundle's commands.txt that
     * names it runs as long as the image is kept (issue 13 item 6); c-reference builds also move
     * {@link #REFERENCE_TAG} to the newest build, for people.
     */
    String tag(String contentKey) {
        return "localhost/nbparity-c:" + ("c-reference".equals(contextDir) ? "ref-" : "src-") + contentKey.substring(0, 16);
    }

    /** The content key of a build: sha256 over everything that decides the image's content. */
    String contentKey(String manifestSha, String baseImageId) {
        String k = "dockerfile " + Canonical.sha256(dockerfile) + "\nsource " + contextDir + " " + manifestSha
                + "\nbase " + baseImage + " " + baseImageId + "\nfiles " + (cFiles == null ? "*.c" : cFiles) + "\n";
        return Canonical.sha256(k.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------
    // Engine detection

    /** Null when the engine answers, else why not (one line). */
    public static String pingEngine() {
        return pingEngine(System.getenv("DOCKER_HOST"));
    }

    /** {@link #pingEngine()} for the given {@code DOCKER_HOST} value (null: the default socket). */
    public static String pingEngine(String host) {
        String where;
        CompletableFuture<String> status = new CompletableFuture<>();
        try {
            if (host == null || host.isBlank() || host.startsWith("unix://")) {
                Path sock = Path.of(host == null || host.isBlank() ? "/var/run/docker.sock" : host.substring(7));
                where = sock.toString();
                if (!Files.exists(sock)) {
                    return "no Docker socket at " + sock;
                }
                Thread t = new Thread(() -> {
                    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        ch.connect(UnixDomainSocketAddress.of(sock));
                        ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII)));
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        while (buf.hasRemaining() && ch.read(buf) >= 0) {
                            if (new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).contains("\r\n")) {
                                break;
                            }
                        }
                        status.complete(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                    } catch (IOException | RuntimeException e) {
                        status.completeExceptionally(e);
                    }
                }, "docker-ping");
                t.setDaemon(true);
                t.start();
            } else if (host.startsWith("tcp://")) {
                URI uri = URI.create(host);
                where = host;
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) PING_TIMEOUT.toMillis());
                        s.setSoTimeout((int) PING_TIMEOUT.toMillis());
                        s.getOutputStream().write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        byte[] b = s.getInputStream().readNBytes(32);
                        status.complete(new String(b, StandardCharsets.US_ASCII));
                    } catch (IOException | RuntimeException e) {
                        status.completeExceptionally(e);
                    }
                }, "docker-ping");
                t.setDaemon(true);
                t.start();
            } else {
                return "unsupported DOCKER_HOST " + host;
            }
            String line = status.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return line.startsWith("HTTP/1.") && line.substring(9).startsWith("200") ? null
                    : "Docker engine at " + where + " answered " + line.lines().findFirst().orElse("nothing");
        } catch (java.util.concurrent.TimeoutException e) {
            return "Docker engine did not answer within " + PING_TIMEOUT.toSeconds() + " s";
        } catch (java.util.concurrent.ExecutionException e) {
            return "Docker engine unreachable: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "Docker engine unreachable: " + e.getMessage();
        }
    }

    /**
     * Everything needed before a build, checked cheaply: the Testcontainers environment, an
     * answering engine, the base image. Null when ready, else a one-line reason.
     */
    public String problem() {
        List<String> missing = new ArrayList<>();
        REQUIRED_ENV.forEach((k, v) -> {
            if (!v.equals(System.getenv(k))) {
                missing.add(k + "=" + v);
            }
        });
        if (!missing.isEmpty()) {
            return "docker backend needs the environment " + String.join(" ", missing.stream().sorted().toList())
                    + " (bin/nbparity and the Maven build set it; without it Testcontainers tries to pull images)";
        }
        String ping = pingEngine();
        if (ping != null) {
            return ping + " (run scripts/provision.sh as root)";
        }
        try {
            client().inspectImageCmd(baseImage).exec();
        } catch (NotFoundException e) {
            return "base image " + baseImage + " is missing (scripts/provision.sh builds it offline)";
        } catch (RuntimeException e) {
            return "Docker engine check failed: " + oneLine(e);
        }
        return null;
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    // ------------------------------------------------------------------------------------------
    // Image

    /**
     * Builds the image if this backend has not yet (checks the environment first and fails fast).
     *
     * @throws BackendException no engine, no base image, the source does not build, or the image's
     *                          recorded source differs from the files sent
     */
    public synchronized ImageInfo image() throws BackendException {
        if (image != null) {
            return image;
        }
        String problem = problem();
        if (problem != null) {
            throw new BackendException(problem);
        }
        long t0 = System.nanoTime();
        Map<String, Path> files = contextFiles(sourceDir, "c-reference".equals(contextDir));
        if (files.isEmpty()) {
            throw new BackendException("docker backend: no source files in " + sourceDir);
        }
        String manifestSha = Canonical.sha256(manifest(files).getBytes(StandardCharsets.UTF_8));
        String baseId;
        try {
            baseId = client().inspectImageCmd(baseImage).exec().getId();
        } catch (RuntimeException e) {
            throw new BackendException("docker backend: cannot inspect the base image " + baseImage + ": " + oneLine(e), e);
        }
        String key = contentKey(manifestSha, baseId);
        String tag = tag(key);
        ImageInfo kept = existing(tag, key, t0);
        if (kept != null) {
            image = kept;
            return image;
        }

        build(tag, files, Map.of());
        Properties prov = readProvenance(tag);
        if (!manifestSha.equals(prov.getProperty("source.sha256"))) {
            throw new BackendException("docker backend: image " + tag + " records source sha256 "
                    + prov.getProperty("source.sha256") + " but the files sent hash to " + manifestSha);
        }
        Map<String, String> labels = new TreeMap<>();
        prov.stringPropertyNames().forEach(k -> labels.put(LABEL_PREFIX + k, prov.getProperty(k)));
        labels.put(LABEL_PREFIX + "content.sha256", key);
        labels.put(LABEL_PREFIX + "base.id", baseId);
        build(tag, files, labels); // entirely from the build cache: adds the labels only

        InspectImageResponse inspect;
        try {
            inspect = client().inspectImageCmd(tag).exec();
        } catch (RuntimeException e) {
            throw new BackendException("docker backend: built image " + tag + " cannot be inspected: " + oneLine(e), e);
        }
        Map<String, String> all = new TreeMap<>(inspect.getConfig().getLabels() == null
                ? Map.of() : inspect.getConfig().getLabels());
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(all.get(e.getKey()))) {
                throw new BackendException("docker backend: image " + tag + " lacks label " + e.getKey());
            }
        }
        image = new ImageInfo(tag, inspect.getId(), Map.copyOf(all), Duration.ofNanos(System.nanoTime() - t0));
        moveReferenceTag(image.id());
        return image;
    }

    /** The kept image of this content, when the tag exists and carries this content key (no build needed). */
    private ImageInfo existing(String tag, String key, long t0) throws BackendException {
        InspectImageResponse r;
        try {
            r = client().inspectImageCmd(tag).exec();
        } catch (NotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw new BackendException("docker backend: cannot inspect " + tag + ": " + oneLine(e), e);
        }
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                ? Map.of() : r.getConfig().getLabels();
        if (!key.equals(labels.get(LABEL_PREFIX + "content.sha256"))) {
            return null; // a tag made by an older harness without the key: rebuild (from the cache)
        }
        moveReferenceTag(r.getId());
        return new ImageInfo(tag, r.getId(), Map.copyOf(new TreeMap<>(labels)), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A c-reference build also becomes {@link #REFERENCE_TAG} (the newest reference, for people). */
    private void moveReferenceTag(String imageId) throws BackendException {
        if (!"c-reference".equals(contextDir)) {
            return;
        }
        int colon = REFERENCE_TAG.lastIndexOf(':');
        try {
            client().tagImageCmd(imageId, REFERENCE_TAG.substring(0, colon), REFERENCE_TAG.substring(colon + 1))
                    .withForce().exec();
        } catch (RuntimeException e) {
            throw new BackendException("docker backend: cannot tag " + imageId + " as " + REFERENCE_TAG + ": " + oneLine(e), e);
        }
    }

    private void build(String tag, Map<String, Path> files, Map<String, String> labels) throws BackendException {
        ImageFromDockerfile img = new ImageFromDockerfile(tag, false) // fixed tag, kept (no deleteOnExit)
                .withFileFromTransferable("Dockerfile", Transferable.of(dockerfile));
        files.forEach((rel, p) -> img.withFileFromPath(contextDir + "/" + rel, p));
        img.withBuildArg("BASE", baseImage)
                .withBuildArg("NB_SOURCE", contextDir);
        if (cFiles != null) {
            img.withBuildArg("NB_C_FILES", cFiles);
        }
        img
                .withBuildImageCmdModifier(cmd -> {
                    cmd.withNetworkMode("none");
                    cmd.withForcerm(true); // a failed RUN step must not leave its container behind
                    if (!labels.isEmpty()) {
                        Map<String, String> merged = new LinkedHashMap<>();
                        if (cmd.getLabels() != null) {
                            merged.putAll(cmd.getLabels());
                        }
                        merged.putAll(labels);
                        cmd.withLabels(merged);
                    }
                });
        try {
            img.get();
        } catch (RuntimeException e) {
            String why = oneLine(e);
            // The daemon quotes the whole RUN script; the step's exit code is what matters here.
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("The command '.*' returned a non-zero code: (\\d+)").matcher(why);
            if (m.find()) {
                why = "the build step exited with code " + m.group(1);
            }
            Map<String, String> args = new LinkedHashMap<>();
            args.put("BASE", baseImage);
            args.put("NB_SOURCE", contextDir);
            if (cFiles != null) {
                args.put("NB_C_FILES", cFiles);
            }
            StringBuilder msg = new StringBuilder("C source " + sourceDir + " did not build in the container (" + why
                    + "; Dockerfile " + dockerfileOrigin + ", base " + baseImage + ")");
            List<String> lines = BuildFailure.errorLines(BuildFailure.replay(client(), dockerfile, contextDir, files, args));
            if (!lines.isEmpty()) {
                msg.append("; the compiler said:");
                lines.forEach(l -> msg.append("\n  ").append(l));
            }
            String hint = cFiles == null ? BuildFailure.mainHint(BuildFailure.filesDefiningMain(files)) : null;
            if (hint != null) {
                msg.append("\n").append(hint);
            }
            throw new BackendException(msg.toString(), e);
        }
    }

    /** Reads provenance.properties from the image: the container is created, never started. */
    private static Properties readProvenance(String tag) throws BackendException {
        DockerClient dc = client();
        String id = null;
        try {
            id = dc.createContainerCmd(tag).withNetworkDisabled(true)
                    .withLabels(DockerClientFactory.DEFAULT_LABELS).exec().getId();
            byte[] data = null;
            try (InputStream in = dc.copyArchiveFromContainerCmd(id, PROVENANCE_PATH).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    if (e.isFile()) {
                        data = tar.readAllBytes();
                    }
                }
            }
            if (data == null) {
                throw new BackendException("docker backend: image " + tag + " has no " + PROVENANCE_PATH);
            }
            Properties p = new Properties();
            // Values are plain text (paths, versions, commands): read them verbatim, not as escapes.
            String text = new String(data, StandardCharsets.UTF_8).replace("\\", "\\\\");
            p.load(new StringReader(text));
            return p;
        } catch (IOException | RuntimeException e) {
            throw new BackendException("docker backend: cannot read the provenance of " + tag + ": " + oneLine(e), e);
        } finally {
            if (id != null) {
                try {
                    dc.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // the container never ran; a leftover is removed by scripts/test.sh's cleanup
                }
            }
        }
    }

    /** Build products of c-reference's Makefile: never sent (a stale build_info.h would lie). */
    static final List<String> REFERENCE_PRODUCTS = List.of("nanobragg-ref", "nanobragg-ref-asan",
            "tools/nbcmp", "build_info.h", "build_info.h.tmp", ".cflags");

    /**
     * The files of a source directory that go into the build context, by relative path (with
     * {@code /}), sorted by the bytes of the path as {@code LC_ALL=C sort} orders them. Skips
     * {@code .git}, object files and, for c-reference, its build products: those listed in
     * {@link #REFERENCE_PRODUCTS}, under {@code build/}, or named by {@code c-reference/.gitignore}
     * (as the repository's .dockerignore does).
     */
    static Map<String, Path> contextFiles(Path dir, boolean cReference) throws BackendException {
        Map<String, Path> out = new TreeMap<>(DockerBackend::compareBytes);
        List<java.nio.file.PathMatcher> ignored = new ArrayList<>();
        if (cReference && Files.isRegularFile(dir.resolve(".gitignore"))) {
            try {
                for (String line : Files.readAllLines(dir.resolve(".gitignore"))) {
                    String g = line.strip();
                    if (!g.isEmpty() && !g.startsWith("#") && !g.startsWith("!")) {
                        g = g.startsWith("/") ? g.substring(1) : g;
                        ignored.add(dir.getFileSystem().getPathMatcher("glob:" + g));
                        if (!g.contains("/")) {
                            ignored.add(dir.getFileSystem().getPathMatcher("glob:**/" + g));
                        }
                    }
                }
            } catch (IOException e) {
                throw new BackendException("docker backend: cannot read " + dir.resolve(".gitignore"), e);
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                if (rel.equals(".git") || rel.startsWith(".git/") || rel.contains("/.git/")
                        || name.endsWith(".o") || name.endsWith(".a")) {
                    continue;
                }
                if (cReference && (rel.startsWith("build/") || REFERENCE_PRODUCTS.contains(rel)
                        || ignored.stream().anyMatch(m -> m.matches(Path.of(rel))))) {
                    continue;
                }
                out.put(rel, p);
            }
        } catch (IOException e) {
            throw new BackendException("docker backend: cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The source manifest exactly as the Dockerfile writes it: {@code sha256sum} lines. */
    static String manifest(Map<String, Path> files) throws BackendException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            try {
                sb.append(Canonical.sha256(Files.readAllBytes(e.getValue()))).append("  ").append(e.getKey()).append('\n');
            } catch (IOException ex) {
                throw new BackendException("docker backend: cannot read " + e.getValue() + ": " + ex.getMessage(), ex);
            }
        }
        return sb.toString();
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------
    // Run

    /** The id of the image the runs use (built or found first), without its {@code sha256:} prefix. */
    @Override
    public String programDigest() throws BackendException {
        return image().id().replace("sha256:", "");
    }

    @Override
    public CRun run(CRunRequest request) throws BackendException {
        ImageInfo img = image();
        Path out = request.outputDir();
        try {
            Files.createDirectories(out);
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new BackendException("docker backend: output directory is not empty: " + out);
                }
            }
        } catch (IOException e) {
            throw new BackendException("docker backend: cannot create " + out + ": " + e.getMessage(), e);
        }
        Map<String, String> inputSha = new TreeMap<>();
        for (Map.Entry<String, Path> in : request.inputs().entrySet()) {
            if (!Files.isRegularFile(in.getValue())) {
                throw new BackendException("input " + in.getKey() + " missing: " + in.getValue());
            }
            if (in.getKey().startsWith("/") || Path.of(in.getKey()).normalize().startsWith("..")) {
                throw new BackendException("input name must be relative: " + in.getKey());
            }
            try {
                inputSha.put(in.getKey(), Canonical.sha256(Files.readAllBytes(in.getValue())));
            } catch (IOException e) {
                throw new BackendException("cannot read input " + in.getValue() + ": " + e.getMessage(), e);
            }
        }
        int threads = Math.max(1, request.ompThreads());
        double cpus = Math.min(threads, Runtime.getRuntime().availableProcessors()); // one CPU per OpenMP thread
        long nanoCpus = Math.round(cpus * 1e9);

        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("backend", "docker");
        prov.put("image.tag", img.tag());
        prov.put("image.id", img.id());
        img.labels().forEach((k, v) -> {
            if (k.startsWith(LABEL_PREFIX)) {
                prov.put("image.label." + k, v);
            }
        });
        prov.put("base.image", baseImage);
        prov.put("container.network", "none");
        prov.put("container.memory.bytes", Long.toString(memoryBytes));
        prov.put("container.cpus", Double.toString(cpus));
        prov.put("OMP_NUM_THREADS", Integer.toString(threads));
        prov.put("timeout.ms", Long.toString(request.timeout().toMillis()));

        long t0 = System.nanoTime();
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(img.tag()))
                .withImagePullPolicy(NEVER_PULL)
                .withNetworkMode("none")
                .withEnv("OMP_NUM_THREADS", Integer.toString(threads))
                .withCommand(request.argv().toArray(String[]::new))
                .withCreateContainerCmdModifier(cmd -> limit(cmd, nanoCpus))
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override // we wait for the exit ourselves (waitContainerCmd)
                    public StartupStatus checkStartupState(DockerClient d, String id) {
                        return StartupStatus.SUCCESSFUL;
                    }
                });
        request.inputs().forEach((name, p) ->
                c.withCopyFileToContainer(MountableFile.forHostPath(p, 0644), WORKDIR + "/" + name));
        try (c) {
            try {
                c.start();
            } catch (RuntimeException e) {
                throw new BackendException("docker backend: container did not start: " + oneLine(e), e);
            }
            DockerClient dc = c.getDockerClient();
            String id = c.getContainerId();
            long started = System.nanoTime();
            int exit;
            try {
                exit = dc.waitContainerCmd(id).start()
                        .awaitStatusCode(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (DockerClientException e) {
                throw new BackendException("C run timed out after " + request.timeout().toMillis()
                        + " ms (container killed): " + String.join(" ", request.argv()), e);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            InspectContainerResponse info = dc.inspectContainerCmd(id).exec();
            if (!img.id().equals(info.getImageId())) {
                throw new BackendException("docker backend: container ran image " + info.getImageId()
                        + ", expected " + img.id() + " (was " + img.tag() + " rebuilt meanwhile?)");
            }
            if (Boolean.TRUE.equals(info.getState().getOOMKilled())) {
                throw new BackendException("C run killed: out of memory (container limit "
                        + memoryBytes + " bytes): " + String.join(" ", request.argv()));
            }
            String stdout = c.getLogs(OutputFrame.OutputType.STDOUT);
            String stderr = c.getLogs(OutputFrame.OutputType.STDERR);
            List<String> written = copyOut(dc, id, out, inputSha);
            prov.put("container.id", id);
            prov.put("container.outputs", String.join(" ", written.stream().sorted().toList()));
            prov.put("container.total.ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
            return new CRun(exit, stdout, stderr, out, wall, Map.copyOf(prov));
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendException("docker backend: " + oneLine(e), e);
        }
    }

    private void limit(CreateContainerCmd cmd, long nanoCpus) {
        HostConfig hc = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
        cmd.withHostConfig(hc.withNetworkMode("none")
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes) // no swap beyond the limit
                .withNanoCPUs(nanoCpus)
                .withPidsLimit(512L)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges")));
    }

    /**
     * Copies {@code /work} out of the (exited) container as a tar and unpacks every regular file
     * into {@code out}, except inputs the program left unchanged.
     *
     * @return the relative paths written
     */
    static List<String> copyOut(DockerClient dc, String id, Path out, Map<String, String> inputSha)
            throws BackendException {
        List<String> written = new ArrayList<>();
        Path root = out.toAbsolutePath().normalize();
        try (InputStream in = dc.copyArchiveFromContainerCmd(id, WORKDIR).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                int slash = name.indexOf('/');
                String rel = slash < 0 ? "" : name.substring(slash + 1); // strip "work/"
                if (rel.isEmpty() || e.isDirectory() || !e.isFile()) {
                    continue;
                }
                Path target = root.resolve(rel).normalize();
                if (!target.startsWith(root)) {
                    throw new BackendException("docker backend: unsafe path in the container output: " + name);
                }
                byte[] data = tar.readAllBytes();
                if (Canonical.sha256(data).equals(inputSha.get(rel))) {
                    continue; // an input, unchanged
                }
                Files.createDirectories(target.getParent());
                Files.write(target, data);
                written.add(rel);
            }
        } catch (IOException | RuntimeException e) {
            throw new BackendException("docker backend: cannot copy " + WORKDIR + " out of the container: "
                    + oneLine(e), e);
        }
        return written;
    }

    // ------------------------------------------------------------------------------------------

    private static byte[] readAll(Path p) throws BackendException {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new BackendException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The deepest cause's message on one line (Docker errors nest several wrappers). */
    static String oneLine(Throwable t) {
        String msg = null;
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x.getMessage() != null && !x.getMessage().isBlank()) {
                msg = x.getMessage();
            }
        }
        return (msg == null ? t.getClass().getSimpleName() : msg).replaceAll("\\s+", " ").trim();
    }
}
