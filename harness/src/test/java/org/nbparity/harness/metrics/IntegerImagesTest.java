package org.nbparity.harness.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.AnalysisTestData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class IntegerImagesTest {

    static Path golden(String id, String file) {
        return AnalysisTestData.shared().resolve("golden/" + id + "/" + file);
    }

    @Test
    void smvHeaderGivesTheShape() {
        SmvHeader h = SmvHeader.read(golden("v02_xds_triclinic_misset", "int.img.gz"));
        assertEquals(128, h.size1());
        assertEquals(96, h.size2());
        assertEquals(new ImageShape(96, 128), h.shape());
        assertEquals(512, h.headerBytes());
        assertEquals(25088, h.fileBytes());
        assertEquals(512, h.dataOffset());
        assertTrue(h.littleEndian());
        assertEquals("0.2", h.fields().get("PIXEL_SIZE"));
        // every golden SMV agrees with the float image shape of its case
        for (Path c : AnalysisTestData.goldenCases()) {
            var out = AnalysisTestData.caseJson(c).path("outputs");
            SmvHeader s = SmvHeader.read(c.resolve("int.img.gz"));
            assertEquals(new ImageShape(out.get(0).path("shape").get(0).asInt(), out.get(0).path("shape").get(1).asInt()),
                    s.shape(), c.toString());
        }
    }

    @Test
    void smvWithALongHeaderHasItsPixelsAtTheEnd() {
        String head = "{\nHEADER_BYTES=512;\nSIZE1=2;\nSIZE2=1;\nTYPE=unsigned_short;\nBYTE_ORDER=little_endian;\n}\n";
        byte[] b = new byte[600 + 4];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, b, 0, h.length);
        b[600] = 1;
        b[602] = 2;
        SmvHeader s = SmvHeader.parse(b, "x");
        assertEquals(600, s.dataOffset());
        assertThrows(IllegalArgumentException.class, () -> SmvHeader.parse("P5 no".getBytes(StandardCharsets.US_ASCII), "y"));
        assertThrows(IllegalArgumentException.class, () -> SmvHeader.parse("{\nSIZE1=2;\n}".getBytes(StandardCharsets.US_ASCII), "z"));
    }

    @Test
    void smvComparedByteForByte(@TempDir Path tmp) throws Exception {
        Path g = golden("v01_mosflm_cubic_noise", "int.img.gz");
        IntegerImageComparison same = IntegerImages.compareSmv(g, g);
        assertTrue(same.identical());
        byte[] b = FloatImage.readBytes(g);
        // one pixel (slow 3, fast 5) changes, and one header field
        int off = 512 + 2 * (3 * 128 + 5);
        b[off] = (byte) (b[off] + 7);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("BEAMLINE=fake;", "BEAMLINE=fakf;");
        Path m = tmp.resolve("m.img");
        Files.write(m, s.getBytes(StandardCharsets.ISO_8859_1));
        IntegerImageComparison r = IntegerImages.compareSmv(g, m);
        assertFalse(r.identical());
        assertFalse(r.headerEqual());
        assertEquals(1, r.headerDifferences().size());
        assertTrue(r.headerDifferences().get(0).startsWith("BEAMLINE: fake | fakf"), r.headerDifferences().toString());
        assertFalse(r.dataEqual());
        assertEquals(1, r.pixelsDiffering());
        assertEquals(3, r.firstDiffering().get(0).slow());
        assertEquals(5, r.firstDiffering().get(0).fast());
        assertEquals(7, r.maxAbsDiff());
    }

    @Test
    void pgmComparedByteForByte(@TempDir Path tmp) throws Exception {
        Path g = golden("v09_denzo_twotheta_os2_trailing_curved", "image.pgm.gz");
        assertTrue(IntegerImages.comparePgm(g, g).identical());
        byte[] b = FloatImage.readBytes(g);
        b[b.length - 1] ^= 1; // last pixel
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("# pixels scaled by 3.79652", "# pixels scaled by 3.61793");
        Path m = tmp.resolve("m.pgm");
        Files.write(m, s.getBytes(StandardCharsets.ISO_8859_1));
        IntegerImageComparison r = IntegerImages.comparePgm(g, m);
        assertEquals(new ImageShape(112, 112), r.shape());
        assertFalse(r.headerEqual());
        assertTrue(r.headerDifferences().get(0).contains("3.79652 | # pixels scaled by 3.61793"), r.headerDifferences().toString());
        assertEquals(1, r.pixelsDiffering());
        assertEquals(111, r.firstDiffering().get(0).slow());
        assertEquals(111, r.firstDiffering().get(0).fast());
    }
}
