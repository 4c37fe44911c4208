package org.nbparity.harness.trace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TraceParserTest {

    static List<String> resource(String name) throws IOException {
        try (InputStream in = TraceParserTest.class.getResourceAsStream("/trace/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void parsesEveryGoldenTrace() {
        int files = 0;
        for (Path c : AnalysisTestData.goldenCases()) {
            LoopLayout layout = AnalysisTestData.layout(c);
            JsonNode meta = AnalysisTestData.caseJson(c);
            List<Path> traces = AnalysisTestData.traces(c);
            assertEquals(2, traces.size(), c.toString());
            for (Path p : traces) {
                files++;
                Trace t = TraceParser.read(p, layout);
                assertEquals("golden_trace_c", t.dialect(), p.toString());
                JsonNode entry = null;
                for (JsonNode e : meta.path("traces")) {
                    if (e.path("stored").asText().equals(p.getFileName().toString())) {
                        entry = e;
                    }
                }
                assertNotNull(entry, p.toString());
                assertEquals(entry.path("pixel").path("spixel").asInt(), t.spixel());
                assertEquals(entry.path("pixel").path("fpixel").asInt(), t.fpixel());
                // every subpixel block named, keys unique
                long blocks = t.records().stream().filter(r -> r.name().equals("pixel_pos_meters")).count();
                assertEquals(layout.subpixelBlocks(), blocks, p.toString());
                Set<String> keys = new HashSet<>();
                t.records().forEach(r -> assertTrue(keys.add(r.key()), r.key()));
                // last subpixel block carries the last indices
                String last = "pixel_pos_meters[t=" + (layout.thicksteps() - 1) + ",sy=" + (layout.oversample() - 1)
                        + ",sx=" + (layout.oversample() - 1) + "]";
                assertTrue(t.get(last).isPresent(), last + " in " + p);
                // the stored pixel value becomes an exact float32 bit pattern
                float pv = (float) entry.path("pixel_value").asDouble();
                TraceRecord fb = t.get("floatimage_bits").orElseThrow();
                assertEquals(Float.floatToRawIntBits(pv), fb.values().get(1).bits(), p.toString());
                assertEquals((double) pv, fb.values().get(0).value(), p.toString());
                // run-level constants are available to scale forensics
                assertTrue(t.runScalars().get("fluence") > 0, p.toString());
                assertEquals(7.94079248018965e-30, t.runScalars().get("r_e_sqr"));
                assertTrue(t.get("steps").isPresent());
                // rot_a is mapped to metres
                t.records().stream().filter(r -> r.name().equals("rot_a")).forEach(r ->
                        assertTrue(Math.abs(r.values().get(0).value()) < 1e-7, r.key()));
            }
        }
        assertEquals(18, files);
    }

    @Test
    void goldenPhiLinesAreIndexedByPhiStep() {
        Path c = AnalysisTestData.shared().resolve("golden/v03_denzo_mat_sparsehkl_phi");
        Trace t = TraceParser.read(c.resolve("trace_s144_f18.txt"), AnalysisTestData.layout(c));
        TraceRecord k1 = t.get("k_frac[t=0,sy=0,sx=0,src=0,phi=1,mos=0]").orElseThrow();
        assertEquals(7.06761571437755, k1.values().get(0).value());
        assertEquals(0.1, t.get("phi_deg[t=0,sy=0,sx=0,src=0,phi=1]").orElseThrow().values().get(0).value());
        // phi_tic 0 repeats the crystal block's F_latt: folded, not duplicated
        assertTrue(t.get("F_latt[t=0,sy=0,sx=0,src=0,phi=0,mos=0]#2").isEmpty());
        assertEquals(-368.065186251427, t.get("F_latt[t=0,sy=0,sx=0,src=0,phi=1,mos=0]").orElseThrow().values().get(0).value());
    }

    @Test
    void goldenWithWrongLayoutIsRejected() {
        Path c = AnalysisTestData.shared().resolve("golden/v06_dials_gauss_thick_water_noise");
        Path p = c.resolve("trace_s78_f113.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceParser.read(p, new LoopLayout(1, 3, 1, 1, 1)));
        assertTrue(e.getMessage().contains("thicksteps*oversample^2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TraceParser.read(p, null));
    }

    @Test
    void goldenSetupLinesBecomeRunRecords() {
        List<String> lines = List.of(
                "DETECTOR_FAST_AXIS 0 0 1",
                "TRACE_C:beam_center_m=X:6.2e-06 Y:6.6e-06 pixel_mm:0.1",
                "TRACE_C:Rx=[1 0 0; 0 1 -0; 0 0 1]",
                "TRACE_C:detector_convention=MOSFLM",
                "TRACE_C:fdet_after_rotz=0 0 1",
                "TRACE_C:fdet_after_rotz=0 0 1",
                "TRACE_CONFIG: tracing pixel (spixel=5, fpixel=7)",
                "TRACE: human line 1.2",
                "TRACE_C: pix0_vector_meters 0.1 0.00625 -0.00665",
                "TRACE_C: fdet_vec 0 0 1",
                "TRACE_C: floatimage_accumulated 82.5645294189453");
        Trace t = TraceParser.parseGolden(lines, null);
        assertEquals(5, t.spixel());
        assertEquals(7, t.fpixel());
        assertEquals(3, t.get("setup.beam_center_m").orElseThrow().values().size());
        assertEquals(9, t.get("setup.Rx").orElseThrow().values().size());
        assertTrue(t.get("setup.fdet_after_rotz#2").isPresent());
        assertTrue(t.get("fdet_vec").isPresent());
        assertEquals(Float.floatToRawIntBits(82.5645294189453f), t.get("floatimage_bits").orElseThrow().values().get(1).bits());
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("detector_convention")));
    }

    @Test
    void parsesProtocolOne() {
        List<String> lines = List.of(
                "some program chatter",
                "TRACE_JAVA: trace_protocol 1",
                "TRACE_JAVA: pixel 12 34",
                "TRACE_JAVA: fluence 1.2593201528622700e+29",
                "TRACE_JAVA: hkl_range -3 3 -4 4 -5 5",
                "TRACE_JAVA: hkl_frac[t=0,sy=1,sx=0,src=2,phi=3,mos=0] 0.10000000000000001 nan -inf",
                "TRACE_JAVA: steps 4",
                "TRACE_JAVA: floatimage_bits 42a51234",
                "TRACE_JAVA: floatimage_bits 12345678",
                "TRACE_JAVA: x 0x1.8p+1",
                "TRACE_JAVA: mode compat",
                "TRACE_JAVA: omega_pixel_sr[t=0,sy=0,sx=0] 9.9763448537573804e-07 1",
                "TRACE_JAVA: floatimage_bits 82.564529418945312 42a52123");
        Trace t = TraceParser.parseProtocol(lines);
        assertEquals("JAVA", t.impl());
        assertEquals(12, t.spixel());
        assertEquals(34, t.fpixel());
        TraceRecord h = t.get("hkl_frac[t=0,sy=1,sx=0,src=2,phi=3,mos=0]").orElseThrow();
        assertEquals(List.of("t", "sy", "sx", "src", "phi", "mos"), List.copyOf(h.indices().keySet()));
        assertEquals(0.1, h.values().get(0).value());
        assertTrue(Double.isNaN(h.values().get(1).value()));
        assertEquals(Double.NEGATIVE_INFINITY, h.values().get(2).value());
        assertEquals(0x42a51234, t.get("floatimage_bits").orElseThrow().values().get(0).bits());
        // an all-digit pattern in a *_bits record is still hex; the repetition gets #2
        assertEquals(0x12345678, t.get("floatimage_bits#2").orElseThrow().values().get(0).bits());
        assertEquals(3.0, t.get("x").orElseThrow().values().get(0).value());
        assertEquals(6, t.get("hkl_range").orElseThrow().values().size());
        assertEquals(1.25932015286227e29, t.runScalars().get("fluence"));
        // the simulator's shapes: free text, value plus recomputed flag, widened float plus bits
        assertEquals("compat", t.get("mode").orElseThrow().values().get(0).text());
        assertFalse(t.get("mode").orElseThrow().values().get(0).numeric());
        assertEquals(1, t.get("omega_pixel_sr[t=0,sy=0,sx=0]").orElseThrow().values().size());
        assertEquals(1.0, t.get("omega_pixel_sr_recomputed[t=0,sy=0,sx=0]").orElseThrow().values().get(0).value());
        TraceRecord f3 = t.get("floatimage_bits#3").orElseThrow();
        assertEquals(82.564529418945312, f3.values().get(0).value());
        assertEquals(0x42a52123, f3.values().get(1).bits());
    }

    @Test
    void protocolRejectsOutOfOrderIndicesAndBadVersion() {
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parseProtocol(List.of(
                "TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: hkl_frac[sy=0,t=0] 1")));
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parseProtocol(List.of(
                "TRACE_JAVA: trace_protocol 2")));
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parseProtocol(List.of(
                "TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: F_cell 1.0.0")));
    }

    @Test
    void writerRoundTripsProtocolOne() {
        Path c = AnalysisTestData.shared().resolve("golden/v04_adxv_round_mosaic_div");
        Trace g = TraceParser.read(c.resolve("trace_s22_f65.txt"), AnalysisTestData.layout(c));
        Trace p = TraceParser.parseProtocol(TraceToProtocol.toProtocol(g, "C").lines().toList());
        assertEquals(g.records().size(), p.records().size());
        for (int i = 0; i < g.records().size(); i++) {
            assertEquals(g.records().get(i).key(), p.records().get(i).key());
            assertArrayEquals(g.records().get(i).numbers(), p.records().get(i).numbers(), 0.0);
        }
        assertEquals(22, p.spixel());
    }

    @Test
    void parsesUpstreamPrintoutBlock() throws IOException {
        List<String> lines = resource("printout_v01_f66_s102.txt");
        assertEquals("printout", TraceParser.detect(lines));
        LoopLayout layout = new LoopLayout(1, 2, 1, 1, 1);
        Trace t = TraceParser.parsePrintout(lines, layout);
        assertEquals(102, t.spixel());
        assertEquals(66, t.fpixel());
        assertEquals(Float.floatToRawIntBits(82.56452942f), t.get("floatimage_bits").orElseThrow().values().get(1).bits());
        TraceRecord hkl = t.get("hkl_rounded[t=0,sy=1,sx=1,src=0,phi=0,mos=0]").orElseThrow();
        assertArrayEquals(new double[]{0, -4, 0}, hkl.numbers(), 0.0);
        assertArrayEquals(new double[]{100e-10, 0, 0}, t.get("rot_a[t=0,sy=1,sx=1,src=0,phi=0,mos=0]").orElseThrow().numbers(), 1e-20);
        assertEquals(0.9992111839, t.get("polar").orElseThrow().values().get(0).value());
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parsePrintout(lines, null));
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parsePrintout(List.of("no block"), layout));
    }

    @Test
    void printoutAgreesWithTheGoldenTraceOfTheSamePixel() throws IOException {
        // two dialects of two different upstream programs describe the same pixel: they must agree
        String[][] cases = {
                {"v01_mosflm_cubic_noise", "trace_s102_f66.txt", "printout_v01_f66_s102.txt"},
                {"v03_denzo_mat_sparsehkl_phi", "trace_s144_f18.txt", "printout_v03_f18_s144.txt"}};
        for (String[] k : cases) {
            Path c = AnalysisTestData.shared().resolve("golden/" + k[0]);
            LoopLayout layout = AnalysisTestData.layout(c);
            Trace golden = TraceParser.read(c.resolve(k[1]), layout);
            Trace printout = TraceParser.parsePrintout(resource(k[2]), layout);
            TraceDiffResult r = TraceDiff.compare(golden, printout, AnalysisTestData.thresholds(), false);
            assertEquals("PASS", r.verdict(), k[0] + ": " + r.firstDivergence());
            assertTrue(r.compared() >= 6, k[0] + " compared " + r.compared());
            // and a printout of another pixel does not agree
            Trace other = TraceParser.read(c.resolve(AnalysisTestData.traces(c).stream()
                    .filter(p -> !p.getFileName().toString().equals(k[1])).findFirst().orElseThrow()), layout);
            assertEquals("FAIL", TraceDiff.compare(other, printout, AnalysisTestData.thresholds(), false).verdict());
        }
    }
}
