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
 * ReaderFuzzTestInputs/&lt;method&gt;/. Fuzz one at a time as simulator/README.md shows
 * (JAZZER_FUZZ=1, JUnit timeouts off, -Dtest='ReaderFuzzTest#hkl').
 */
class ReaderFuzzTest {
    private static final Path CWD = FuzzSupport.runDirectory("readers");
    /** A small crystal and detector so that setup is quick; the file under test is added. */
    private static final String[] BASE = {"-cell", "70", "80", "90", "90", "90", "90", "-default_F", "1",
        "-detpixels", "8", "-N", "2"};

    /** Writes the file into the run directory and runs parse and setup with {@code flag name}. */
    private static void throughSetup(byte[] file, String name, String... flags) {
        FuzzSupport.write(CWD.resolve(name), file);
        for (String flag : flags) {
            String[] args = new String[BASE.length + 2];
            System.arraycopy(BASE, 0, args, 0, BASE.length);
            args[BASE.length] = flag;
            args[BASE.length + 1] = name;
            FuzzSupport.expectResultOrUsageError(() -> Main.prepare(args, -1, FuzzSupport.SINK, FuzzSupport.SINK, CWD));
        }
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
        throughSetup(file, "in.mat", "-mat");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void smv(byte[] file) {
        throughSetup(file, "in.img", "-img", "-mask");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void sourcefile(byte[] file) {
        throughSetup(file, "in.txt", "-sourcefile");
    }

    @Timeout(5)
    @FuzzTest(maxDuration = "10m")
    void stol(byte[] file) {
        throughSetup(file, "in.stol", "-stol");
    }
}
