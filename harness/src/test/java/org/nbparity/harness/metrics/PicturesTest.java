package org.nbparity.harness.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class PicturesTest {

    @Test
    void picturesShowBothImagesAndTheirDifference(@TempDir Path tmp) throws Exception {
        FloatImage g = ImageMetricsTest.golden("v01_mosflm_cubic_noise"); // 128 x 128
        float[] d = g.data().clone();
        d[64 * 128 + 32] *= 1.5f;   // brighter at (64, 32)
        d[10 * 128 + 100] *= 0.5f;  // dimmer at (10, 100)
        FloatImage c = new FloatImage(g.shape(), d);
        Pictures.Encoded e = Pictures.encode(g, c, "C", "Java");
        Path ref = tmp.resolve("c.png");
        Path cand = tmp.resolve("java.png");
        Path dif = tmp.resolve("diff.png");
        Files.write(ref, e.reference());
        Files.write(cand, e.candidate());
        Files.write(dif, e.difference());
        for (Path p : new Path[]{ref, cand, dif}) {
            assertTrue(Files.size(p) > 1000, p.toString());
        }
        BufferedImage diff = ImageIO.read(dif.toFile());
        int z = 4; // 512 / 128
        assertEquals(128 * z, diff.getWidth());
        assertEquals(128 * z + 44, diff.getHeight());
        assertEquals(0xffffff, diff.getRGB(0, 0) & 0xffffff);            // equal: white
        int up = diff.getRGB(32 * z + 1, 64 * z + 1) & 0xffffff;         // candidate higher: red
        int down = diff.getRGB(100 * z + 1, 10 * z + 1) & 0xffffff;      // candidate lower: blue
        assertTrue((up >> 16 & 0xff) > (up & 0xff), Integer.toHexString(up));
        assertTrue((down & 0xff) > (down >> 16 & 0xff), Integer.toHexString(down));
        // same scaling on both intensity pictures: equal pixels have equal colours
        BufferedImage a = ImageIO.read(ref.toFile());
        BufferedImage b = ImageIO.read(cand.toFile());
        assertEquals(a.getRGB(5, 5), b.getRGB(5, 5));
        assertNotEquals(a.getRGB(32 * z + 1, 64 * z + 1), b.getRGB(32 * z + 1, 64 * z + 1));
        Files.createDirectories(Path.of("target", "analysis-samples"));
        for (Path p : new Path[]{ref, cand, dif}) {
            Files.copy(p, Path.of("target", "analysis-samples").resolve(p.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aFullFrameIsAnOverviewWhereNoDifferenceVanishes() throws Exception {
        ImageShape shape = new ImageShape(2100, 1500); // larger than 1024: 3x3 blocks
        float[] ref = new float[shape.pixels()];
        ref[1000 * 1500 + 700] = 50f;                // a lone peak
        float[] cand = ref.clone();
        cand[2099 * 1500 + 1499] = 1e-3f;            // one differing pixel, in the last block
        Pictures.Encoded e = Pictures.encode(new FloatImage(shape, ref), new FloatImage(shape, cand), "C", "Java");
        BufferedImage diff = ImageIO.read(new java.io.ByteArrayInputStream(e.difference()));
        assertEquals(500, diff.getWidth());
        assertEquals(700 + 44, diff.getHeight());
        assertNotEquals(0xffffff, diff.getRGB(499, 699) & 0xffffff, "the differing pixel's block is coloured");
        assertEquals(0xffffff, diff.getRGB(10, 10) & 0xffffff);
        BufferedImage c = ImageIO.read(new java.io.ByteArrayInputStream(e.reference()));
        assertNotEquals(0x000000, c.getRGB(700 / 3, 1000 / 3) & 0xffffff, "the peak's block shows the peak");
        assertEquals(0x000000, c.getRGB(5, 5) & 0xffffff);
    }
}
