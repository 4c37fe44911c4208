package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.Backends;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Evidence stays re-runnable, and a C source that does not build says why: through the CLI with
 * the docker backend and small C programs written here (never upstream code). Needs a container
 * engine: with CI=true its absence is a failure.
 */
@Tag("docker")
class RerunnableEvidenceTest {
    @TempDir
    Path tmp;

    /** A tiny nanoBragg stand-in: writes -floatfile NAME as -detpixels N squared float32 values of VALUE. */
    private static String tinyC(String value) {
        return """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                int main(int argc, char **argv) {
                    const char *name = "floatimage.bin";
                    int n = 4, i;
                    float v = %s;
                    for (i = 1; i + 1 < argc; i++) {
                        if (strcmp(argv[i], "-floatfile") == 0) name = argv[i + 1];
                        if (strcmp(argv[i], "-detpixels") == 0) n = atoi(argv[i + 1]);
                    }
                    FILE *f = fopen(name, "wb");
                    if (f == NULL) { perror(name); return 3; }
                    for (i = 0; i < n * n; i++) fwrite(&v, 4, 1, f);
                    fclose(f);
                    printf("tiny: %%d pixels of %%g\\n", n * n, v);
                    return 0;
                }
                """.formatted(value);
    }

    @BeforeEach
    void engine() {
        if (!Backends.dockerEngineAnswers()) {
            fail("no container engine answers: these tests need one (scripts/provision.sh)");
        }
    }

    private Path caseFile() throws Exception {
        Path c = tmp.resolve("tiny_case.json");
        Files.writeString(c, """
                {"schema": "nbparity-case", "version": 1, "id": "tiny_case", "description": "re-runnable evidence",
                 "mode": "compat", "argv": ["-detpixels", "4", "-floatfile", "float.bin"], "inputs": [],
                 "image": {"float_file": "float.bin", "shape": [4, 4]},
                 "trace": {"pixels": [], "position": "after", "layout": null},
                 "oracle": {"kind": "live", "dir": null, "outputs": [], "stdout": null, "traces": [], "provenance": {}},
                 "notes": [], "thresholds": "fixtures/thresholds.json"}
                """);
        return c;
    }

    private String fakeJava() throws Exception {
        Path j = tmp.resolve("fake-java.sh");
        Files.writeString(j, "head -c 64 /dev/zero > float.bin\n");
        return "/bin/sh " + j;
    }

    @Test
    void anEarlierBundlesCommandsStillRunAfterTheImageIsRebuilt() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("tiny.c"), tinyC("0.0f"));
        Path reports = tmp.resolve("reports");
        TestEnv.Cli r = TestEnv.nbparity("run", caseFile().toString(), "--c-source", src.toString(),
                "--java-cmd", fakeJava(), "--reports", reports.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Path bundle;
        try (Stream<Path> s = Files.list(reports)) {
            bundle = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode env = Canonical.read(bundle.resolve("env.json"));
        String tag = env.path("c").path("image.tag").asText();
        assertTrue(tag.matches("localhost/nbparity-c:src-[0-9a-f]{16}"), env.toString());
        String cLine = Files.readAllLines(bundle.resolve("commands.txt")).stream()
                .filter(l -> l.contains("docker run")).findFirst().orElseThrow();
        assertTrue(cLine.contains(" " + tag + " "), cLine);
        assertFalse(cLine.contains("sha256:"), "an image id dies with its image: " + cLine);

        // the source changes and is rebuilt (a new content tag), then scripts/test.sh's cleanup runs
        Files.writeString(src.resolve("tiny.c"), tinyC("1.0f"));
        TestEnv.Cli r2 = TestEnv.nbparity("run", caseFile().toString(), "--c-source", src.toString(),
                "--java-cmd", fakeJava(), "--reports", tmp.resolve("reports2").toString());
        assertEquals(1, r2.code(), "the rebuilt C differs from the Java stand-in: " + r2.out() + r2.errors());
        Process prune = new ProcessBuilder("docker", "image", "prune", "-f", "--filter", "label=org.testcontainers=true")
                .redirectErrorStream(true).start();
        prune.getInputStream().readAllBytes();
        assertEquals(0, prune.waitFor());

        // the earlier bundle's C command still runs and reproduces the stored image
        Path out = tmp.resolve("rerun-out");
        Files.createDirectories(out);
        String cmd = cLine.replace("cd \"$(mktemp -d)\"", "cd " + out);
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + "\n" + log);
        byte[] stored;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(bundle.resolve("images/c/float.bin.gz")))) {
            stored = in.readAllBytes();
        }
        assertArrayEquals(stored, Files.readAllBytes(out.resolve("float.bin")));
    }

    @Test
    void aSourceWithSeveralMainsNamesTheCompilerErrorAndSuggestsCFiles() throws Exception {
        Path src = tmp.resolve("two-mains");
        Files.createDirectories(src);
        Files.writeString(src.resolve("nanoBragg.c"), tinyC("0.0f"));
        Files.writeString(src.resolve("tool.c"), "#include <stdio.h>\nint main(void) {\n    puts(\"tool\");\n    return 0;\n}\n");
        TestEnv.Cli r = TestEnv.nbparity("run", caseFile().toString(), "--c-source", src.toString(),
                "--java-cmd", fakeJava(), "--reports", tmp.resolve("reports").toString());
        assertEquals(3, r.code(), r.out() + r.err());
        String e = r.errors();
        assertTrue(e.startsWith("nbparity: C source " + src + " did not build in the container (the build step exited with code 1"), e);
        assertTrue(e.contains("multiple definition of `main'"), e);
        assertFalse(e.contains("\u001B"), "no terminal escapes: " + e);
        assertTrue(e.endsWith("several files define main (nanoBragg.c, tool.c): choose the program with --c-files nanoBragg.c\n"), e);
        // and with the hint followed, it builds and runs
        TestEnv.Cli ok = TestEnv.nbparity("run", caseFile().toString(), "--c-source", src.toString(), "--c-files", "nanoBragg.c",
                "--java-cmd", fakeJava(), "--reports", tmp.resolve("reports").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
    }
}
