package org.nbparity.harness.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.cases.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** env.json: the machine, the JVM, the toolchains and the exact programs of a run. */
final class Env {
    private Env() {
    }

    static ObjectNode collect(RunOptions opt, Map<String, String> cProv, Map<String, String> jProv) {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("schema", "nbparity-env").put("version", 1);
        ObjectNode os = o.putObject("os");
        os.put("name", System.getProperty("os.name")).put("version", System.getProperty("os.version"))
                .put("arch", System.getProperty("os.arch"));
        ObjectNode cpu = o.putObject("cpu");
        cpu.put("model", cpuModel()).put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode jvm = o.putObject("jvm");
        jvm.put("vendor", System.getProperty("java.vendor")).put("version", System.getProperty("java.version"))
                .put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        ObjectNode c = o.putObject("c");
        c.put("backend", opt.backend()).put("omp_num_threads", opt.ompThreads());
        cProv.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> c.put(e.getKey(), e.getValue()));
        ObjectNode j = o.putObject("java");
        j.put("threads", opt.threads());
        jProv.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> j.put(e.getKey(), e.getValue()));
        ObjectNode g = o.putObject("project");
        g.put("git_commit", git(opt.repo(), "rev-parse", "HEAD"));
        g.put("git_dirty", !git(opt.repo(), "status", "--porcelain", "--untracked-files=no").isEmpty());
        return o;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    private static String git(Path repo, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            cmd.addAll(List.of(args));
            Processes.Result r = Processes.run(cmd, repo, Map.of(), Duration.ofSeconds(20));
            return r.exitCode() == 0 ? r.stdout().strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
