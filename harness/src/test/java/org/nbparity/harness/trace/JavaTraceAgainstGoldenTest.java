package org.nbparity.harness.trace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageMetricsTestAccess;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.render.Renderer;
import org.nbparity.sim.setup.Setup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * End to end through the real simulator: the Java trace (protocol 1) of each golden case's first
 * traced pixel, compared by the harness with the golden TRACE_C trace, passes; every golden
 * record the mapping table cannot align is one of the known golden-only keys; and the float image
 * of the same run passes the image gates against the golden image.
 */
class JavaTraceAgainstGoldenTest {
    /** Golden keys with no protocol counterpart (trace-keys.md sections 4.1, 4.6, 4.7). */
    static final Set<String> GOLDEN_ONLY = Set.of("obliquity_factor", "r_e_meters", "cos_2theta",
            "oversample_thick", "oversample_polar", "oversample_omega", "F_cell_squared", "F_latt_squared",
            "I_contribution", "cos2theta", "source_index");

    static Stream<String> cases() {
        return AnalysisTestData.goldenCases().stream().map(p -> p.getFileName().toString());
    }

    /** Trace and float image of a Java run of a golden case's argv with extra flags (front and back). */
    record JavaRun(Trace trace, FloatImage image) {
    }

    static JavaRun runJava(String id, int spixel, int fpixel, List<String> front, List<String> back) throws IOException {
        Path c = AnalysisTestData.shared().resolve("golden/" + id);
        JsonNode meta = AnalysisTestData.caseJson(c);
        List<String> args = new ArrayList<>(List.of("-mode", "compat", "-threads", "1", "-trace_pixel",
                Integer.toString(spixel), Integer.toString(fpixel), "-trace_level", "loops"));
        args.addAll(front);
        meta.path("argv").forEach(a -> args.add(a.asText()));
        args.addAll(back);
        Path run = Files.createTempDirectory("nbanalysis");
        try {
            for (JsonNode in : meta.path("inputs")) {
                String name = in.path("name").asText(in.path("path").asText());
                Path src = c.resolve(name);
                if (!Files.isRegularFile(src)) {
                    src = AnalysisTestData.shared().resolve("golden/inputs").resolve(Path.of(name).getFileName());
                }
                Files.copy(src, run.resolve(Path.of(name).getFileName().toString()));
            }
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            ByteArrayOutputStream be = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(bo, true, StandardCharsets.UTF_8);
            // setup and render through the simulator's own entry points (the writers are not needed here)
            Setup setup = Main.prepare(args.toArray(new String[0]), -1, ps,
                    new PrintStream(be, true, StandardCharsets.UTF_8), run).setup();
            RenderResult result = Renderer.render(setup, ps);
            Trace java = TraceParser.parseProtocol(bo.toString(StandardCharsets.UTF_8).lines().toList());
            FloatImage g = ImageMetricsTestAccess.golden(id);
            return new JavaRun(java, new FloatImage(g.shape(), result.floatImage()));
        } finally {
            try (Stream<Path> s = Files.walk(run)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void javaTraceMatchesGoldenTrace(String id) throws IOException {
        Path c = AnalysisTestData.shared().resolve("golden/" + id);
        Path traceFile = AnalysisTestData.traces(c).get(0);
        LoopLayout layout = AnalysisTestData.layout(c);
        Trace golden = TraceParser.read(traceFile, layout);
        JavaRun jr = runJava(id, golden.spixel(), golden.fpixel(), List.of(), List.of());
        Trace java = jr.trace();
        assertEquals("JAVA", java.impl());
        assertEquals(golden.spixel(), java.spixel());

        TraceDiffResult r = TraceDiff.compare(golden, java, AnalysisTestData.thresholds(), false);
        TraceDiffTest.writeSample("trace_diff_java_vs_golden_" + id + ".md", TraceDiffMarkdown.render(r, null));
        assertEquals("PASS", r.verdict(), id + ": " + r.firstDivergence());
        // every golden record is either compared or one of the known golden-only keys
        assertEquals(golden.records().size(), r.compared() + r.onlyInReferenceCount(), id);
        assertTrue(r.compared() >= 30, id + ": compared " + r.compared());
        List<String> onlyRef = golden.records().stream().map(TraceRecord::key)
                .filter(k -> !java.byKey().containsKey(k) && TraceDiff.derive(golden.get(k).orElseThrow(), java.byKey()) == null)
                .toList();
        assertEquals(r.onlyInReferenceCount(), onlyRef.size());
        for (String k : onlyRef) {
            String base = k.contains("[") ? k.substring(0, k.indexOf('[')) : k;
            assertTrue(GOLDEN_ONLY.contains(base), id + ": golden record " + k + " has no Java counterpart");
        }
        assertTrue(r.maxUlpsByName().containsKey("floatimage_bits"));
        assertTrue(r.maxUlpsByName().containsKey("F_cell") || id.startsWith("v07"), id);

        // and the image of the same run
        FloatImage g = ImageMetricsTestAccess.golden(id);
        ImageComparison img = ImageMetrics.compare(g, jr.image(), null, AnalysisTestData.thresholds());
        assertEquals("PASS", img.verdict(), id);
    }

    @org.junit.jupiter.api.Test
    void aJavaRunWithAnotherFluenceIsNamedByTraceDiffAndByScaleForensics() throws IOException {
        // a real run with a wrong scale: the candidate gets -flux/-exposure/-beamsize (fluence 1e24)
        // where the reference used the default fluence
        String id = "v01_mosflm_cubic_noise";
        Path c = AnalysisTestData.shared().resolve("golden/" + id);
        Trace golden = TraceParser.read(c.resolve("trace_s62_f76.txt"), AnalysisTestData.layout(c));
        JavaRun jr = runJava(id, golden.spixel(), golden.fpixel(), List.of(),
                List.of("-flux", "1e16", "-exposure", "1", "-beamsize", "0.1"));
        var th = AnalysisTestData.thresholds();
        TraceDiffResult r = TraceDiff.compare(golden, jr.trace(), th, false);
        assertEquals("fluence", r.firstDivergence().record().key());
        assertTrue(r.firstDivergence().runLevel());
        ImageComparison img = ImageMetrics.compare(ImageMetricsTestAccess.golden(id), jr.image(), null, th);
        assertEquals("FAIL", img.verdict());
        ScaleForensicsResult f = ScaleForensics.analyse(img, golden, jr.trace(), th);
        assertEquals("fluence", f.likelyCulprit(), f.summary());
        TraceDiffTest.writeSample("trace_diff_java_flux_vs_golden.md", TraceDiffMarkdown.render(r, f));
    }

    @org.junit.jupiter.api.Test
    void aJavaRunWithAnotherPhiDivergesAtTheRotatedCell() throws IOException {
        // phi0 moved by 0.05 degrees: the first golden record that depends on it is the rotated cell
        String id = "v03_denzo_mat_sparsehkl_phi";
        Path c = AnalysisTestData.shared().resolve("golden/" + id);
        Trace golden = TraceParser.read(c.resolve("trace_s144_f18.txt"), AnalysisTestData.layout(c));
        JavaRun jr = runJava(id, golden.spixel(), golden.fpixel(), List.of(), List.of("-phi", "0.05"));
        TraceDiffResult r = TraceDiff.compare(golden, jr.trace(), AnalysisTestData.thresholds());
        assertFalse(r.strictPresence());
        FirstDivergence fd = r.firstDivergence();
        assertEquals("rot_a[t=0,sy=0,sx=0,src=0,phi=0,mos=0]", fd.record().key());
        assertFalse(fd.runLevel());
        // its input ap is not in the golden dialect: reported with the candidate's value
        InputState ap = fd.inputs().get(0);
        assertEquals("NOT_IN_REFERENCE", ap.status());
        assertEquals("ap[t=0,sy=0,sx=0,src=0,phi=0]", ap.key());
        assertNotNull(ap.candidate());
        TraceDiffTest.writeSample("trace_diff_java_phi_vs_golden.md", TraceDiffMarkdown.render(r, null));
    }
}
