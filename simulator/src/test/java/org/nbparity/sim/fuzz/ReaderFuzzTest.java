package org.nbparity.sim.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.crystal.HklLoader;

/**
 * Fuzzes every input-file reader with arbitrary file contents: any file ends in a result or in
 * the one-line input error (exit 2). The HKL and Fdump readers are called directly; -mat,
 * -img/-mask, -sourcefile and -stol go through parse and setup (Main.prepare) as the program
 * reads them, so values taken from the file flow on through setup. Seeds:
 * ReaderFuzzTestInputs/&lt;method&gt;/. Fuzz one at a time with
 * {@code JAZZER_FUZZ=1 mvn -pl simulator test -Dtest='ReaderFuzzTest#hkl'}.
 */
class ReaderFuzzTest {
    private static final Path CWD = FuzzSupport.runDirectory("readers");
    /** A small crystal and detector so that setup is quick; the file under test is added. */
    private static final String[] BASE = {"-cell", "70", "80", "90", "90", "90", "90", "-default_F", "1",
        "-detpixels", "8", "-N", "2"};

    private static void prepareWith(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        FuzzSupport.expectResultOrUsageError(() -> Main.prepare(args, -1, FuzzSupport.SINK, FuzzSupport.SINK, CWD));
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void hkl(byte[] file) {
        Path in = CWD.resolve("in.hkl");
        FuzzSupport.write(in, file);
        FuzzSupport.expectResultOrUsageError(() -> HklLoader.readHkl(in, "in.hkl", 0.0,
                CWD.resolve("Fdump.bin"), "Fdump.bin", FuzzSupport.SINK));
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void fdump(byte[] file) {
        FuzzSupport.expectResultOrUsageError(() -> HklLoader.readDump(file, "Fdump.bin", 0.0, FuzzSupport.SINK));
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void mat(byte[] file) {
        FuzzSupport.write(CWD.resolve("in.mat"), file);
        prepareWith("-mat", "in.mat");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void smv(byte[] file) {
        FuzzSupport.write(CWD.resolve("in.img"), file);
        prepareWith("-img", "in.img");
        prepareWith("-mask", "in.img");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void sourcefile(byte[] file) {
        FuzzSupport.write(CWD.resolve("in.txt"), file);
        prepareWith("-sourcefile", "in.txt");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void stol(byte[] file) {
        FuzzSupport.write(CWD.resolve("in.stol"), file);
        prepareWith("-stol", "in.stol");
    }
}
