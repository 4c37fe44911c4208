package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.testutil.Shared;

/**
 * Issue 17 item 3, in both modes: every bad value gets exactly one stderr line naming the flag
 * and the value, exit 2, and no file in the run directory; -h/-help/--help print the help and
 * exit 0; the values upstream gives a meaning to and the tests use stay accepted.
 */
class HelpAndBadValuesTest {
    @TempDir
    Path work;

    private static final String B = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 8";
    private static final String OUT = " -nonoise -nopgm -noprogress -floatfile f.bin -intfile i.img";

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("badValues")
    void badValueIsOneLineExit2AndNoFile(String args, String mode, String message) throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " " + args + OUT + " -mode " + mode).split(" "));
        assertEquals("nanobragg: error: " + message + "\n", c.stderr(), args);
        assertEquals(2, c.rc(), args);
        assertEquals(List.of(), files(), "nothing written for " + args);
    }

    static Stream<Arguments> badValues() {
        String[][] cases = {
            // a flag with fewer numbers than it takes
            {"-cell 100 100", "-cell: needs 6 numbers (a b c alpha beta gamma) or 1 (a cubic cell), got 2"},
            {"-cell 70 80 90 90 90", "-cell: needs 6 numbers (a b c alpha beta gamma) or 1 (a cubic cell), got 5"},
            // NaN and infinite values
            {"-lambda nan", "-lambda: not a finite number: 'nan'"},
            {"-wavelength inf", "-wavelength: not a finite number: 'inf'"},
            {"-distance -inf", "-distance: not a finite number: '-inf'"},
            {"-Xbeam NAN", "-Xbeam: not a finite number: 'NAN'"},
            {"-mosaic infinity", "-mosaic: not a finite number: 'infinity'"},
            {"-N nan", "-N: not a finite number: 'nan'"},
            {"-phisteps inf", "-phisteps: not a finite number: 'inf'"},
            {"-cell 70 80 nan 90 90 90", "-cell: not a finite number: 'nan'"},
            {"-fdet_vector 0 nan 1", "-fdet_vector: not a finite number: 'nan'"},
            {"-misset_seed inf 2 3", "-misset_seed: not a finite number: 'inf'"},
            // physically impossible values
            {"-lambda 0", "-lambda: must be greater than 0, got '0'"},
            {"-lambda -1.5", "-lambda: must be greater than 0, got '-1.5'"},
            {"-energy 0", "-energy: must be greater than 0, got '0'"},
            {"-pixel 0", "-pixel: must be greater than 0, got '0'"},
            {"-pixel -0.1", "-pixel: must be greater than 0, got '-0.1'"},
            {"-distance 0", "-distance: must not be 0, got '0'"},
            {"-close_distance 0.0", "-close_distance: must not be 0, got '0.0'"},
            {"-cell 0 80 90 90 90 90", "-cell: cell edges must be greater than 0, got '0'"},
            {"-cell 70 80 90 90 180 90", "-cell: cell angles must lie between 0 and 180 degrees, got '180'"},
            {"-N -2", "-N: expected a number of unit cells >= 0, got '-2'"},
            {"-Nb -1", "-Nb: expected a number of unit cells >= 0, got '-1'"},
            {"-detpixels 0", "-detpixels: expected a pixel count >= 1, got '0'"},
            {"-detpixels_y 0", "-detpixels_y: expected a pixel count >= 1, got '0'"},
            {"-detsize 0", "-detsize: must be greater than 0, got '0'"},
            {"-detsize_f -5", "-detsize_f: must be greater than 0, got '-5'"},
            {"-phisteps 0", "-phisteps: expected a count >= 1, got '0'"},
            {"-dispsteps 0", "-dispsteps: expected a count >= 1, got '0'"},
            {"-divsteps 0", "-divsteps: expected a count >= 1, got '0'"},
            {"-hdivsteps -1", "-hdivsteps: expected a count >= 1, got '-1'"},
            {"-vdivsteps 0", "-vdivsteps: expected a count >= 1, got '0'"},
            {"-thicksteps 0", "-thicksteps: expected a count >= 1, got '0'"},
            {"-detector_thicksteps 0", "-detector_thicksteps: expected a count >= 1, got '0'"},
            {"-mosaic_domains 0", "-mosaic_domains: expected a count >= 1, got '0'"},
        };
        return Stream.of("compat", "fixed").flatMap(m -> Stream.of(cases).map(c -> Arguments.of(c[0], m, c[1])));
    }

    /** Header values of -img/-mask are checked the same way; the image is the only file left. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-img|WAVELENGTH=0;|-img: x.img: header value WAVELENGTH must be greater than 0, got 0",
        "-mask|PIXEL_SIZE=-0.1;|-mask: x.img: header value PIXEL_SIZE must be greater than 0, got -0.1",
        "-img|DISTANCE=0;|-img: x.img: header value DISTANCE must not be 0, got 0",
        "-img|BEAM_CENTER_X=inf;|-img: x.img: header value BEAM_CENTER_X is not finite, got inf",
    })
    void badHeaderValueIsOneLineExit2(String flag, String key, String message) throws Exception {
        String header = "{\nHEADER_BYTES=512;\nDIM=2;\nSIZE1=4;\nSIZE2=4;\n" + key + "\n}\f";
        byte[] img = new byte[512 + 2 * 16];
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(h, 0, img, 0, h.length);
        Files.write(work.resolve("x.img"), img);
        for (String mode : new String[] {"compat", "fixed"}) {
            Shared.Cli c = Shared.cli(work, (B + " " + flag + " x.img" + OUT + " -mode " + mode).split(" "));
            assertEquals("nanobragg: error: " + message + "\n", c.stderr(), key);
            assertEquals(2, c.rc(), key);
            assertEquals(List.of("x.img"), files(), key);
        }
    }

    /**
     * NaN/inf in the -mat, -sourcefile and -stol files: the input file is the only file left.
     * (HKL values are read as upstream's %lg reads them, inf included: HklLoaderSinglePassTest.)
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "-mat|x.mat|0.01 0 0\\n0 0.01 0\\n0 0 nan\\n|-mat: x.mat: not a finite number: 'nan'",
        "-sourcefile|x.txt|-10 0 0 1 1e-10\\n-10 inf 0 1 1e-10\\n|-sourcefile: x.txt record 2: not a finite number",
        "-stol|x.stol|0.1 1\\n0.2 nan\\n|-stol: x.stol record 2: not a finite number",
    })
    void badValueInAnInputFileIsOneLineExit2(String flag, String name, String content, String message) throws Exception {
        Files.writeString(work.resolve(name), content.replace("\\n", "\n"));
        for (String mode : new String[] {"compat", "fixed"}) {
            Shared.Cli c = Shared.cli(work, (B + " " + flag + " " + name + OUT + " -mode " + mode).split(" "));
            assertEquals("nanobragg: error: " + message + "\n", c.stderr(), content);
            assertEquals(2, c.rc(), content);
            assertEquals(List.of(name), files(), content);
        }
    }

    /** A value with a line break or a NUL is echoed escaped: still one line (NUL refused outright). */
    @org.junit.jupiter.api.Test
    void controlCharactersInAValueStayOnOneLine() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(List.of(B.split(" ")));
        args.addAll(List.of("-lambda", "1\nx"));
        Shared.Cli c = Shared.cli(work, args.toArray(String[]::new));
        assertEquals("nanobragg: error: -lambda: not a number: '1\\nx'\n", c.stderr());
        assertEquals(2, c.rc());
        Shared.Cli nul = Shared.cli(work, "-cell", "70", "80", "90", "90", "90", "90", "-hkl", "a\0b");
        assertEquals("nanobragg: error: 'a\\0b': an argument cannot contain a NUL character\n", nul.stderr());
        assertEquals(2, nul.rc());
        assertEquals(List.of(), files());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "-help", "--help", "-mode fixed -h", B + " --help"})
    void helpPrintsTheUsageAndExits0(String args) throws Exception {
        Shared.Cli c = Shared.cli(work, args.split(" "));
        assertEquals(ArgParser.usage(), c.stdout());
        assertEquals("", c.stderr());
        assertEquals(0, c.rc());
        assertEquals(List.of(), files());
    }

    /**
     * Values upstream gives a meaning to, used by the tests or goldens: -cell with one number (a
     * cubic cell), -N 0 (one cell), a negative -distance (only its size counts, setup.md S11),
     * -oversample 0 (automatic), -detector_abs inf (no thickness).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-cell 100", "-N 0", "-distance -100", "-oversample 0", "-detector_abs inf",
        "-misset -1 2 -3", "-Xbeam -3"})
    void valuesWithAnUpstreamMeaningStayAccepted(String args) throws Exception {
        for (String mode : new String[] {"compat", "fixed"}) {
            Shared.Cli c = Shared.cli(work, (B + " " + args + OUT + " -mode " + mode).split(" "));
            assertEquals("", c.stderr(), args);
            assertEquals(0, c.rc(), args);
            assertEquals(List.of("f.bin", "i.img"), files(), args);
            Files.delete(work.resolve("f.bin"));
            Files.delete(work.resolve("i.img"));
        }
    }
}
