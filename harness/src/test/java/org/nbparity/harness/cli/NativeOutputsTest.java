package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.JsonSchemaCheck;
import org.nbparity.harness.testkit.TestEnv;
import org.nbparity.sim.cli.Main;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden cases listing detector-native outputs (fixtures/cases/n01, n02), run end to end with
 * the real simulator against the recorded upstream outputs: PASS with every native gate, the
 * Java argv carrying the native flags in front (the C's argv unchanged), metrics.json following
 * its schema, {@code verify} recomputing the native gates (and catching a changed one); and
 * {@code image-diff} on .cbf/.nxs files with its pictures.
 */
class NativeOutputsTest {
    @TempDir
    Path tmp;

    @Test
    void goldenCasesWithNativeOutputsPassAndVerify() throws Exception {
        TestEnv.requireShared("golden/README.md");
        TestEnv.requireSimulatorJar();
        Path reports = tmp.resolve("rep");
        TestEnv.Cli r = TestEnv.nbparity("run", "n01_native_mosflm_cubic_noise", "n02_native_custom_vectors_twotheta",
                "--c-backend", "recorded", "--reports", reports.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("WARN"), r.err());
        List<Path> bundles;
        try (Stream<Path> s = Files.list(reports)) {
            bundles = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(2, bundles.size());
        JsonSchemaCheck schema = new JsonSchemaCheck(Canonical.read(TestEnv.repo().resolve("harness/metrics.schema.json")));
        List<List<String>> nativeGates = List.of(
                List.of("native.int.cbf.pixels_differing", "native.int.cbf.geometry_diverged",
                        "native.noise.cbf.pixels_differing", "native.noise.cbf.geometry_diverged",
                        "native.image.nxs.pixels_differing", "native.image.nxs.float_pixels_differing",
                        "native.image.nxs.geometry_diverged"),
                List.of("native.int.cbf.pixels_differing", "native.int.cbf.geometry_diverged",
                        "native.image.nxs.pixels_differing", "native.image.nxs.float_pixels_differing",
                        "native.image.nxs.geometry_diverged"));
        for (int i = 0; i < 2; i++) {
            Path b = bundles.get(i);
            JsonNode m = Canonical.read(b.resolve("metrics.json"));
            assertEquals("PASS", m.get("verdict").asText(), b.toString());
            assertEquals(List.of(), schema.problems(m));
            List<String> names = new ArrayList<>();
            for (JsonNode g : m.get("gates")) {
                if (g.get("name").asText().startsWith("native.")) {
                    names.add(g.get("name").asText());
                    assertEquals(0.0, g.get("value").asDouble(), g.toString());
                }
            }
            assertEquals(nativeGates.get(i), names);
            for (JsonNode n : m.get("native_outputs")) {
                assertEquals(16384, n.get("pixels").get("compared").asInt());
                assertEquals(0, n.get("c_smv_pixels").get("differing").asInt(), "the recorded upstream SMV too");
                assertEquals(n.get("format").asText().equals("nxmx") ? 10 : 5, n.get("geometry_compared").asInt());
            }
            String summary = Files.readString(b.resolve("summary.md"));
            assertTrue(summary.contains("\n- int.cbf (cbf): 0 of 16384 pixels differ from images/java/int.img; geometry 0 of 5 "
                    + "quantities outside the C's printed digits\n"), summary);
            assertTrue(summary.contains("\n- image.nxs (nxmx): 0 of 16384 pixels differ from images/java/int.img, float image 0 "
                    + "differ; geometry 0 of 10 quantities outside the C's printed digits\n"), summary);
            // the C ran the golden argv; the Java side got the native flags in front of it
            String commands = Files.readString(b.resolve("commands.txt"));
            assertTrue(commands.contains("compat -threads 1 -cbffile int.cbf "), commands);
            assertTrue(commands.contains("-nxsfile image.nxs -nxsfloat -"), commands);
            // intact (UNSIGNED: run was given no key), every number recomputed, the native outputs' too
            TestEnv.Cli v = TestEnv.nbparity("verify", b.toString());
            assertEquals(4, v.code(), v.out() + v.err());
            assertTrue(v.out().contains("ok: verdict: recomputed PASS from " + m.get("gates").size() + " gates"), v.out());
            assertFalse(v.out().contains("/native_outputs/"), v.out());
        }
        // a native gate changed in metrics.json is caught by the recomputation, not only by the digests
        Path b = bundles.get(1);
        ObjectNode m = (ObjectNode) Canonical.read(b.resolve("metrics.json"));
        for (JsonNode g : m.get("gates")) {
            if (g.get("name").asText().equals("native.image.nxs.geometry_diverged")) {
                ((ObjectNode) g).put("value", 3.0);
            }
        }
        Files.writeString(b.resolve("metrics.json"), Canonical.write(m));
        TestEnv.Cli v = TestEnv.nbparity("verify", b.toString());
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().contains("gate native.image.nxs.geometry_diverged recomputes to 0.0 pass=true but metrics.json says 3.0 pass=true"),
                v.out());
    }

    @Test
    void imageDiffReadsCbfAndNxmxAndDrawsThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Main.run(("-cell 70 80 90 90 90 90 -default_F 10 -N 3 -detpixels_f 24 -detpixels_s 20 -noprogress -nopgm"
                + " -nonoise -floatfile f.bin -intfile i.img -cbffile i.cbf -nxsfile o.nxs -nxsfloat").split(" "),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), tmp);
        assertEquals(0, rc);
        Path png = tmp.resolve("png");
        TestEnv.Cli same = TestEnv.nbparity("image-diff", tmp.resolve("i.cbf").toString(), tmp.resolve("o.nxs").toString(),
                "--png", png.toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().endsWith("pass image.bitwise_fraction         value 1.0 limit 0.999 margin 0.0010000000000000009\n"
                + "pass image.max_ulp_float32          value 0.0 limit 2.0 margin 2.0\n"
                + "pass image.abs_sum_ratio_minus_1    value 0.0 limit 1.0E-7 margin 1.0E-7\n"), same.out());
        for (String p : List.of("a.png", "b.png", "diff.png")) {
            BufferedImage im = ImageIO.read(png.resolve(p).toFile());
            assertNotNull(im, p);
            assertTrue(im.getWidth() >= 24, p);
        }
        // the float image of the NXmx file is the float file, bitwise
        TestEnv.Cli fl = TestEnv.nbparity("image-diff", tmp.resolve("f.bin").toString(), tmp.resolve("o.nxs").toString(),
                "--nxs-float", "--shape", "20", "24");
        assertEquals(0, fl.code(), fl.out() + fl.err());
        assertTrue(fl.out().contains("\"bitwise_fraction\": 1.0,"), fl.out());
        // the integers are not the floats: the gates fail, exit 1
        TestEnv.Cli ints = TestEnv.nbparity("image-diff", tmp.resolve("f.bin").toString(), tmp.resolve("i.cbf").toString(),
                "--shape", "20", "24");
        assertEquals(1, ints.code(), ints.out() + ints.err());
        TestEnv.Cli shape = TestEnv.nbparity("image-diff", tmp.resolve("i.cbf").toString(), tmp.resolve("o.nxs").toString(),
                "--shape", "24", "20");
        assertEquals(3, shape.code());
        assertEquals("nbparity: " + tmp.resolve("i.cbf") + " is 20x24, not 24x20\n", shape.err());
        TestEnv.Cli raw = TestEnv.nbparity("image-diff", tmp.resolve("f.bin").toString(), tmp.resolve("o.nxs").toString());
        assertEquals(2, raw.code());
        assertTrue(raw.err().startsWith("Missing required option: '--shape=N' (for a raw float image; .cbf/.nxs/.h5 files "
                + "carry their shape)\n"), raw.err());
        TestEnv.Cli noFloat = TestEnv.nbparity("image-diff", tmp.resolve("i.cbf").toString(), tmp.resolve("i.cbf").toString(),
                "--nxs-float");
        assertEquals(3, noFloat.code());
        assertEquals("nbparity: " + tmp.resolve("i.cbf") + ": no float image (/entry/data/float_image; written with -nxsfloat)\n",
                noFloat.err());
    }
}
