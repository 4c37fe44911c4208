package org.nbparity.harness.trace;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageMetricsTestAccess;
import org.nbparity.harness.thresholds.Thresholds;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ScaleForensicsTest {
    static final Thresholds TH = AnalysisTestData.thresholds();

    @Test
    void aDefaultFluenceAgainstAFluxDerivedFluenceIsReportedAsAFluenceRatio() {
        // The reference (C) ran with -flux 1e16 -exposure 1 -beamsize 0.1: fluence = flux*exposure/beamsize^2
        // = 1e16/(1e-4 m)^2 = 1e24 photons/m^2. The faulty candidate ignored the flux and kept upstream's
        // default fluence 1.25932015286227e29: every pixel is 125932 times too bright, which looks
        // like a large "physics" error unless the ratio is tested against the run constants.
        Path c = AnalysisTestData.shared().resolve("golden/v01_mosflm_cubic_noise");
        double fluxFluence = 1e16 * 1.0 / (1e-4 * 1e-4);
        List<String> golden = TraceParser.readLines(c.resolve("trace_s62_f76.txt"));
        List<String> refLines = TraceDiffTest.perturb(golden, "TRACE_C: fluence_photons_per_m2", 0, 0, v -> fluxFluence);
        Trace ref = TraceParser.parseGolden(refLines, AnalysisTestData.layout(c));
        Trace cand = TraceParser.parseGolden(golden, AnalysisTestData.layout(c));
        assertEquals(1.25932015286227e29, cand.runScalars().get("fluence"));

        FloatImage g = ImageMetricsTestAccess.golden("v01_mosflm_cubic_noise");
        float[] scaledDown = new float[g.data().length];
        for (int i = 0; i < scaledDown.length; i++) {
            scaledDown[i] = (float) (g.data()[i] * (fluxFluence / 1.25932015286227e29));
        }
        FloatImage refImage = new FloatImage(g.shape(), scaledDown);
        ImageComparison img = ImageMetrics.compare(refImage, g, null, TH);
        assertEquals("FAIL", img.verdict());
        double ratio = img.full().sumRatio();
        assertEquals(125932.015, ratio, 1.0);

        ScaleForensicsResult f = ScaleForensics.analyse(ratio, ref.runScalars(), cand.runScalars(), TH.forensicsRelTol());
        assertTrue(f.scaleOff());
        assertTrue(f.explained(), f.summary());
        assertEquals("fluence", f.likelyCulprit());
        assertEquals("RUN_RATIO", f.hypotheses().get(0).kind());
        assertTrue(f.summary().contains("fluence"), f.summary());
        // and the trace diff names the same quantity, as a run-level constant, before any pixel record
        TraceDiffResult d = TraceDiff.compare(ref, cand, TH, true);
        assertEquals("fluence", d.firstDivergence().record().key());
        assertTrue(d.firstDivergence().runLevel());
        String md = TraceDiffMarkdown.render(d, f);
        assertTrue(md.contains("## Scale forensics"), md);
        assertTrue(md.contains("likely culprit: fluence"), md);
        TraceDiffTest.writeSample("trace_diff_fluence_fault.md", md);
    }

    @Test
    void stepsAndUnitSlipsAndUnexplainedRatios() {
        Map<String, Double> ref = Map.of("fluence", 1.25932015286227e29, "r_e_sqr", 7.94079248018965e-30, "steps", 4.0);
        Map<String, Double> oversampled = Map.of("fluence", 1.25932015286227e29, "r_e_sqr", 7.94079248018965e-30, "steps", 16.0);
        // intensity goes as 1/steps: 4 times more steps make the image 4 times fainter
        ScaleForensicsResult s = ScaleForensics.analyse(0.25, ref, oversampled, 1e-4);
        assertEquals("steps^-1", s.likelyCulprit(), s.summary());
        // nothing differs between the runs, but the image is 1000 times too bright: a mm/m slip
        ScaleForensicsResult u = ScaleForensics.analyse(1000.0 * (1 + 1e-6), ref, ref, 1e-4);
        assertEquals("10^3", u.likelyCulprit(), u.summary());
        // an arbitrary ratio is reported as unexplained, with no culprit
        ScaleForensicsResult x = ScaleForensics.analyse(1.37, ref, ref, 1e-4);
        assertTrue(x.scaleOff());
        assertFalse(x.explained());
        assertNull(x.likelyCulprit());
        assertTrue(x.summary().contains("no run-level constant explains the ratio"), x.summary());
        assertTrue(x.hypotheses().isEmpty(), "an unexplained ratio states no hypothesis: " + x.hypotheses());
        // a ratio of 1 is not a scale error
        assertFalse(ScaleForensics.analyse(1.0 + 1e-9, ref, ref, 1e-4).scaleOff());
    }
}
