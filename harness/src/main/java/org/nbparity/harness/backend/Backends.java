package org.nbparity.harness.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        if (!dockerEngineAnswers()) {
            throw new BackendException("no container engine answers (DOCKER_HOST or /var/run/docker.sock); "
                    + "use --c-backend local or prebuilt");
        }
        DockerBackend d = new DockerBackend(repoRoot, cSource);
        return cFiles == null ? d : d.withCFiles(cFiles);
    }

    /** True when a Docker-API engine answers {@code GET /_ping} within two seconds. */
    public static boolean dockerEngineAnswers() {
        // the system property lets tests point at a socket where nothing answers
        String host = System.getProperty("nbparity.docker.host", System.getenv("DOCKER_HOST"));
        try {
            if (host == null || host.isBlank() || host.startsWith("unix://")) {
                Path sock = Path.of(host == null || host.isBlank() ? "/var/run/docker.sock" : host.substring(7));
                if (!Files.exists(sock)) {
                    return false;
                }
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(sock));
                    ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                    ByteBuffer buf = ByteBuffer.allocate(512);
                    return readsOk(ch, buf);
                } catch (UnsupportedOperationException e) {
                    return false;
                }
            }
            if (host.startsWith("tcp://")) {
                URI u = URI.create(host.replace("tcp://", "http://"));
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 2375 : u.getPort()), 2000);
                    s.setSoTimeout(2000);
                    OutputStream out = s.getOutputStream();
                    out.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    String resp = new String(in.readNBytes(512), StandardCharsets.US_ASCII);
                    return resp.startsWith("HTTP/1.") && resp.contains(" 200 ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean readsOk(SocketChannel ch, ByteBuffer buf) throws IOException {
        long deadline = System.currentTimeMillis() + 2000;
        ch.configureBlocking(false);
        while (System.currentTimeMillis() < deadline && buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            if (n == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        String resp = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        return resp.startsWith("HTTP/1.") && resp.contains(" 200 ");
    }
}
