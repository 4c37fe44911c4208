package org.nbparity.harness.backend;

import org.nbparity.harness.cases.Canonical;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sha256 of what a command actually runs, for env.json: the program the first word resolves
 * to (through {@code PATH} and symbolic links; a script is hashed as the script), every
 * {@code .jar} argument ({@code <prefix>jar_sha256}, the simulator jar) and every other argument
 * naming an existing file ({@code <prefix>arg<i>_sha256}, e.g. the script a wrapper interprets).
 */
public final class ProgramDigests {
    private ProgramDigests() {
    }

    /** The digests of {@code command}, keys starting with {@code prefix}. */
    public static Map<String, String> of(List<String> command, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        if (command.isEmpty()) {
            return m;
        }
        Path program = resolve(command.get(0));
        if (program != null) {
            put(m, prefix + "program", prefix + "program_sha256", program);
        } else {
            m.put(prefix + "program", command.get(0) + " (not found on PATH)");
        }
        boolean jarSeen = false;
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            Path p = Path.of(a);
            if (a.startsWith("-") || !Files.isRegularFile(p)) {
                continue;
            }
            if (a.endsWith(".jar") && !jarSeen) {
                put(m, prefix + "jar", prefix + "jar_sha256", p);
                jarSeen = true;
            } else {
                put(m, prefix + "arg" + i, prefix + "arg" + i + "_sha256", p);
            }
        }
        return m;
    }

    private static void put(Map<String, String> m, String pathKey, String shaKey, Path p) {
        try {
            Path real = p.toRealPath();
            m.put(pathKey, real.toString());
            m.put(shaKey, Canonical.sha256(real));
        } catch (IOException e) {
            m.put(pathKey, p + " (unreadable: " + e.getMessage() + ")");
        }
    }

    /** The executable a command word names: a path as given, else the first match on PATH. */
    static Path resolve(String word) {
        if (word.contains("/")) {
            Path p = Path.of(word);
            return Files.isRegularFile(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, word);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
