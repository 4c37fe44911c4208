package org.nbparity.harness.backend;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Why a C source did not build: the build is repeated with its output captured (the failed step
 * is not cached, so the compiler runs again), and the compiler's last error lines are kept,
 * without terminal colour escapes; when several source files define {@code main} (upstream's
 * repository holds several programs) the message suggests {@code --c-files} with the one to build.
 */
final class BuildFailure {
    /** ANSI escape sequences (colours, cursor movement). */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(error:|multiple definition of|undefined reference to|ld returned|No such file|fatal)");
    private static final Pattern MAIN = Pattern.compile("(?m)^[\\w \\t*]*\\bmain\\s*\\([^;]*$");
    private static final int LINES = 6;

    private BuildFailure() {
    }

    /** The build's output, replayed with the same context and arguments (empty when even that fails). */
    static String replay(DockerClient dc, byte[] dockerfile, String contextDir, Map<String, Path> files,
                         Map<String, String> buildArgs) {
        StringBuilder log = new StringBuilder();
        try {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
                t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                add(t, "Dockerfile", dockerfile);
                for (Map.Entry<String, Path> e : files.entrySet()) {
                    add(t, contextDir + "/" + e.getKey(), Files.readAllBytes(e.getValue()));
                }
            }
            var cmd = dc.buildImageCmd(new ByteArrayInputStream(tar.toByteArray()))
                    .withNetworkMode("none").withForcerm(true).withRemove(true);
            buildArgs.forEach(cmd::withBuildArg);
            cmd.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        log.append(item.getStream());
                    }
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        log.append(item.getErrorDetail().getMessage()).append('\n');
                    }
                    super.onNext(item);
                }
            }).awaitCompletion(10, TimeUnit.MINUTES);
        } catch (IOException | RuntimeException e) {
            log.append(e.getMessage() == null ? "" : e.getMessage()).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return log.toString();
    }

    private static void add(TarArchiveOutputStream t, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setMode(0644);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    /** The last compiler error lines of a build log, without escapes (the log's last lines when none looks like one). */
    static List<String> errorLines(String log) {
        List<String> all = new ArrayList<>();
        for (String l : ANSI.matcher(log).replaceAll("").split("\r?\n")) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("Step ") && !s.startsWith("---> ") && !s.startsWith("Removing intermediate")) {
                all.add(s);
            }
        }
        List<String> errors = all.stream().filter(l -> ERROR_LINE.matcher(l).find()
                && !l.startsWith("The command '")).toList();
        List<String> pick = errors.isEmpty() ? all : errors;
        List<String> out = new ArrayList<>(pick.subList(Math.max(0, pick.size() - LINES), pick.size()));
        // the linker lists every clashing symbol; a clash of main says the most: keep its line
        pick.stream().filter(l -> l.contains("definition of `main'")).findFirst().ifPresent(m -> {
            if (!out.contains(m)) {
                out.remove(0);
                out.add(0, m);
            }
        });
        return out;
    }

    /**
     * The C files the default build compiles ({@code *.c} at the top of the source) that define
     * {@code main} (by a definition at the start of a line).
     */
    static List<String> filesDefiningMain(Map<String, Path> files) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!e.getKey().endsWith(".c") || e.getKey().contains("/")) {
                continue;
            }
            try {
                if (MAIN.matcher(Files.readString(e.getValue(), StandardCharsets.ISO_8859_1)).find()) {
                    out.add(e.getKey());
                }
            } catch (IOException ignored) {
                // unreadable: the build reported it
            }
        }
        return out;
    }

    /**
     * The hint for several {@code main}s: {@code --c-files} with the file named like nanoBragg.c
     * (else the first), or null when at most one file defines main.
     */
    static String mainHint(List<String> mains) {
        if (mains.size() < 2) {
            return null;
        }
        String pick = mains.stream().filter(f -> Path.of(f).getFileName().toString().equalsIgnoreCase("nanoBragg.c"))
                .findFirst().orElse(mains.get(0));
        return "several files define main (" + String.join(", ", mains) + "): choose the program with --c-files " + pick;
    }
}
