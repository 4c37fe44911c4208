package org.nbparity.harness.trace;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.thresholds.Thresholds;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream's ordinary stdout as run-level records, and the dialect classification of a probe's stdout. */
class StdoutRecordsTest {
    static final Thresholds TH = AnalysisTestData.thresholds();

    private static String v03() throws Exception {
        return Files.readString(AnalysisTestData.shared().resolve("golden/v03_denzo_mat_sparsehkl_phi/stdout.txt"));
    }

    @Test
    void theSetupLinesOfUpstreamsStdoutAreRunLevelRecordsUpToTheRender() throws Exception {
        Trace t = StdoutRecords.parse(v03(), "C");
        assertEquals(1.25932e29, t.get("stdout.fluence").orElseThrow().values().get(0).value());
        assertEquals("9.768e-11", t.get("stdout.lambda0_meters").orElseThrow().text());
        assertEquals("-10 -0 0 1 9.768e-11", t.get("stdout.source[src=0]").orElseThrow().text());
        assertEquals("0.2", t.get("stdout.phi_deg[phi=2]").orElseThrow().text());
        assertEquals("3", t.get("stdout.phisteps").orElseThrow().text());
        assertEquals("4 4", t.get("stdout.oversample").orElseThrow().text());
        assertEquals("-14.35626903 -21.87179285 -5.58202083", t.get("stdout.a0_A").orElseThrow().text());
        assertTrue(t.records().stream().allMatch(TraceDiff::isRunLevel));
        // image statistics after the render are the image gates' business
        assertTrue(t.records().stream().noneMatch(r -> r.source().contains("max_I")));
        assertEquals(1.25932e29, StdoutRecords.scalars(t).get("fluence"));
    }

    @Test
    void aChangedPrintedQuantityIsARunLevelFirstDivergenceAndEqualDigitsAreOnlyEqualAsPrinted() throws Exception {
        String ref = v03();
        TraceDiffResult same = TraceDiff.compare(StdoutRecords.parse(ref, "C"), StdoutRecords.parse(ref, "JAVA"), TH, false);
        assertNull(same.firstDivergence());
        assertTrue(same.compared() > 40 && same.equalAsPrinted() > 20, same.toString());
        String bad = ref.replace("incident fluence: 1.25932e+29", "incident fluence: 1.26058e+29");
        TraceDiffResult d = TraceDiff.compare(StdoutRecords.parse(ref, "C"), StdoutRecords.parse(bad, "JAVA"), TH, false);
        assertEquals("stdout.fluence", d.firstDivergence().record().key());
        assertTrue(d.firstDivergence().runLevel());
        assertEquals("INTRODUCED", d.firstDivergence().origin());
        assertEquals(1, d.diverged());
    }

    @Test
    void aProbesStdoutIsClassifiedRichestFirst() {
        assertEquals(TraceDialect.PROTOCOL1, TraceDialect.detect("TRACE_C: trace_protocol 1\nTRACE_C: pixel 1 2\n   2    1 : stol = 1 or 2\n"));
        assertEquals(TraceDialect.GOLDEN, TraceDialect.detect("TRACE_C: pix0_vector_meters 0.1 0 0\n   2    1 : stol = 1 or 2\n"));
        // upstream's interpolation warning has no newline: the printout's first line is glued to it
        assertEquals(TraceDialect.PRINTOUT, TraceDialect.detect(
                "WARNING: further warnings will not be printed!    0  110 : stol = 1.7046e+09 or 0.17046\n"));
        assertEquals(TraceDialect.NONE, TraceDialect.detect("nanoBragg nanocrystal diffraction simulator\n"));
        assertEquals(List.of("-N", "2", "-printout_pixel", "7", "5"),
                DialectSpec.of(TraceDialect.PRINTOUT).tracedArgv(List.of("-N", "2", "-trace_pixel", "5", "7")));
    }
}
