package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.testutil.Shared;

/**
 * Every golden case of ../shared/golden: compat against the case folder, fixed against its
 * fixed/ folder, through the real argv parser and setup (cli.Main.prepare). Gates from
 * fixtures/thresholds.json; the bitwise fraction and worst ULP are printed per case.
 */
class GoldenImageTest {
    static final String[] CASES = Shared.CASES.toArray(String[]::new);

    static Path shared() {
        return Shared.shared();
    }

    static Path caseDir(String name) {
        return Shared.caseDir(name);
    }

    /** argv of case.json (a flat list of JSON strings). */
    static List<String> argv(Path caseDir) throws IOException {
        String json = Files.readString(caseDir.resolve("case.json"));
        int a = json.indexOf("\"argv\"");
        int open = json.indexOf('[', a);
        int close = json.indexOf(']', open);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json.substring(open + 1, close));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Copies the case's input files (not outputs) to a fresh run directory, as the oracle runs were. */
    static Path runDir(Path caseDir) throws IOException {
        Path tmp = Files.createTempDirectory("nbgolden");
        try (Stream<Path> s = Files.list(caseDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".mat") || n.endsWith(".hkl"))) {
                    Files.copy(p, tmp.resolve(n));
                }
            }
        }
        return tmp;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The Setup of a golden case through the real parser; extra flags go in front of the argv. */
    static Setup setup(String name, List<String> extra) throws IOException {
        Path dir = caseDir(name);
        List<String> args = new ArrayList<>(extra);
        args.addAll(argv(dir));
        Path run = runDir(dir);
        try {
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            return Main.prepare(args.toArray(new String[0]), -1, sink, sink, run).setup();
        } finally {
            delete(run);
        }
    }

    static Setup withThreads(Setup s, int threads, org.nbparity.sim.trace.TraceRequest tr) {
        RenderOptions o = s.render();
        return Fixtures.withRender(s, new RenderOptions(threads, o.compatThreads(), o.printout(), o.printoutFpixel(),
                o.printoutSpixel(), false, o.progressPixels(), tr));
    }

    static Stream<Arguments> cases() {
        return Stream.of(CASES).flatMap(c -> Stream.of(Arguments.of(c, "compat"), Arguments.of(c, "fixed")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void floatImageMatchesGolden(String name, String mode) throws IOException {
        Path dir = caseDir(name);
        Path golden = mode.equals("fixed") ? dir.resolve("fixed/float.bin.gz") : dir.resolve("float.bin.gz");
        float[] exp = ImageParity.readFloatGz(golden);
        Setup s = setup(name, List.of("-mode", mode));
        RenderResult r = Renderer.render(withThreads(s, 2, null), new PrintStream(new ByteArrayOutputStream()));
        ImageParity.compare(exp, r.floatImage()).assertWithin(ImageParity.Gates.load(), name + " " + mode);
    }

    static Stream<Arguments> identityCases() {
        return Stream.of(Arguments.of("v03_denzo_mat_sparsehkl_phi", "compat"),
                Arguments.of("v07_interpolate_tophat_curved", "compat"),
                Arguments.of("v08_mosflm_thick_oversample_flags", "compat"),
                Arguments.of("v08_mosflm_thick_oversample_flags", "fixed"),
                Arguments.of("v02_xds_triclinic_misset", "compat"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("identityCases")
    void bitwiseIdenticalAcrossThreadsAndTracing(String name, String mode) throws IOException {
        Setup s = setup(name, List.of("-mode", mode));
        int[] ref = ThreadingTest.bits(Renderer.render(withThreads(s, 1, null),
                new PrintStream(OutputStream.nullOutputStream())).floatImage());
        for (int t : new int[] {2, 3, 8}) {
            for (boolean trace : new boolean[] {false, true}) {
                org.nbparity.sim.trace.TraceRequest tr = trace
                        ? new org.nbparity.sim.trace.TraceRequest(40, 50, org.nbparity.sim.trace.TraceLevel.PIXEL) : null;
                int[] got = ThreadingTest.bits(Renderer.render(withThreads(s, t, tr),
                        new PrintStream(OutputStream.nullOutputStream())).floatImage());
                assertArrayEquals(ref, got, name + " " + mode + " threads=" + t + " trace=" + trace);
            }
        }
    }
}
