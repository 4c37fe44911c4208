package org.nbparity.sim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.io.AtomicFiles;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Setup;

/**
 * With several threads, OutputStage converts in row bands and writes from a background thread
 * ({@link OrderedWrites}); files, stdout and the failure behaviour must be those of one thread.
 */
class OutputStageThreadsTest {
    @TempDir
    Path dir;

    private static final int F = 157;
    private static final int S = 301; // enough rows for several bands

    private static float[] image() {
        float[] image = new float[F * S];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) ((i * 7919L % 10007) * 0.37 + (i % 13 == 0 ? 3e5 : 0));
        }
        return image;
    }

    /** The run's stdout and every file in its directory, or the error message as "!" + message. */
    private record Run(String stdout, Map<String, byte[]> files) {
    }

    private Run run(String name, int threads, Roi roi, AtomicFiles files) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        Setup setup = OutputStageTest.setup(F, S, roi, 0.00665, 0.00625, 67);
        RenderResult result = OutputStageTest.result(image(), F, roi);
        OutputOptions options = OutputStageTest.options(true, true, 0, 0, 40, -7, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.US_ASCII);
        String error = "";
        try {
            OutputStage.write(setup, options, result, new Ran1(), ps, work, files, threads);
        } catch (UncheckedIOException e) {
            error = "!" + e.getMessage().replace(work.toString(), "<dir>");
        }
        Map<String, byte[]> content = new TreeMap<>();
        try (Stream<Path> list = Files.list(work)) {
            for (Path p : list.toList()) {
                content.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return new Run(out.toString(StandardCharsets.US_ASCII) + error, content);
    }

    private static void assertSameRun(Run want, Run got) {
        assertEquals(want.stdout(), got.stdout());
        assertEquals(want.files().keySet(), got.files().keySet());
        for (String name : want.files().keySet()) {
            assertArrayEquals(want.files().get(name), got.files().get(name), name);
        }
    }

    @Test
    void filesAndStdoutDoNotDependOnTheThreadCount() throws IOException {
        for (Roi roi : List.of(new Roi(0, F, 0, S), new Roi(-5, 90, 17, 1000), new Roi(3, 2, 0, S))) {
            Run one = run("one" + roi.xmin() + roi.xmax(), 1, roi, AtomicFiles.DEFAULT);
            assertEquals(List.of("float.bin", "image.pgm", "int.img", "noise.img"), List.copyOf(one.files().keySet()));
            for (int threads : new int[] {2, 3, 8}) {
                assertSameRun(one, run("t" + threads + "_" + roi.xmin() + roi.xmax(), threads, roi, AtomicFiles.DEFAULT));
            }
        }
    }

    /**
     * A failing file stops stdout at its "writing" line and leaves the earlier files in place,
     * no later file and no temporary file, whether or not the writes run in the background.
     */
    @Test
    void failureLeavesTheSameFilesAndStdoutAsOneThread() throws IOException {
        Roi all = new Roi(0, F, 0, S);
        for (String failing : List.of("float.bin", "int.img", "image.pgm", "noise.img")) {
            for (boolean atOpen : new boolean[] {true, false}) {
                AtomicFiles files = new AtomicFiles(temp -> {
                    OutputStream real = Files.newOutputStream(temp);
                    if (!temp.getFileName().toString().startsWith("." + failing + ".tmp")) {
                        return real;
                    }
                    if (atOpen) {
                        real.close();
                        throw new IOException("No space left on device");
                    }
                    return new OutputStream() { // fails after part of the data
                        private long n;

                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            n += len;
                            if (n > 3000) {
                                throw new IOException("Input/output error");
                            }
                            real.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            real.close();
                        }
                    };
                });
                String tag = failing + atOpen;
                Run one = run("one" + tag, 1, all, files);
                Run two = run("two" + tag, 2, all, files);
                assertSameRun(one, two);
                assertEquals(List.of(), two.files().keySet().stream().filter(n -> n.startsWith(".")).toList(), tag);
                assertEquals(List.of("float.bin", "int.img", "image.pgm", "noise.img").indexOf(failing),
                        two.files().size(), tag + ": only the files before the failing one");
                String message = atOpen ? "No space left on device" : "Input/output error";
                String stdout = two.stdout();
                String[] lines = stdout.substring(0, stdout.indexOf('!')).split("\n");
                assertEquals("writing " + failing + " as", lines[lines.length - 1].substring(0, 11 + failing.length()), tag);
                assertEquals("!cannot write <dir>/" + failing + ": " + message, stdout.substring(stdout.indexOf('!')), tag);
            }
        }
    }
}
