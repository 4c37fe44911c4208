package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nbparity.sim.testutil.Shared;

/**
 * The command-line side of the detector-native outputs (issue 15): the help lists the flags, the
 * stdout lines, refused values (missing file name: exit 2; unwritable target: exit 3 with one line
 * and no file, not even a temporary one), and upstream's files unchanged when the new outputs are
 * written next to them.
 */
class NativeFormatsCliTest {
    @TempDir
    Path work;

    private static final String B = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 8 -noprogress";

    private List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void helpListsTheFlags() {
        Shared.Cli c = Shared.cli(work, "-h");
        assertEquals(0, c.rc());
        for (String flag : List.of("-cbffile", "-cbfnoisefile", "-nxsfile", "-nxsfloat", "-nxs_nocompress")) {
            assertTrue(c.stdout().contains(flag), flag);
        }
    }

    @Test
    void writesEachFileAndSaysSo() throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " -nopgm -floatfile f.bin -intfile i.img -noisefile n.img -seed 7"
                + " -cbffile i.cbf -cbfnoisefile n.cbf -nxsfile o.nxs -nxs_nocompress").split(" "));
        assertEquals(0, c.rc(), c.stderr());
        assertEquals("", c.stderr());
        assertTrue(c.stdout().contains("writing i.img as 2-byte integers\nwriting i.cbf as miniCBF 4-byte integers\n"),
                c.stdout());
        assertTrue(c.stdout().contains("writing o.nxs as NeXus/NXmx HDF5 (uncompressed)\n"), c.stdout());
        assertTrue(c.stdout().endsWith("writing n.img as 2-byte integers\nwriting n.cbf as miniCBF 4-byte integers\n"),
                c.stdout());
        assertEquals(List.of("f.bin", "i.cbf", "i.img", "n.cbf", "n.img", "o.nxs"), files(work));
        byte[] hdf = Files.readAllBytes(work.resolve("o.nxs"));
        assertEquals("\u0089HDF\r\n\u001a\n", new String(hdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Same bytes whatever the thread count and run (no time stamps): a harness can compare files. */
    @Test
    void filesAreReproducible() throws Exception {
        String common = B + " -detpixels 64 -nonoise -nopgm -no_default_outputs -cbffile i.cbf -nxsfile o.nxs -nxsfloat";
        Path one = Files.createDirectory(work.resolve("one"));
        Path two = Files.createDirectory(work.resolve("two"));
        assertEquals(0, Shared.cli(one, (common + " -threads 1").split(" ")).rc());
        assertEquals(0, Shared.cli(two, (common + " -threads 2").split(" ")).rc());
        for (String f : List.of("i.cbf", "o.nxs")) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f))), f);
        }
    }

    /** -cbfnoisefile alone computes the noise image (with -nonoise, or without any SMV noise file). */
    @Test
    void noiseCbfWithoutSmvNoise() throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -floatfile f.bin -intfile i.img -seed 7"
                + " -cbfnoisefile n.cbf").split(" "));
        assertEquals(0, c.rc(), c.stderr());
        assertTrue(c.stdout().contains("photons on noise image"), c.stdout());
        assertEquals(List.of("f.bin", "i.img", "n.cbf"), files(work));
    }

    /**
     * Bad input, exit 2 with one line naming the flag and no file at all: a missing file name;
     * geometry an NXmx chain cannot express (a zero axis, parallel fast and slow axes, a zero beam
     * or spindle) and a Pilatus header value that is not finite, both refused before the render
     * (not even the float file is written).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-cbffile|-cbffile: missing value",
        "-cbfnoisefile|-cbfnoisefile: missing value",
        "-nxsfile|-nxsfile: missing value",
        "-fdet_vector 0 0 0 -nxsfile o.nxs|-nxsfile: NXmx cannot express this geometry: fdet_vector is the zero vector",
        "-fdet_vector 0 1 0 -sdet_vector 0 1 0 -nxsfile o.nxs|-nxsfile: NXmx cannot express this geometry: "
            + "fdet_vector (0.0 1.0 0.0) and sdet_vector (0.0 1.0 0.0) are parallel",
        "-spindle_axis 0 0 0 -nxsfile o.nxs|-nxsfile: NXmx cannot express this geometry: spindle_axis is the zero vector",
        "-beam_vector 0 0 0 -nxsfile o.nxs|-nxsfile: NXmx cannot express this geometry: beam_vector is the zero vector",
        "-Xbeam 1e308 -cbffile o.cbf|-cbffile: the miniCBF header cannot hold a non-finite Beam_xy (Infinity)",
        "-Xbeam 1e308 -seed 1 -cbfnoisefile o.cbf|-cbfnoisefile: the miniCBF header cannot hold a non-finite Beam_xy (Infinity)",
    })
    void refusedValueIsExit2AndNoFile(String flag, String message) throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -floatfile f.bin -intfile i.img " + flag).split(" "));
        assertEquals("nanobragg: error: " + message + "\n", c.stderr());
        assertEquals(2, c.rc());
        assertEquals(List.of(), files(work));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-cbffile|nodir/x.cbf|no such directory {work}/nodir",
        "-cbfnoisefile|nodir/x.cbf|no such directory {work}/nodir",
        "-nxsfile|nodir/x.nxs|no such directory {work}/nodir",
        "-nxsfile|adir|is a directory",
        "-cbffile|adir|is a directory",
    })
    void unwritableTargetIsOneLineExit3AndNoPartialFile(String flag, String target, String reason) throws Exception {
        Files.createDirectory(work.resolve("adir"));
        Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -no_default_outputs " + flag + " " + target).split(" "));
        assertEquals(3, c.rc(), c.stderr());
        assertEquals("nanobragg: I/O error: cannot write " + work.resolve(target) + ": "
                + reason.replace("{work}", work.toString()) + "\n", c.stderr());
        assertEquals(List.of("adir"), files(work));
        assertEquals(List.of(), files(work.resolve("adir")));
    }

    /** A read-only directory: refused before anything is created (also as root, AtomicFiles). */
    @Test
    void readOnlyDirectoryIsExit3() throws Exception {
        Path ro = Files.createDirectory(work.resolve("ro"));
        ro.toFile().setWritable(false, false);
        try {
            Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -no_default_outputs -nxsfile ro/x.nxs").split(" "));
            assertEquals(3, c.rc(), c.stderr());
            assertEquals("nanobragg: I/O error: cannot write " + ro.resolve("x.nxs") + ": directory " + ro
                    + " is not writable\n", c.stderr());
            assertEquals(List.of(), files(ro));
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    /** Upstream's files stay bit-identical to the golden when the new outputs are written too. */
    @Test
    @SuppressWarnings("unchecked")
    void upstreamFilesUnchangedNextToTheNewOnes() throws Exception {
        String id = "v01_mosflm_cubic_noise";
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        List<String> args = new ArrayList<>(List.of(Shared.argv(cj)));
        args.addAll(List.of("-cbffile", "i.cbf", "-cbfnoisefile", "n.cbf", "-nxsfile", "o.nxs", "-nxsfloat"));
        Shared.Cli c = Shared.cli(work, args.toArray(new String[0]));
        assertEquals(0, c.rc(), c.stderr());
        for (Object o : (List<Object>) cj.get("outputs")) {
            Map<String, Object> out = (Map<String, Object>) o;
            String name = (String) out.get("name");
            byte[] got = Files.readAllBytes(work.resolve(name));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got));
            assertEquals(out.get("sha256"), sha, id + " " + name);
        }
    }

    /** The same vectors are fine for the CBF, which holds no vectors: the check is per format. */
    @Test
    void cbfNeedsNoExpressibleChain() throws Exception {
        Shared.Cli c = Shared.cli(work, (B + " -nonoise -nopgm -no_default_outputs -fdet_vector 0 0 0 -cbffile o.cbf").split(" "));
        assertEquals(0, c.rc(), c.stderr());
        assertEquals(List.of("o.cbf"), files(work));
    }

    /**
     * A full file system, for real: the child JVM runs with RLIMIT_FSIZE at 8 KiB ({@code ulimit -f},
     * with SIGXFSZ ignored so that write() fails with EFBIG instead of killing the process), which
     * needs no privileges and works alike here and in CI (a tmpfs mount needs CAP_SYS_ADMIN, a
     * container may lack it). The write fails mid-file: exit 3, one line, no partial or temporary
     * file. The control run without the limit writes the file, so the limit is what failed it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-cbffile o.cbf|o.cbf",
        "-seed 3 -cbfnoisefile o.cbf|o.cbf",
        "-nxsfile o.nxs -nxs_nocompress|o.nxs",
        "-nxsfile o.nxs -nxsfloat|o.nxs",
    })
    void fullFileSystemIsExit3AndNoPartialFile(String flags, String file) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String argv = "-cell 70 80 90 90 90 90 -default_F 1 -detpixels 128 -noprogress -nonoise -nopgm -no_default_outputs "
                + flags;
        Path limited = Files.createDirectory(work.resolve("limited"));
        Path free = Files.createDirectory(work.resolve("free"));
        String script = "trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"";
        for (Path dir : List.of(limited, free)) {
            List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", script, "bash", dir == limited ? "8" : "unlimited",
                    javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(List.of(argv.split(" ")));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (dir == limited) {
                assertEquals("nanobragg: I/O error: cannot write " + limited.resolve(file) + ": File too large\n", err);
                assertEquals(3, rc);
                assertEquals(List.of(), files(limited));
            } else {
                assertEquals("", err);
                assertEquals(0, rc);
                assertEquals(List.of(file), files(free));
                assertTrue(Files.size(free.resolve(file)) > 8 * 1024, "the file is larger than the limit");
            }
        }
    }
}
