package org.nbparity.harness.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.DialectSpec;
import org.nbparity.harness.trace.FirstDivergence;
import org.nbparity.harness.trace.LoopLayout;
import org.nbparity.harness.trace.ScaleForensics;
import org.nbparity.harness.trace.ScaleForensicsResult;
import org.nbparity.harness.trace.StdoutRecords;
import org.nbparity.harness.trace.Trace;
import org.nbparity.harness.trace.TraceDiff;
import org.nbparity.harness.trace.TraceDiffResult;
import org.nbparity.harness.trace.TraceParser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace gate of one traced pixel: the C trace (any dialect) against the Java protocol-1
 * trace (or, for tests, any dialect) with the analysis package's aligner and tolerance classes. The gate value is the number
 * of diverged records (limit 0). Foreign dialects without indices need the case's loop layout.
 * Also how metrics.json records a comparison (status, first divergence, scale forensics): the
 * run writes these fields and {@code verify} recomputes them with the same methods.
 */
public final class TraceGate {
    private static final String PROTOCOL = "protocol1";
    /** Nothing about the pixel could be compared (the C printed nothing, or no comparable record). */
    public static final String NOT_COMPARED = "NOT_COMPARED";
    /** Records were compared and none diverged. */
    public static final String NONE = "NONE";

    private TraceGate() {
    }

    /**
     * Both traces parsed and compared.
     *
     * @param reference the C trace
     * @param candidate the Java trace
     * @param diff      the comparison
     */
    public record Outcome(Trace reference, Trace candidate, TraceDiffResult diff) {
    }

    /**
     * Compares the traces, or returns null when the C trace is in a dialect that needs a loop
     * layout and the case has none.
     */
    public static Outcome compare(String cText, String javaText, ParityCase.Layout layout, Thresholds th) {
        return compare(cText, javaText, null, null, layout, th);
    }

    /**
     * Compares the traces, each read in its side's dialect ({@code null}: detected from the text),
     * or returns null when a dialect needs a loop layout and there is none.
     */
    public static Outcome compare(String refText, String candText, DialectSpec refSpec, DialectSpec candSpec,
                                  ParityCase.Layout layout, Thresholds th) {
        LoopLayout ll = layout == null ? null : new LoopLayout(layout.thicksteps(), layout.oversample(),
                layout.sources(), layout.phisteps(), layout.mosaicDomains());
        Trace ref = parse(refText, ll, refSpec);
        Trace cand = ref == null ? null : parse(candText, ll, candSpec);
        if (cand == null) {
            return null;
        }
        boolean bothProtocol = PROTOCOL.equals(ref.dialect()) && PROTOCOL.equals(cand.dialect());
        return new Outcome(ref, cand, TraceDiff.compare(ref, cand, th, bothProtocol));
    }

    /** The trace in its dialect, or null when that dialect needs a loop layout and there is none. */
    private static Trace parse(String text, LoopLayout layout, DialectSpec spec) {
        List<String> lines = text.lines().toList();
        if (layout == null && TraceParser.needsLayout(lines, spec)) {
            return null;
        }
        return TraceParser.parse(lines, layout, spec);
    }

    /**
     * The loop layout that names a foreign dialect's records: the case's, else the one the C
     * states on its untraced stdout (null when neither gives it).
     */
    public static ParityCase.Layout layoutFor(ParityCase.Layout caseLayout, String cStdout) {
        if (caseLayout != null || cStdout == null) {
            return caseLayout;
        }
        LoopLayout l = StdoutRecords.layout(cStdout);
        return l == null ? null : new ParityCase.Layout(l.thicksteps(), l.oversample(), l.sources(), l.phisteps(),
                l.mosaicDomains());
    }

    /** Name of the gate over the run-level records of the two untraced runs' stdout. */
    public static final String STDOUT_GATE = "stdout.run_level.diverged_records";

    /**
     * The run-level records of both untraced runs' ordinary stdout ({@link StdoutRecords}),
     * compared before any pixel record: C as reference, Java as candidate. Both sides print them
     * with upstream's formats, so the comparison is to the printed digits; a record only one side
     * prints is listed, not counted (a C may print less).
     */
    public static TraceDiffResult compareStdout(String cStdout, String javaStdout, Thresholds th) {
        return TraceDiff.compare(StdoutRecords.parse(cStdout, "C"), StdoutRecords.parse(javaStdout, "JAVA"), th, false);
    }

    /**
     * The stdout gate: diverged run-level records must be 0. A C whose stdout has none of
     * upstream's lines gives nothing to compare, which passes here (the image and trace gates
     * still judge the run) and is said so in the summary.
     */
    public static Gate stdoutGate(TraceDiffResult r, List<String> files) {
        double v = r.diverged();
        return new Gate(STDOUT_GATE, "max", v, 0, 0.0 - v, v <= 0, files);
    }

    /** The gate: diverged records must be 0 (a trace with no comparable record counts as one divergence). */
    public static Gate gate(String name, TraceDiffResult r, List<String> files) {
        double v = r.compared() == 0 ? Math.max(1, r.diverged()) : r.diverged();
        return new Gate(name, "max", v, 0, 0.0 - v, v <= 0, files);
    }

    /** metrics.json status of one pixel's comparison: the first divergence's origin, else NONE, or NOT_COMPARED. */
    public static String status(TraceDiffResult d) {
        if (d.firstDivergence() != null) {
            return d.firstDivergence().origin();
        }
        return d.compared() == 0 ? NOT_COMPARED : NONE;
    }

    /**
     * metrics.json {@code first_divergence}: the divergence with its record name, pixel (null for
     * a run-level stdout record), the dialect it was found in and its status (= origin); null
     * when there is none.
     */
    public static JsonNode firstDivergenceJson(FirstDivergence fd, String dialect, List<Integer> pixel) {
        if (fd == null) {
            return null;
        }
        ObjectNode o = Canonical.MAPPER.valueToTree(fd);
        o.put("record_name", fd.record().key());
        if (pixel == null) {
            o.putNull("pixel");
        } else {
            o.putArray("pixel").add(pixel.get(0)).add(pixel.get(1));
        }
        o.put("dialect", dialect);
        o.put("status", fd.origin());
        return o;
    }

    /** The run's status: the first divergence's origin, else NONE if any pixel was compared, else NOT_COMPARED. */
    public static String overallStatus(JsonNode firstDivergence, JsonNode traces) {
        if (firstDivergence != null && !firstDivergence.isNull()) {
            return firstDivergence.path("status").asText();
        }
        for (JsonNode t : traces) {
            if (NONE.equals(t.path("status").asText())) {
                return NONE;
            }
        }
        return NOT_COMPARED;
    }

    /**
     * Scale forensics when the image sums differ beyond the gate (else null): the first compared
     * pixel's run constants and end-of-pixel scalars (when a pixel was compared), else or in
     * addition those the two untraced stdouts printed.
     */
    public static ScaleForensicsResult forensics(double sumRatio, Outcome firstTraces, String cStdout, String javaStdout,
                                                 Thresholds th) {
        if (Math.abs(sumRatio - 1) <= th.image().absSumRatioMinus1Max()) {
            return null;
        }
        Map<String, Double> cRun = firstTraces == null ? new LinkedHashMap<>() : withEnd(firstTraces.reference());
        Map<String, Double> jRun = firstTraces == null ? new LinkedHashMap<>() : withEnd(firstTraces.candidate());
        StdoutRecords.scalars(StdoutRecords.parse(cStdout, "C")).forEach(cRun::putIfAbsent);
        StdoutRecords.scalars(StdoutRecords.parse(javaStdout, "JAVA")).forEach(jRun::putIfAbsent);
        return ScaleForensics.analyse(sumRatio, cRun, jRun, th.forensicsRelTol());
    }

    /** Run-level scalars plus the end-block scalars scale forensics should test. */
    private static Map<String, Double> withEnd(Trace t) {
        Map<String, Double> m = new LinkedHashMap<>(t.runScalars());
        for (String k : List.of("omega_pixel", "polar", "capture_fraction")) {
            t.records().stream().filter(r -> r.name().equals(k)).findFirst().ifPresent(r -> {
                double[] v = r.numbers();
                if (v.length > 0) {
                    m.putIfAbsent(k, v[0]);
                }
            });
        }
        return m;
    }
}
