package org.nbparity.sim.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.setup.Setup;

/** The supervisor-like case (a) of ../shared/docs/perf-cases.md, set up through the real parser. */
final class PerfCase {
    private PerfCase() {
    }

    static Setup supervisor(String threads) throws IOException {
        Path shared = Path.of(System.getProperty("nb.shared", "../shared")).toAbsolutePath();
        Path in = shared.resolve("golden/inputs");
        String argv = "-mat " + in.resolve("A.mat") + " -floatfile img.bin -hkl " + in.resolve("scaled.hkl")
                + " -nonoise -nointerpolate -oversample 1 -exposure 1"
                + " -flux 1e18 -beamsize 1.0 -spindle_axis -1 0 0 -Xbeam 217.742295 -Ybeam 213.907080"
                + " -distance 231.274660 -lambda 0.976800 -pixel 0.172 -detpixels_x 2463 -detpixels_y 2527"
                + " -odet_vector -0.000088 0.004914 -0.999988 -sdet_vector -0.005998 -0.999970 -0.004913"
                + " -fdet_vector 0.999982 -0.005998 -0.000118 -pix0_vector_mm -216.336293 215.205512 -230.200866"
                + " -beam_vector 0.00051387949 0.0 -0.99999986 -Na 36 -Nb 47 -Nc 29 -osc 0.1 -phi 0 -phisteps 10"
                + " -detector_rotx 0 -detector_roty 0 -detector_rotz 0 -twotheta 0 -threads " + threads;
        Path tmp = Files.createTempDirectory("nbperf");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        try {
            return Main.prepare(argv.split(" "), -1, sink, sink, tmp).setup();
        } finally {
            Files.deleteIfExists(tmp.resolve("Fdump.bin"));
            Files.deleteIfExists(tmp);
        }
    }
}
