package org.nbparity.harness.backend;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one external process with Apache Commons Exec: fixed directory, environment, and a watchdog. */
public final class Processes {
    private Processes() {
    }

    /**
     * What a process did.
     *
     * @param exitCode exit status (128+n for signal n, as a shell reports it)
     * @param stdout   its stdout, UTF-8
     * @param stderr   its stderr, UTF-8
     * @param wall     elapsed wall-clock time
     * @param timedOut true when the watchdog killed it
     */
    public record Result(int exitCode, String stdout, String stderr, Duration wall, boolean timedOut) {
    }

    /**
     * Runs {@code command} in {@code dir}; the environment is inherited plus {@code extraEnv}.
     *
     * @throws IOException when the program cannot be started at all
     */
    public static Result run(List<String> command, Path dir, Map<String, String> extraEnv, Duration timeout)
            throws IOException {
        CommandLine cl = new CommandLine(command.get(0));
        for (String a : command.subList(1, command.size())) {
            cl.addArgument(a, false);
        }
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor ex = DefaultExecutor.builder().setWorkingDirectory(dir.toFile()).get();
        ex.setWatchdog(watchdog);
        ex.setExitValues(null); // every exit status is reported, none throws
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ex.setStreamHandler(new PumpStreamHandler(out, err));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnv);
        long t0 = System.nanoTime();
        int code = ex.execute(cl, env);
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                wall, watchdog.killedProcess());
    }

    /** "exit 139 (SIGSEGV)"-style description of an exit status. */
    public static String describeExit(int code) {
        if (code > 128 && code < 160) {
            String sig = switch (code - 128) {
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 8 -> "SIGFPE";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + (code - 128);
            };
            return "exit " + code + " (" + sig + ")";
        }
        return "exit " + code;
    }
}
