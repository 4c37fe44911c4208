package org.nbparity.harness.bundle;

import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.LoopLayout;
import org.nbparity.harness.trace.Trace;
import org.nbparity.harness.trace.TraceDiff;
import org.nbparity.harness.trace.TraceDiffResult;
import org.nbparity.harness.trace.TraceParser;

import java.util.List;

/**
 * The trace gate of one traced pixel: the C trace (any dialect) against the Java protocol-1
 * trace (or, for tests, any dialect) with the analysis package's aligner and tolerance classes. The gate value is the number
 * of diverged records (limit 0). Foreign dialects without indices need the case's loop layout.
 */
public final class TraceGate {
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
        List<String> cl = cText.lines().toList();
        String dialect = TraceParser.detect(cl);
        Trace ref;
        if (dialect.equals("protocol1")) {
            ref = TraceParser.parseProtocol(cl);
        } else if (layout == null) {
            return null;
        } else {
            LoopLayout ll = new LoopLayout(layout.thicksteps(), layout.oversample(), layout.sources(), layout.phisteps(),
                    layout.mosaicDomains());
            ref = dialect.equals("printout") ? TraceParser.parsePrintout(cl, ll) : TraceParser.parseGolden(cl, ll);
        }
        List<String> jl = javaText.lines().toList();
        String jd = TraceParser.detect(jl);
        Trace cand;
        if (jd.equals("protocol1")) {
            cand = TraceParser.parseProtocol(jl);
        } else if (layout == null) {
            return null;
        } else {
            LoopLayout ll = new LoopLayout(layout.thicksteps(), layout.oversample(), layout.sources(), layout.phisteps(),
                    layout.mosaicDomains());
            cand = jd.equals("printout") ? TraceParser.parsePrintout(jl, ll) : TraceParser.parseGolden(jl, ll);
        }
        return new Outcome(ref, cand, TraceDiff.compare(ref, cand, th, dialect.equals("protocol1") && jd.equals("protocol1")));
    }

    /** The gate: diverged records must be 0 (a trace with no comparable record counts as one divergence). */
    public static ImageGates.Gate gate(String name, TraceDiffResult r, List<String> files) {
        double v = r.compared() == 0 ? Math.max(1, r.diverged()) : r.diverged();
        return new ImageGates.Gate(name, "max", v, 0, 0.0 - v, v <= 0, files);
    }
}
