package org.nbparity.harness.backend;

import java.io.IOException;
import java.nio.file.Path;

/** Chooses the C backend: {@code docker}, {@code local}, {@code prebuilt} or {@code recorded}. */
public final class Backends {
    private Backends() {
    }

    /** The default backend name: docker when an engine answers, else local. */
    public static String defaultName() {
        return dockerEngineAnswers() ? "docker" : "local";
    }

    /**
     * The docker backend: the repository's Dockerfile building {@code c-reference/}, or the
     * user-supplied source folder {@code cSource} (its C files selected by {@code cFiles}, null = *.c).
     */
    public static CBackend docker(Path repoRoot, Path cSource, String cFiles) throws BackendException {
        return docker(repoRoot, cSource, cFiles, 0);
    }

    /**
     * {@link #docker(Path, Path, String)} with each container's memory limit in MiB (0: the
     * default 2 GiB). The base image is {@code NBPARITY_BASE_IMAGE} when set, as for
     * {@code scripts/build-image.sh}.
     */
    public static CBackend docker(Path repoRoot, Path cSource, String cFiles, long memoryMib) throws BackendException {
        if (!dockerEngineAnswers()) {
            throw new BackendException("no container engine answers (DOCKER_HOST or /var/run/docker.sock); "
                    + "use --c-backend local or prebuilt");
        }
        DockerBackend d = new DockerBackend(repoRoot, cSource);
        String base = System.getenv("NBPARITY_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            d.withBaseImage(base);
        }
        if (memoryMib > 0) {
            d.withMemoryLimit(memoryMib << 20);
        }
        return cFiles == null ? d : d.withCFiles(cFiles);
    }

    /**
     * True when a Docker-API engine answers {@code GET /_ping} within two seconds: the one ping of
     * the harness ({@link DockerBackend#pingEngine(String)}). The system property
     * {@code nbparity.docker.host} overrides {@code DOCKER_HOST} (tests point it at a socket where
     * nothing answers).
     */
    public static boolean dockerEngineAnswers() {
        return DockerBackend.pingEngine(System.getProperty("nbparity.docker.host", System.getenv("DOCKER_HOST"))) == null;
    }
}
