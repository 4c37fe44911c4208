package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;

/**
 * -compat_threads 2 reproduces the OpenMP facts of each golden case.json (omp_check.threads_2):
 * the number of pixels that differ from the serial image and the first of them. For v07 the
 * OpenMP build is timing dependent (interpolation switch-off race, quirk 28): 6271 pixels in 4 of
 * 5 recorded runs, which the lockstep model of Renderer reproduces.
 */
class GoldenOmpCheckTest {
    static Stream<String> cases() {
        return Stream.of(GoldenImageTest.CASES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compatThreads2MatchesOmpCheck(String name) throws IOException {
        Path dir = GoldenImageTest.caseDir(name);
        String json = Files.readString(dir.resolve("case.json"));
        String t2 = json.substring(json.indexOf("\"threads_2\""));
        t2 = t2.substring(0, t2.indexOf('}'));
        Matcher n = Pattern.compile("\"n_pixels_differing\"\\s*:\\s*(\\d+)").matcher(t2);
        n.find();
        int expected = Integer.parseInt(n.group(1));
        List<int[]> first = new ArrayList<>();
        Matcher fm = Pattern.compile("\"differing_pixels_first\"\\s*:\\s*\\[((?:\\s*\\[\\s*\\d+\\s*,\\s*\\d+\\s*\\]\\s*,?)*)")
                .matcher(t2);
        if (fm.find()) {
            Matcher p = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\]").matcher(fm.group(1));
            while (p.find()) {
                first.add(new int[] {Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2))});
            }
        }
        float[] serial = ImageParity.readFloatGz(dir.resolve("float.bin.gz"));
        Setup s = GoldenImageTest.setup(name, List.of("-mode", "compat"));
        RenderOptions o = s.render();
        s = Fixtures.withRender(s, new RenderOptions(2, 2, false, -1, -1, false, o.progressPixels(), null));
        float[] img = Renderer.render(s, new PrintStream(OutputStream.nullOutputStream())).floatImage();
        int[] diff = ThreadingTest.differing(serial, img);
        int fpixels = s.detector().fpixels();
        System.out.printf("[omp] %s: compat_threads 2 differs from serial at %d pixels (OpenMP build: %d)%n",
                name, diff.length, expected);
        assertEquals(expected, diff.length, name);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i)[0], diff[i] / fpixels, "slow index of differing pixel " + i);
            assertEquals(first.get(i)[1], diff[i] % fpixels, "fast index of differing pixel " + i);
        }
    }
}
