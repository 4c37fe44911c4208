package org.nbparity.harness.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What a failed C build reports (the log handling; the docker round trip is in RerunnableEvidenceTest). */
class BuildFailureTest {
    @TempDir
    Path tmp;

    @Test
    void compilerLinesLoseTheirEscapesAndTheMainClashStays() {
        StringBuilder log = new StringBuilder("Step 3/9 : RUN set -eu; ...\n ---> Running in 1234\n");
        log.append("/usr/bin/ld: a.o: multiple definition of `main'; b.o: first defined here\n");
        for (int i = 0; i < 8; i++) {
            log.append("\u001B[01m\u001B[K/usr/bin/ld:\u001B[m\u001B[K c.o: multiple definition of `v").append(i).append("'\n");
        }
        log.append("collect2: \u001B[01;31m\u001B[Kerror: \u001B[m\u001B[Kld returned 1 exit status\n");
        log.append("The command '/bin/sh -c set -eu' returned a non-zero code: 1\n");
        List<String> lines = BuildFailure.errorLines(log.toString());
        assertEquals(6, lines.size());
        assertEquals("/usr/bin/ld: a.o: multiple definition of `main'; b.o: first defined here", lines.get(0));
        assertEquals("/usr/bin/ld: c.o: multiple definition of `v7'", lines.get(4));
        assertEquals("collect2: error: ld returned 1 exit status", lines.get(5));
        // no line that looks like an error: the log's last lines
        assertEquals(List.of("a", "b"), BuildFailure.errorLines("a\n\nb\n"));
    }

    @Test
    void severalMainsSuggestTheTopLevelNanoBragg() throws Exception {
        Map<String, Path> files = new TreeMap<>();
        for (String f : List.of("nanoBragg.c", "noisify.c", "cuda/src/nanoBragg.c", "util.c")) {
            Path p = tmp.resolve(f.replace('/', '_'));
            Files.writeString(p, f.equals("util.c") ? "static int helper(int x) { return x; }\n"
                    : "#include <stdio.h>\nint main(int argc, char** argv)\n{\n    return 0;\n}\n");
            files.put(f, p);
        }
        List<String> mains = BuildFailure.filesDefiningMain(files);
        assertEquals(List.of("nanoBragg.c", "noisify.c"), mains);
        assertEquals("several files define main (nanoBragg.c, noisify.c): choose the program with --c-files nanoBragg.c",
                BuildFailure.mainHint(mains));
        assertNull(BuildFailure.mainHint(List.of("nanoBragg.c")));
    }
}
