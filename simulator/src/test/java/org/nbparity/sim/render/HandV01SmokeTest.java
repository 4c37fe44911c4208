package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nbparity.sim.config.Shape;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.setup.Setup;

/**
 * Kernel-only check against golden v01 with a Setup built by hand from the values printed in the
 * golden's stdout and trace (no parser involved). Lengths printed with 15 digits are exact for
 * this simple cubic MOSFLM case.
 */
class HandV01SmokeTest {
    static Setup v01() {
        Fixtures.B b = new Fixtures.B();
        b.fpixels = 128;
        b.spixels = 128;
        b.pixel = 0.0001;
        b.distance = 0.1;
        b.pix0 = new double[] {0.1, 0.00625, -0.00665};
        b.oversample = 2;
        b.srcX = new double[] {-1};
        b.srcY = new double[] {-0.0};
        b.srcZ = new double[] {0.0};
        b.n = 5;
        Setup s = b.build();
        double e = 6.123233995736766e-15 * 1e-10;
        Crystal c = s.crystal();
        Crystal c2 = new Crystal(new double[] {100 * 1e-10, e, e}, new double[] {-0.0, 100 * 1e-10, e},
                new double[] {0, -0.0, 100 * 1e-10}, new double[] {0.01, 0, 0},
                new double[] {-6.123233995736766e-19, 0.01, 0}, new double[] {-6.123233995736766e-19, -6.123233995736766e-19, 0.01},
                1e6, 5, 5, 5, Shape.SQUARE, 1, 0, 0, 1, 0, new double[] {0, 0, 1}, 0, 1, c.mosaicUmats());
        return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), c2, s.structureFactors(),
                false, 0, s.fluence(), s.rESqr(), 0, 0, 4, s.render());
    }

    @Test
    void v01CloseToGolden() throws Exception {
        Path shared = Path.of(System.getProperty("nb.shared", "../shared"));
        Path g = shared.resolve("golden/v01_mosflm_cubic_noise/float.bin.gz");
        float[] exp = ImageParity.readFloatGz(g);
        RenderResult r = Renderer.render(v01(), new PrintStream(new ByteArrayOutputStream()));
        ImageParity p = ImageParity.compare(exp, r.floatImage());
        System.out.println("[hand-v01] " + p.summary("v01 hand setup") + " maxI=" + r.maxI());
        assertTrue(p.fraction() > 0.9, p.summary("v01"));
    }
}
