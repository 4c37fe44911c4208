package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.testutil.Shared;

/**
 * Forty command lines beyond the goldens (every convention, rotations, custom vectors, pivots,
 * detector sizing, random misset and mosaic seeds, divergence/dispersion grids, sample size and
 * flux, phi rules, thickness, odd cells, -mat with and without -cell, HKL + Fdump, sourcefile,
 * -img/-mask headers, water) whose pre-loop stdout must equal the upstream oracle's byte for
 * byte (oracle-preloop.txt, produced by the oracle binary outside the repository).
 */
class OracleBatteryTest {

    record Block(String args, String stdout) {
    }

    static List<Block> blocks() throws IOException {
        List<Block> out = new ArrayList<>();
        try (InputStream in = OracleBatteryTest.class.getResourceAsStream("oracle-preloop.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String args = null;
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("# ") && args == null) continue;
                if (line.startsWith("### ")) {
                    if (args != null) out.add(new Block(args, sb.toString()));
                    args = line.substring(4);
                    sb.setLength(0);
                } else if (args != null) {
                    sb.append(line).append('\n');
                }
            }
            // the file ends with "\n", which split leaves as one empty trailing element
            String last = sb.toString();
            out.add(new Block(args, last.substring(0, last.length() - 1)));
        }
        return out;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Block> b = blocks();
        return java.util.stream.IntStream.range(0, b.size())
                .mapToObj(i -> Arguments.of(String.format("c%02d", i + 1), b.get(i)));
    }

    private static void writeSmv(Path file, String header, int w, int h, int fill) throws IOException {
        StringBuilder sb = new StringBuilder("{\nHEADER_BYTES=  512;\nDIM=2;\nBYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n");
        sb.append("SIZE1=").append(w).append(";\nSIZE2=").append(h).append(";\n").append(header).append("}\f");
        while (sb.length() < 512) sb.append(' ');
        ByteBuffer bb = ByteBuffer.allocate(512 + 2 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < w * h; i++) bb.putShort((short) (i == 0 ? 0 : fill));
        Files.write(file, bb.array());
    }

    /** The inputs the oracle ran with (A.mat and the sparse hkl come from ../shared). */
    private static void stage(Path dir, String args) throws IOException {
        Files.writeString(dir.resolve("t.hkl"), "0 0 0 10.5\n1 0 0 -2\n0 1 2 3.25\n-1 0 1 7\n");
        Files.writeString(dir.resolve("w.hkl"), "0 0 0 10.000000000004604\n0 0 1 5\n1 1 1 3\n");
        Files.writeString(dir.resolve("src.txt"), "0 0 -10 1 1e-10\n# X Y Z\n1 2\n5 6");
        writeSmv(dir.resolve("m.img"), "PIXEL_SIZE=0.1;\nBEAM_CENTER_Y=0.3;\nWAVELENGTH=2;\n", 12, 10, 1);
        writeSmv(dir.resolve("i.img"), "PIXEL_SIZE=0.2;\nDISTANCE=90;\nCLOSE_DISTANCE=70;\nTWOTHETA=30;\nPHI=10;\n"
                + "OSC_RANGE=1;\nXDS_ORGX=3;\nBEAM_CENTER_X=0.5;\n", 12, 10, 1);
        if (args.contains("A.mat") || args.contains("sparse.hkl")) {
            Path g = Shared.shared().resolve("golden");
            Files.copy(g.resolve("inputs/A.mat"), dir.resolve("A.mat"));
            Files.copy(g.resolve("v03_denzo_mat_sparsehkl_phi/sparse_A_v.hkl"), dir.resolve("sparse.hkl"));
        }
    }

    private static String noMmap(String s) {
        return s.lines().filter(l -> !l.startsWith("mmap(")).collect(Collectors.joining("\n", "", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preLoopStdoutEqualsOracle(String id, Block b, @TempDir Path work) throws Exception {
        stage(work, b.args());
        Shared.Run r = Shared.setup(b.args().split(" "), work);
        assertEquals(noMmap(b.stdout()), noMmap(r.stdout()), id + ": " + b.args());
    }
}
