package org.nbparity.harness.trace;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.AnalysisTestData;
import org.nbparity.harness.thresholds.Thresholds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TraceDiffTest {
    static final Thresholds TH = AnalysisTestData.thresholds();

    static Path v02() {
        return AnalysisTestData.shared().resolve("golden/v02_xds_triclinic_misset");
    }

    static Trace golden(Path c, String file, List<String> lines) {
        Trace t = TraceParser.parseGolden(lines, AnalysisTestData.layout(c));
        return new Trace(t.impl(), t.dialect(), 72, 50, t.records(), t.notes());
    }

    static List<String> lines(Path p) {
        return TraceParser.readLines(p);
    }

    /** Replaces the value at {@code comp} of the {@code occurrence}-th (0-based) line starting with {@code prefix}. */
    static List<String> perturb(List<String> in, String prefix, int occurrence, int comp, java.util.function.DoubleUnaryOperator f) {
        List<String> out = new ArrayList<>(in);
        int seen = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith(prefix + " ")) {
                if (seen++ == occurrence) {
                    String[] tok = out.get(i).split(" ");
                    int idx = tok.length - countValues(tok) + comp;
                    tok[idx] = ProtocolText.format(f.applyAsDouble(Double.parseDouble(tok[idx])));
                    out.set(i, String.join(" ", tok));
                    return out;
                }
            }
        }
        throw new AssertionError("no occurrence " + occurrence + " of " + prefix);
    }

    static void writeSample(String name, String text) {
        try {
            Path dir = Path.of("target", "analysis-samples");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int countValues(String[] tok) {
        int n = 0;
        for (int i = tok.length - 1; i >= 0; i--) {
            try {
                Double.parseDouble(tok[i]);
                n++;
            } catch (NumberFormatException e) {
                break;
            }
        }
        return n;
    }

    @Test
    void everyGoldenTraceMatchesItself() {
        for (Path c : AnalysisTestData.goldenCases()) {
            for (Path p : AnalysisTestData.traces(c)) {
                Trace t = TraceParser.read(p, AnalysisTestData.layout(c));
                TraceDiffResult r = TraceDiff.compare(t, t, TH, true);
                assertEquals("PASS", r.verdict(), p.toString());
                assertEquals(t.records().size(), r.compared());
                assertEquals(r.compared(), r.equal());
                assertNull(r.firstDivergence());
            }
        }
    }

    @Test
    void theTwoPixelsOfACaseDivergeAtAPixelRecordNotARunRecord() {
        Path c = v02();
        Trace a = TraceParser.read(c.resolve("trace_s72_f50.txt"), AnalysisTestData.layout(c));
        Trace b = TraceParser.read(c.resolve("trace_s93_f83.txt"), AnalysisTestData.layout(c));
        TraceDiffResult r = TraceDiff.compare(a, b, TH, true);
        assertEquals("FAIL", r.verdict());
        assertEquals("pixel_pos_meters[t=0,sy=0,sx=0]", r.firstDivergence().record().key());
        assertFalse(r.firstDivergence().runLevel());
    }

    @Test
    void aPerturbedRecordIsNamedAsTheFirstDivergenceAndIntroduced() {
        Path c = v02();
        List<String> ref = lines(c.resolve("trace_s72_f50.txt"));
        // third subpixel block (t=0, sy=1, sx=0), k component, relative change 1e-9
        List<String> cand = perturb(ref, "TRACE_C: hkl_frac", 2, 1, v -> v * (1 + 1e-9));
        TraceDiffResult r = TraceDiff.compare(golden(c, "", ref), golden(c, "", cand), TH, true);
        assertEquals("FAIL", r.verdict());
        FirstDivergence fd = r.firstDivergence();
        assertEquals("hkl_frac[t=0,sy=1,sx=0,src=0,phi=0,mos=0]", fd.record().key());
        assertEquals(1, fd.record().worstComponent());
        assertEquals("INTRODUCED", fd.origin(), fd.explanation());
        assertEquals(1, r.diverged());
        assertTrue(fd.inputs().stream().anyMatch(i -> i.input().equals("scattering_vec")
                && i.key().equals("scattering_vec[t=0,sy=1,sx=0,src=0]") && i.status().equals("EQUAL_AS_PRINTED")), fd.inputs().toString());
        assertTrue(fd.inputs().stream().anyMatch(i -> i.key() != null && i.key().equals("rot_b[t=0,sy=1,sx=0,src=0,phi=0,mos=0]")));
        String md = TraceDiffMarkdown.render(r, null);
        writeSample("trace_diff_perturbed_hkl.md", md);
        assertTrue(md.contains("**`hkl_frac[t=0,sy=1,sx=0,src=0,phi=0,mos=0]`**"), md);
    }

    @Test
    void aChangeAtTheLastPrintedDigitIsInsideThePrintingUncertainty() {
        Path c = v02();
        List<String> ref = lines(c.resolve("trace_s72_f50.txt"));
        // %.15g: moving the value by a third of its last printed digit is not a divergence
        List<String> cand = perturb(ref, "TRACE_C: hkl_frac", 2, 1, v -> v + Math.ulp(v) * 4);
        TraceDiffResult r = TraceDiff.compare(golden(c, "", ref), golden(c, "", cand), TH, true);
        assertEquals("PASS", r.verdict(), String.valueOf(r.firstDivergence()));
    }

    @Test
    void anInheritedDifferenceIsReportedAsInherited() {
        Path c = v02();
        Trace g = TraceParser.read(c.resolve("trace_s72_f50.txt"), AnalysisTestData.layout(c));
        // as protocol 1 (exact round trip) so that ULP budgets apply without printing uncertainty
        List<String> ref = TraceToProtocol.toProtocol(g, "C").lines().toList();
        String sv = "TRACE_C: scattering_vec[t=0,sy=1,sx=0,src=0]";
        String hk = "TRACE_C: hkl_frac[t=0,sy=1,sx=0,src=0,phi=0,mos=0]";
        List<String> introduced = perturb(ref, hk, 0, 0, v -> v + 1000 * Math.ulp(v));
        List<String> inherited = perturb(introduced, sv, 0, 2, v -> v + 3 * Math.ulp(v));

        TraceDiffResult a = TraceDiff.compare(TraceParser.parseProtocol(ref), TraceParser.parseProtocol(introduced), TH, true);
        assertEquals("hkl_frac[t=0,sy=1,sx=0,src=0,phi=0,mos=0]", a.firstDivergence().record().key());
        assertEquals(1000, a.firstDivergence().record().maxUlps());
        assertEquals("INTRODUCED", a.firstDivergence().origin());

        TraceDiffResult b = TraceDiff.compare(TraceParser.parseProtocol(ref), TraceParser.parseProtocol(inherited), TH, true);
        assertEquals("hkl_frac[t=0,sy=1,sx=0,src=0,phi=0,mos=0]", b.firstDivergence().record().key());
        assertEquals("INHERITED", b.firstDivergence().origin(), b.firstDivergence().explanation());
        InputState in = b.firstDivergence().inputs().stream().filter(i -> i.input().equals("scattering_vec")).findFirst().orElseThrow();
        assertEquals("WITHIN", in.status());
        assertEquals(3, in.maxUlps());
        assertEquals(1, b.within());
        assertTrue(b.firstDivergence().explanation().contains("scattering_vec[t=0,sy=1,sx=0,src=0]"));
    }

    @Test
    void runLevelRecordsAreComparedFirst() {
        Path c = AnalysisTestData.shared().resolve("golden/v01_mosflm_cubic_noise");
        List<String> ref = lines(c.resolve("trace_s62_f76.txt"));
        // a pixel-level change early in the trace and a wrong fluence at its end
        List<String> cand = perturb(ref, "TRACE_C: F_latt", 0, 0, v -> v * 1.01);
        cand = perturb(cand, "TRACE_C: fluence_photons_per_m2", 0, 0, v -> 1e24);
        TraceDiffResult r = TraceDiff.compare(golden(c, "", ref), golden(c, "", cand), TH, true);
        FirstDivergence fd = r.firstDivergence();
        assertEquals("fluence", fd.record().key());
        assertTrue(fd.runLevel());
        assertTrue(fd.explanation().startsWith("run-level constant fluence"), fd.explanation());
        assertEquals("INTRODUCED", fd.origin());
        assertEquals(2, r.diverged());
    }

    @Test
    void integerRecordsAreExact() {
        List<String> ref = List.of("TRACE_C: trace_protocol 1", "TRACE_C: steps 4", "TRACE_C: hkl_rounded[t=0] 1 2 3");
        List<String> cand = List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: steps 4", "TRACE_JAVA: hkl_rounded[t=0] 1 2 4");
        TraceDiffResult r = TraceDiff.compare(TraceParser.parseProtocol(ref), TraceParser.parseProtocol(cand), TH, true);
        assertEquals("hkl_rounded[t=0]", r.firstDivergence().record().key());
        assertEquals("integer", r.firstDivergence().record().toleranceClass());
        assertEquals(RecordComparison.Status.OUTSIDE, r.firstDivergence().record().status());
        // a value that prints like an integer but differs by one ULP is not a steps match
        Trace c2 = TraceParser.parseProtocol(List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: steps 4.0000000000000009",
                "TRACE_JAVA: hkl_rounded[t=0] 1 2 3"));
        assertEquals("steps", TraceDiff.compare(TraceParser.parseProtocol(ref), c2, TH, true).firstDivergence().record().key());
    }

    @Test
    void ulpBudgetComesFromTheThresholdsFile() throws Exception {
        double v = 0.123456789;
        String base = "TRACE_C: trace_protocol 1\nTRACE_C: hkl_frac[t=0] ";
        Trace ref = TraceParser.parseProtocol((base + ProtocolText.format(v)).lines().toList());
        Trace cand16 = TraceParser.parseProtocol((base + ProtocolText.format(v + 16 * Math.ulp(v))).lines().toList());
        Trace cand17 = TraceParser.parseProtocol((base + ProtocolText.format(v + 17 * Math.ulp(v))).lines().toList());
        assertEquals(16, TH.defaultClass().maxUlp());
        assertEquals("PASS", TraceDiff.compare(ref, cand16, TH, true).verdict());
        assertEquals("FAIL", TraceDiff.compare(ref, cand17, TH, true).verdict());
        // a named wider class applies to its records, and needs a _why
        String wide = new String(Files.readAllBytes(AnalysisTestData.repo().resolve(Thresholds.REPO_PATH)), StandardCharsets.UTF_8)
                .replace("\"classes\": {", "\"classes\": {\"wide_test\": {\"kind\": \"ulp\", \"max_ulp\": 64, "
                        + "\"records\": [\"hkl_frac\"], \"_why\": \"test\"},");
        Thresholds w = Thresholds.parse(wide.getBytes(StandardCharsets.UTF_8));
        TraceDiffResult r = TraceDiff.compare(ref, cand17, w, true);
        assertEquals("PASS", r.verdict());
        assertNotEquals(TH.sha256(), w.sha256());
        String noWhy = wide.replace(", \"_why\": \"test\"", "");
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse(noWhy.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void missingRecordsCountOnlyWhenStrict() {
        Trace ref = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: steps 4", "TRACE_C: polar 0.5"));
        Trace cand = TraceParser.parseProtocol(List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: steps 4", "TRACE_JAVA: extra 1"));
        TraceDiffResult strict = TraceDiff.compare(ref, cand, TH, true);
        assertEquals("FAIL", strict.verdict());
        assertEquals(RecordComparison.Status.MISSING_IN_CANDIDATE, strict.firstDivergence().record().status());
        assertEquals(List.of("extra"), strict.onlyInCandidate());
        assertTrue(TraceDiff.compare(ref, cand, TH).strictPresence()); // both protocol 1
        TraceDiffResult lax = TraceDiff.compare(ref, cand, TH, false);
        assertEquals("PASS", lax.verdict());
        assertEquals(List.of("polar"), lax.onlyInReference());
        // nothing in common is never a pass
        Trace none = TraceParser.parseProtocol(List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: other 1"));
        assertEquals("FAIL", TraceDiff.compare(ref, none, TH, false).verdict());
    }

    @Test
    void textValuesCompareAsText() {
        Trace ref = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: mode compat"));
        Trace same = TraceParser.parseProtocol(List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: mode compat"));
        Trace other = TraceParser.parseProtocol(List.of("TRACE_JAVA: trace_protocol 1", "TRACE_JAVA: mode fixed"));
        assertEquals("PASS", TraceDiff.compare(ref, same, TH, true).verdict());
        TraceDiffResult r = TraceDiff.compare(ref, other, TH, true);
        assertEquals("mode", r.firstDivergence().record().key());
        assertTrue(r.firstDivergence().runLevel());
    }

    @Test
    void nanAndShapeMismatchDiverge() {
        Trace ref = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: a[t=0] 1 2", "TRACE_C: b[t=0] nan"));
        Trace c1 = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: a[t=0] 1", "TRACE_C: b[t=0] nan"));
        assertEquals(RecordComparison.Status.SHAPE_MISMATCH, TraceDiff.compare(ref, c1, TH, true).firstDivergence().record().status());
        Trace c2 = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: a[t=0] 1 2", "TRACE_C: b[t=0] 1"));
        TraceDiffResult r = TraceDiff.compare(ref, c2, TH, true);
        assertEquals("b[t=0]", r.firstDivergence().record().key());
        Trace c3 = TraceParser.parseProtocol(List.of("TRACE_C: trace_protocol 1", "TRACE_C: a[t=0] 1 2", "TRACE_C: b[t=0] nan"));
        assertEquals("PASS", TraceDiff.compare(ref, c3, TH, true).verdict());
    }
}
