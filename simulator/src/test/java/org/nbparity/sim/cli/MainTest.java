package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nbparity.sim.testutil.Shared;

/**
 * Bad input and exit codes, run in-process in an empty directory: one line on stderr naming
 * the flag or file, exit 2, nothing written.
 */
class MainTest {
    @TempDir
    Path work;

    private static final String B = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 8";

    private Set<String> files() throws Exception {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private void assertBadInput(String args, String mustMention, Set<String> inputs) throws Exception {
        Shared.Cli c = Shared.cli(work, args.trim().split("\\s+"));
        assertEquals(2, c.rc(), args + "\n" + c.stderr());
        List<String> lines = c.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + c.stderr());
        assertTrue(lines.get(0).startsWith("nanobragg: error: "), lines.get(0));
        assertTrue(lines.get(0).contains(mustMention), lines.get(0) + " should name " + mustMention);
        assertFalse(c.stderr().contains("Exception"), c.stderr());
        assertEquals(inputs, files(), "nothing written for " + args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-hkl missing.hkl|missing.hkl",
        "-mat missing.mat|missing.mat",
        "-sourcefile missing.txt|missing.txt",
        "-img missing.img|missing.img",
        "-mask missing.img|missing.img",
        "-stol missing.stol|missing.stol",
    })
    void missingInputFileIsExit2(String flagAndFile, String file) throws Exception {
        assertBadInput(B + " " + flagAndFile, file, Set.of());
    }

    @Test
    void zeroDistanceAutoSelectsOneFoldOversamplingAsUpstream() {
        // -beam_vector along the MOSFLM detector's fast axis puts the sample in the detector plane
        // (distance 0): upstream's recommended oversample is (int) ceil(inf) = INT_MIN -> 1 (U2079);
        // a saturating Java cast rendered 2^31-1 subpixels per axis and never finished
        Shared.Cli c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Shared.cli(work, (B + " -N 3 -beam_vector 0 0 1 -floatfile f.bin").split(" ")));
        assertEquals(0, c.rc(), c.stderr());
        assertTrue(c.stdout().contains("auto-selected 1-fold oversampling\n"), c.stdout());
        assertTrue(c.stdout().contains("  distance=0 detsize=0.0008x0.0008"), c.stdout());
    }

    @Test
    void unreadableFileIsExit2() throws Exception {
        Files.createDirectory(work.resolve("dir.hkl"));
        assertBadInput(B + " -hkl dir.hkl", "dir.hkl", Set.of("dir.hkl"));
    }

    @Test
    void notAnSmvFileIsExit2() throws Exception {
        Files.writeString(work.resolve("x.img"), "hello\n".repeat(200));
        assertBadInput(B + " -img x.img", "x.img", Set.of("x.img"));
    }

    @Test
    void malformedHklLineIsExit2AndNoDumpIsWritten() throws Exception {
        Files.writeString(work.resolve("bad.hkl"), "1 2 3 4\n1 2 x 5\n");
        assertBadInput(B + " -hkl bad.hkl", "bad.hkl line 2", Set.of("bad.hkl"));
    }

    @Test
    void emptyHklIsExit2() throws Exception {
        Files.writeString(work.resolve("e.hkl"), "\n");
        assertBadInput(B + " -hkl e.hkl", "e.hkl", Set.of("e.hkl"));
    }

    @Test
    void shortMatFileIsExit2() throws Exception {
        Files.writeString(work.resolve("a.mat"), "1 2 3\n");
        assertBadInput("-mat a.mat -default_F 1", "a.mat", Set.of("a.mat"));
    }

    @Test
    void emptySourcefileIsExit2() throws Exception {
        Files.writeString(work.resolve("s.txt"), "\n\n");
        assertBadInput(B + " -sourcefile s.txt", "s.txt", Set.of("s.txt"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-distance abc|-distance",
        "-lambda 1.2x|-lambda",
        "-N five|-N",
        "-cell 70 eighty 90|-cell",
        "-misset 1 2 three|-misset",
        "-detector_abs thick|-detector_abs",
        "-mode turbo|-mode",
        "-threads 0|-threads",
        "-trace_level all|-trace_level",
    })
    void nonNumericOrBadValueIsExit2(String args, String flag) throws Exception {
        assertBadInput(B + " " + args, flag, Set.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-distance|-distance",
        "-roi 0 1 2|-roi",
        "-fdet_vector 0 1|-fdet_vector",
        "-misset 10 20|-misset",
        "-hkl|-hkl",
        "-detector_thick|-detector_thick",
        "-thicksteps|-thicksteps",
        "-trace_pixel 5|-trace_pixel",
        "-printout_pixel 3|-printout_pixel",
    })
    void valuesMissingAtTheEndAreExit2(String args, String flag) throws Exception {
        assertBadInput(B + " " + args, flag, Set.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-detpixels -5|-detpixels",
        "-detpixels_x -1|-detpixels_x",
        "-detpixels_s -8|-detpixels_s",
    })
    void negativePixelCountsAreExit2(String args, String flag) throws Exception {
        assertBadInput(B + " " + args, flag, Set.of());
    }

    @Test
    void missingCrystalOrStructureFactorsIsExit2() throws Exception {
        assertBadInput("-default_F 1 -detpixels 8", "-cell", Set.of());
        assertBadInput("-cell 70 80 90 90 90 90 -detpixels 8", "-default_F", Set.of());
    }

    @Test
    void helpPrintsUsageAndExits0() {
        Shared.Cli c = Shared.cli(work, "-help");
        assertEquals(0, c.rc());
        assertTrue(c.stdout().startsWith("usage: nanobragg"));
        assertTrue(c.stdout().contains("-mode compat|fixed"));
        assertEquals("", c.stderr());
    }

    @Test
    void unknownTokensAreWarnedAboutOnce() {
        Shared.Run r = Shared.setup((B + " -frobnicate stray").split(" "), work);
        assertEquals("warning: ignoring unknown option -frobnicate\nwarning: ignoring stray argument 'stray'\n", r.stderr());
        // values of flags (also negative numbers) are not warned about
        assertEquals("", Shared.setup((B + " -Xbeam -3 -misset -1 2 -3").split(" "), work).stderr());
    }

    @Test
    void unwritableOutputIsExit3WithOneLine() throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -noprogress -floatfile nodir/f.bin -intfile i.img").split(" "));
        assertEquals(3, c.rc(), c.stderr());
        assertEquals(1, c.stderr().lines().count(), c.stderr());
        assertTrue(c.stderr().startsWith("nanobragg: I/O error: "), c.stderr());
        assertFalse(Files.exists(work.resolve("nodir")));
    }

    /** With -threads 2 the files are written in the background: same exit, message and stdout. */
    @Test
    void unwritableOutputWithTwoThreadsIsExit3WithOneLineAndTheSameStdout() throws Exception {
        String args = B + " -seed 5 -nopgm -noprogress -floatfile f.bin -intfile nodir/i.img -noisefile n.img";
        Shared.Cli one = Shared.cli(work, (args + " -threads 1").split(" "));
        Files.delete(work.resolve("f.bin"));
        Shared.Cli two = Shared.cli(work, (args + " -threads 2").split(" "));
        assertEquals(3, two.rc(), two.stderr());
        assertEquals(1, two.stderr().lines().count(), two.stderr());
        assertEquals(one.stderr(), two.stderr());
        assertEquals(one.stdout(), two.stdout());
        assertTrue(two.stdout().endsWith("writing nodir/i.img as 2-byte integers\n"), two.stdout());
        assertTrue(Files.exists(work.resolve("f.bin")));
        assertFalse(Files.exists(work.resolve("n.img")));
        try (java.util.stream.Stream<Path> files = Files.list(work)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    /** With -threads 2 the -hkl file is read ahead in the background: same output and errors, same place. */
    @Test
    void hklReadAheadGivesTheSameStdoutAndErrors() throws Exception {
        String cell = "-cell 70 80 90 90 90 90 -detpixels 8 -nonoise -nopgm -noprogress -hkl x.hkl";
        String[] files = {"1 2 3 10\n-1 0 2 20.5\n", "1 2 3 10\n1.0 2 3 7\n", "1 2 3 10\nfoo\n", "", "1 2"};
        for (String text : files) {
            Files.writeString(work.resolve("x.hkl"), text);
            Shared.Cli one = Shared.cli(work, (cell + " -threads 1").split(" "));
            byte[] dump = Files.exists(work.resolve("Fdump.bin")) ? Files.readAllBytes(work.resolve("Fdump.bin")) : null;
            Files.deleteIfExists(work.resolve("Fdump.bin"));
            Shared.Cli two = Shared.cli(work, (cell + " -threads 2").split(" "));
            assertEquals(one.rc(), two.rc(), text);
            assertEquals(one.stdout(), two.stdout(), text);
            assertEquals(one.stderr(), two.stderr(), text);
            if (dump != null) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(dump, Files.readAllBytes(work.resolve("Fdump.bin")), text);
            }
            Files.deleteIfExists(work.resolve("Fdump.bin"));
        }
        Files.delete(work.resolve("x.hkl"));
        Shared.Cli missing = Shared.cli(work, (cell + " -threads 2").split(" "));
        assertEquals(Shared.cli(work, (cell + " -threads 1").split(" ")).stderr(), missing.stderr());
        assertEquals(2, missing.rc());
    }

    @Test
    void plainJvmRelaunchesItselfWithTheForeignApiAndKeepsStderrClean() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-cell", "70", "80", "90", "90", "90", "90", "-default_F", "1", "-detpixels", "8",
                "-nonoise", "-nopgm", "-noprogress", "-floatfile", "f.bin", "-intfile", "i.img");
        pb.directory(work.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        assertEquals("", err);
        assertTrue(out.startsWith("nanoBragg nanocrystal diffraction simulator"), out);
        assertTrue(Files.size(work.resolve("f.bin")) == 8 * 8 * 4);
    }
}
