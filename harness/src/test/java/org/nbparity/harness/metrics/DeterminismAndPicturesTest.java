package org.nbparity.harness.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DeterminismAndPicturesTest {

    @Test
    void determinismProbeListsDifferingPixels() {
        FloatImage g = ImageMetricsTest.golden("v01_mosflm_cubic_noise");
        Map<String, FloatImage> runs = new LinkedHashMap<>();
        runs.put("java_1_thread", g);
        runs.put("java_4_threads", new FloatImage(g.shape(), g.data().clone()));
        runs.put("java_traced", ImageMetricsTest.ulpShift(g, 1, 130, 129 + 128 * 100));
        DeterminismResult r = Determinism.compare(runs);
        assertFalse(r.deterministic());
        assertEquals("java_1_thread", r.baseline());
        assertEquals(0, r.runs().get(0).differingPixels());
        DeterminismResult.Run t = r.runs().get(1);
        assertEquals("java_traced", t.label());
        assertEquals(2, t.differingPixels());
        assertEquals(1, t.maxUlps());
        assertEquals(1, t.firstDiffering().get(0).slow());
        assertEquals(2, t.firstDiffering().get(0).fast());
        assertEquals(101, t.firstDiffering().get(1).slow());
        assertEquals(1, t.firstDiffering().get(1).fast());
        assertTrue(MetricsMarkdown.renderDeterminism(r).contains("| java_traced | 2 | 1 |"));
        Map<String, FloatImage> same = new LinkedHashMap<>();
        same.put("a", g);
        same.put("b", g);
        assertTrue(Determinism.compare(same).deterministic());
    }

    @Test
    void picturesShowBothImagesAndTheirDifference(@TempDir Path tmp) throws Exception {
        FloatImage g = ImageMetricsTest.golden("v01_mosflm_cubic_noise"); // 128 x 128
        float[] d = g.data().clone();
        d[64 * 128 + 32] *= 1.5f;   // brighter at (64, 32)
        d[10 * 128 + 100] *= 0.5f;  // dimmer at (10, 100)
        FloatImage c = new FloatImage(g.shape(), d);
        Pictures.Written w = Pictures.write(g, c, tmp, "C", "Java");
        assertEquals(tmp.resolve("image_C.png"), w.reference());
        for (Path p : new Path[]{w.reference(), w.candidate(), w.difference()}) {
            assertTrue(Files.size(p) > 1000, p.toString());
        }
        BufferedImage diff = ImageIO.read(w.difference().toFile());
        int z = 4; // 512 / 128
        assertEquals(128 * z, diff.getWidth());
        assertEquals(128 * z + 44, diff.getHeight());
        assertEquals(0xffffff, diff.getRGB(0, 0) & 0xffffff);            // equal: white
        int up = diff.getRGB(32 * z + 1, 64 * z + 1) & 0xffffff;         // candidate higher: red
        int down = diff.getRGB(100 * z + 1, 10 * z + 1) & 0xffffff;      // candidate lower: blue
        assertTrue((up >> 16 & 0xff) > (up & 0xff), Integer.toHexString(up));
        assertTrue((down & 0xff) > (down >> 16 & 0xff), Integer.toHexString(down));
        // same scaling on both intensity pictures: equal pixels have equal colours
        BufferedImage a = ImageIO.read(w.reference().toFile());
        BufferedImage b = ImageIO.read(w.candidate().toFile());
        assertEquals(a.getRGB(5, 5), b.getRGB(5, 5));
        assertNotEquals(a.getRGB(32 * z + 1, 64 * z + 1), b.getRGB(32 * z + 1, 64 * z + 1));
        Files.createDirectories(Path.of("target", "analysis-samples"));
        for (Path p : new Path[]{w.reference(), w.candidate(), w.difference()}) {
            Files.copy(p, Path.of("target", "analysis-samples").resolve(p.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
