package org.nbparity.harness.trace;

import org.nbparity.harness.thresholds.TraceClass;
import org.nbparity.harness.thresholds.Thresholds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aligns two traces by full record name and finds the first divergence (trace-protocol.md
 * section 4). Run-level records are compared first, so that a wrong scale constant is named as
 * such and never blamed on a pixel-level quantity.
 */
public final class TraceDiff {
    /**
     * Base names that are run-level constants even where a dialect prints them in the pixel or
     * end block (the golden trace prints fluence, r_e_sqr and steps after the loop).
     */
    public static final Set<String> RUN_LEVEL = Set.of("lambda_meters", "fluence", "r_e_sqr", "r_e_meters", "steps",
            "sources", "phisteps", "mosaic_domains", "oversample", "thicksteps", "Na_Nb_Nc", "Na", "Nb", "Nc",
            "default_F", "hkl_range", "interpolate", "distance_meters", "close_distance_meters",
            "pixel_size_meters", "fdet_vec", "sdet_vec", "odet_vec", "beam_vec", "polar_vec", "spindle_vec",
            "pix0_vector_meters", "Fbeam_Sbeam", "Fclose_Sclose", "a0", "b0", "c0", "a_star", "b_star", "c_star",
            "V_cell", "I_bg", "mode", "oversample_thick", "oversample_polar", "oversample_omega");

    private static final int LIST_LIMIT = 50;

    private TraceDiff() {
    }

    /**
     * Compares with presence strict exactly when both traces speak protocol 1 (their vocabularies
     * are the same, so a record missing on one side is itself a divergence).
     */
    public static TraceDiffResult compare(Trace reference, Trace candidate, Thresholds thresholds) {
        boolean strict = "protocol1".equals(reference.dialect()) && "protocol1".equals(candidate.dialect());
        return compare(reference, candidate, thresholds, strict);
    }

    /**
     * Compares {@code candidate} against {@code reference}. A reference record absent from the
     * candidate is a divergence only when {@code strictPresence}; use true when both sides speak
     * protocol 1 and false across dialects (whose vocabularies overlap only partly).
     */
    public static TraceDiffResult compare(Trace reference, Trace candidate, Thresholds thresholds,
                                          boolean strictPresence) {
        Map<String, TraceRecord> cand = candidate.byKey();
        List<TraceRecord> refs = reference.records();
        Map<String, Integer> refPos = new HashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            refPos.put(refs.get(i).key(), i);
        }
        // comparison order: run-level records (reference order), then all others (reference order)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            if (isRunLevel(refs.get(i))) {
                order.add(i);
            }
        }
        for (int i = 0; i < refs.size(); i++) {
            if (!isRunLevel(refs.get(i))) {
                order.add(i);
            }
        }
        Map<String, RecordComparison> byKey = new LinkedHashMap<>();
        Map<String, Long> maxUlpsByName = new LinkedHashMap<>();
        List<String> onlyRef = new ArrayList<>();
        int onlyRefCount = 0;
        int compared = 0;
        int equal = 0;
        int equalAsPrinted = 0;
        int within = 0;
        int diverged = 0;
        List<RecordComparison> divergedList = new ArrayList<>();
        List<RecordComparison> withinList = new ArrayList<>();
        RecordComparison first = null;
        int firstPos = -1;
        for (int pos : order) {
            TraceRecord r = refs.get(pos);
            TraceRecord c = cand.get(r.key());
            if (c == null) {
                c = derive(r, cand);
            }
            RecordComparison rc;
            if (c == null) {
                onlyRefCount++;
                if (onlyRef.size() < LIST_LIMIT) {
                    onlyRef.add(r.key());
                }
                if (!strictPresence) {
                    continue;
                }
                rc = new RecordComparison(r.key(), r.name(), thresholds.classFor(r.name()).name(),
                        RecordComparison.Status.MISSING_IN_CANDIDATE, r.display(), null, 0, 0, 0, -1, r.line(), -1);
            } else {
                rc = compareRecord(r, c, thresholds.classFor(r.name()));
                compared++;
                maxUlpsByName.merge(r.name(), rc.maxUlps(), Math::max);
            }
            byKey.put(r.key(), rc);
            switch (rc.status()) {
                case EQUAL -> equal++;
                case EQUAL_AS_PRINTED -> {
                    equal++;
                    equalAsPrinted++;
                }
                case WITHIN -> {
                    within++;
                    if (withinList.size() < LIST_LIMIT) {
                        withinList.add(rc);
                    }
                }
                default -> {
                    diverged++;
                    if (divergedList.size() < LIST_LIMIT) {
                        divergedList.add(rc);
                    }
                    if (first == null) {
                        first = rc;
                        firstPos = pos;
                    }
                }
            }
        }
        List<String> onlyCand = new ArrayList<>();
        int onlyCandCount = 0;
        for (String k : cand.keySet()) {
            if (!refPos.containsKey(k)) {
                onlyCandCount++;
                if (onlyCand.size() < LIST_LIMIT) {
                    onlyCand.add(k);
                }
            }
        }
        FirstDivergence fd = first == null ? null : explain(first, firstPos, reference, byKey, cand, candidate.records());
        String verdict = fd == null && compared > 0 ? "PASS" : "FAIL";
        return new TraceDiffResult(TraceDiffResult.SCHEMA, TraceDiffResult.SCHEMA_VERSION, verdict,
                reference.impl() + "/" + reference.dialect(), candidate.impl() + "/" + candidate.dialect(),
                reference.spixel(), reference.fpixel(), thresholds.sha256(), strictPresence,
                compared, equal, within, diverged, onlyRef, onlyRefCount, onlyCand, onlyCandCount, fd,
                divergedList, maxUlpsByName, withinList, equalAsPrinted);
    }

    /** upstream's RTD = 180*M_1_PI, for phi_deg. */
    private static final double RTD = 180.0 * 0.31830988618379067154;

    /**
     * A candidate record computed from the candidate's own records for a golden-only name that is
     * a plain function of a protocol record: TRACE_C_PHI k_frac (component 1 of hkl_frac),
     * phi_deg (phi_rad*RTD, as the C prints it) and lambda_angstroms (lambda_meters*1e10). Null
     * when not derivable.
     */
    static TraceRecord derive(TraceRecord r, Map<String, TraceRecord> cand) {
        String from;
        switch (r.name()) {
            case "k_frac" -> from = "hkl_frac";
            case "phi_deg" -> from = "phi_rad";
            case "lambda_angstroms" -> from = "lambda_meters";
            default -> {
                return null;
            }
        }
        TraceRecord src = cand.get(TraceRecord.baseKey(from, r.indices()));
        if (src == null || src.values().isEmpty()) {
            return null;
        }
        double v = switch (r.name()) {
            case "k_frac" -> src.values().size() == 3 ? src.values().get(1).value() : Double.NaN;
            case "phi_deg" -> src.values().get(0).value() * RTD;
            default -> src.values().get(0).value() * 1e10;
        };
        if (Double.isNaN(v)) {
            return null;
        }
        Precision p = r.name().equals("k_frac") ? src.precision() : src.precision().scaled(1.0);
        return new TraceRecord(r.key(), r.name(), r.indices(), List.of(new TraceValue(ProtocolText.format(v), v, null)),
                p, src.line(), "derived from " + src.key());
    }

    /** True for records that describe the run rather than the pixel. */
    public static boolean isRunLevel(TraceRecord r) {
        return r.name().startsWith(StdoutRecords.PREFIX)
                || r.indices().isEmpty() && (RUN_LEVEL.contains(r.name()) || r.name().startsWith("setup."));
    }

    /** Compares two records with a tolerance class. */
    public static RecordComparison compareRecord(TraceRecord r, TraceRecord c, TraceClass tc) {
        if (r.values().size() != c.values().size()) {
            return new RecordComparison(r.key(), r.name(), tc.name(), RecordComparison.Status.SHAPE_MISMATCH,
                    r.display(), c.display(), Long.MAX_VALUE, Double.NaN, 0, -1, r.line(), c.line());
        }
        boolean allEqual = true;
        boolean allAsPrinted = true;
        boolean allWithin = true;
        long maxUlps = 0;
        double maxAbs = 0;
        double allowedAtWorst = 0;
        int worst = 0;
        for (int i = 0; i < r.values().size(); i++) {
            TraceValue a = r.values().get(i);
            TraceValue b = c.values().get(i);
            double x = a.value();
            double y = b.value();
            long ulps = Ulp.distance(x, y);
            double abs = Double.isNaN(x) || Double.isNaN(y) ? (Double.isNaN(x) && Double.isNaN(y) ? 0 : Double.POSITIVE_INFINITY)
                    : x == y ? 0 : Math.abs(x - y);
            boolean eq;
            boolean ok;
            boolean printed = false;
            double allowed;
            if (!a.numeric() || !b.numeric()) {
                eq = a.text().equals(b.text());
                ulps = eq ? 0 : Long.MAX_VALUE;
                abs = eq ? 0 : Double.POSITIVE_INFINITY;
                allEqual &= eq;
                allAsPrinted &= eq;
                allWithin &= eq;
                if (!eq && maxUlps != Long.MAX_VALUE) {
                    worst = i;
                }
                maxUlps = Math.max(maxUlps, ulps);
                maxAbs = Math.max(maxAbs, abs);
                continue;
            }
            switch (tc.kind()) {
                case BITS -> {
                    eq = a.bits() != null && b.bits() != null ? a.bits().equals(b.bits()) : ulps == 0;
                    if (a.bits() != null && b.bits() != null) {
                        ulps = Ulp.distance(Float.intBitsToFloat(a.bits()), Float.intBitsToFloat(b.bits()));
                    }
                    ok = eq;
                    allowed = 0;
                }
                case EXACT -> {
                    eq = ulps == 0;
                    ok = eq;
                    allowed = 0;
                }
                default -> {
                    double unc = r.precision().uncertainty(x) + c.precision().uncertainty(y);
                    if (unc == 0) {
                        eq = ulps == 0;
                        ok = ulps <= tc.maxUlp() || abs <= tc.absFloor();
                        allowed = Math.max(tc.maxUlp() * Math.ulp(Math.max(Math.abs(x), Math.abs(y))), tc.absFloor());
                    } else {
                        // the exact side printed the C way equals the other side's text: the same at
                        // the printed precision (trace-keys.md 6.5), which is not "equal": the
                        // printed digits hide differences far beyond the class's ULP budget (a %g
                        // F_latt hides 1e10 ULP), so the record is EQUAL_AS_PRINTED, never EQUAL
                        eq = false;
                        printed = abs <= unc || printsAs(y, r.precision(), a.text()) || printsAs(x, c.precision(), b.text());
                        allowed = Math.max(unc + tc.maxUlp() * Math.ulp(Math.max(Math.abs(x), Math.abs(y))),
                                tc.absFloor());
                        ok = printed || abs <= allowed;
                    }
                }
            }
            allEqual &= eq;
            allAsPrinted &= eq || printed;
            allWithin &= ok;
            if (i == 0 || ulps > maxUlps || (ulps == maxUlps && abs > maxAbs)) {
                worst = i;
                allowedAtWorst = allowed;
            }
            maxUlps = Math.max(maxUlps, ulps);
            maxAbs = Math.max(maxAbs, abs);
        }
        RecordComparison.Status st = allEqual ? RecordComparison.Status.EQUAL
                : allAsPrinted ? RecordComparison.Status.EQUAL_AS_PRINTED
                : allWithin ? RecordComparison.Status.WITHIN : RecordComparison.Status.OUTSIDE;
        return new RecordComparison(r.key(), r.name(), tc.name(), st, r.display(), c.display(), maxUlps, maxAbs,
                allowedAtWorst, worst, r.line(), c.line());
    }

    /**
     * Classifies the first divergence from the state of its inputs ({@link Dependencies}):
     * INHERITED when a compared input already differs; INTRODUCED only when every input was
     * compared, over every loop iteration the record depends on, and found equal (exactly, or to
     * at least {@link #ATTRIBUTION_DIGITS} printed significant digits); otherwise UNDETERMINED,
     * naming the inputs that could not be compared. An input at a deeper loop level than the
     * record (an end-of-pixel value computed from per-iteration values) counts as compared only
     * when the trace printed it for every iteration, which needs the loop extents (the run block
     * of protocol 1); a running sum needs its immediately preceding iteration.
     */
    private static FirstDivergence explain(RecordComparison d, int pos, Trace reference,
                                           Map<String, RecordComparison> byKey, Map<String, TraceRecord> cand,
                                           List<TraceRecord> cands) {
        List<TraceRecord> refs = reference.records();
        TraceRecord r = refs.get(pos);
        int[] ext = extents(reference);
        List<InputState> inputs = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> uncompared = new ArrayList<>();
        boolean subsumed = false;
        for (String in : Dependencies.inputsOf(r.name())) {
            if (subsumed && Dependencies.subsumedByRunningSum(in)) {
                inputs.add(new InputState(in, null, "COVERED_BY_RUNNING_SUM", 0, null, null));
                continue;
            }
            TraceRecord src = Dependencies.resolve(refs, pos, in);
            if (src == null) {
                if (in.equals(r.name()) && isFirstIteration(r)) {
                    inputs.add(new InputState(in, null, "INITIAL_VALUE", 0, null, null));
                    continue;
                }
                // the reference dialect does not print it: show the candidate's value for context
                TraceRecord cr = null;
                for (int i = 0; i < cands.size() && cr == null; i++) {
                    if (cands.get(i).key().equals(d.key())) {
                        cr = Dependencies.resolve(cands, i, in);
                    }
                }
                inputs.add(new InputState(in, cr == null ? null : cr.key(), "NOT_IN_REFERENCE", 0, null,
                        cr == null ? null : cr.display()));
                uncompared.add(in + " (not printed by the reference)");
                continue;
            }
            RecordComparison rc = byKey.get(src.key());
            if (rc == null || rc.status() == RecordComparison.Status.MISSING_IN_CANDIDATE) {
                inputs.add(new InputState(in, src.key(), "MISSING_IN_CANDIDATE", 0, src.display(), null));
                uncompared.add(in + " (not printed by the candidate)");
                continue;
            }
            if (rc.status() != RecordComparison.Status.EQUAL && rc.status() != RecordComparison.Status.EQUAL_AS_PRINTED) {
                differing.add(src.key() + " (" + rc.status() + ", " + ulpText(rc.maxUlps()) + " ULP)");
                inputs.add(new InputState(in, src.key(), rc.status().name(), rc.maxUlps(), rc.reference(), rc.candidate()));
                continue;
            }
            String gap = coverageGap(r, src, in, refs, byKey, ext);
            if (gap != null) {
                inputs.add(new InputState(in, src.key(), "PARTIAL", rc.maxUlps(), rc.reference(), rc.candidate()));
                uncompared.add(in + " (" + gap + ")");
                continue;
            }
            if (rc.status() == RecordComparison.Status.EQUAL_AS_PRINTED && !precise(src, cand.get(src.key()))) {
                inputs.add(new InputState(in, src.key(), rc.status().name(), rc.maxUlps(), rc.reference(), rc.candidate()));
                uncompared.add(in + " (equal only to the fewer than " + ATTRIBUTION_DIGITS + " digits printed)");
                continue;
            }
            inputs.add(new InputState(in, src.key(), rc.status().name(), rc.maxUlps(), rc.reference(), rc.candidate()));
            if (Dependencies.isRunningSum(in) && !src.indices().isEmpty()) {
                subsumed = true;
            }
        }
        boolean primary = Dependencies.known(r.name()) && Dependencies.inputsOf(r.name()).isEmpty();
        String origin;
        String why;
        String what = d.status() == RecordComparison.Status.MISSING_IN_CANDIDATE
                ? d.key() + " is missing from the candidate"
                : d.key() + " differs by " + ulpText(d.maxUlps()) + " ULP (|diff| " + d.maxAbsDiff() + ", class "
                + d.toleranceClass() + " allows " + d.allowedAbs() + ")";
        if (!differing.isEmpty()) {
            origin = "INHERITED";
            why = what + "; inherited: its input(s) already differ: " + String.join(", ", differing);
        } else if (primary) {
            origin = "INTRODUCED";
            why = what + "; a primary quantity with no traced inputs: introduced here";
        } else if (!Dependencies.known(r.name())) {
            origin = "UNDETERMINED";
            why = what + "; its inputs are unknown to the dependency table, so where it started cannot be told";
        } else if (uncompared.isEmpty()) {
            origin = "INTRODUCED";
            why = what + "; introduced here: every input was compared and is equal";
        } else {
            origin = "UNDETERMINED";
            why = what + "; undetermined: the difference may start here or in an input that could not be compared: "
                    + String.join(", ", uncompared);
        }
        boolean run = isRunLevel(r);
        if (run) {
            why = "run-level constant " + r.name() + ": " + why;
        }
        return new FirstDivergence(d, run, origin, why, inputs);
    }

    /**
     * Fewest significant digits a value printed with reduced precision must carry for its
     * equality to count towards INTRODUCED: %.15g (the golden TRACE_C dialect) is within about
     * the default class budget (16 ULP); upstream's %g or %f is not (a 6-digit F_latt hides up to
     * ~1e10 ULP).
     */
    public static final int ATTRIBUTION_DIGITS = 15;

    private static boolean precise(TraceRecord ref, TraceRecord cand) {
        return precise(ref.precision()) && (cand == null || precise(cand.precision()));
    }

    private static boolean precise(Precision p) {
        return p.kind() == Precision.Kind.EXACT || p.kind() == Precision.Kind.SIGNIFICANT && p.digits() >= ATTRIBUTION_DIGITS;
    }

    private static boolean isFirstIteration(TraceRecord r) {
        return !r.indices().isEmpty() && r.indices().values().stream().allMatch(v -> v == 0);
    }

    /**
     * Loop extents t, sy, sx, src, phi, mos: the layout a foreign dialect was parsed with, else
     * the protocol-1 run block; null when neither gives them.
     */
    static int[] extents(Trace t) {
        LoopLayout l = t.layout();
        if (l != null) {
            return new int[]{l.thicksteps(), l.oversample(), l.oversample(), l.sources(), l.phisteps(), l.mosaicDomains()};
        }
        Map<String, Integer> run = new HashMap<>();
        for (TraceRecord r : t.records()) {
            if (r.indices().isEmpty() && r.values().size() == 1 && !run.containsKey(r.name())) {
                double v = r.values().get(0).value();
                if (v >= 1 && v == Math.rint(v)) {
                    run.put(r.name(), (int) v);
                }
            }
        }
        String[] names = {"thicksteps", "oversample", "oversample", "sources", "phisteps", "mosaic_domains"};
        int[] e = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            Integer v = run.get(names[i]);
            if (v == null) {
                return null;
            }
            e[i] = v;
        }
        return e;
    }

    /**
     * Null when the compared input {@code src} covers what record {@code r} needs of it, else
     * why not: a deeper-level input must be printed (and equal) for every iteration of the loops
     * the record spans; a running sum needs the iteration right before.
     */
    private static String coverageGap(TraceRecord r, TraceRecord src, String in, List<TraceRecord> refs,
                                      Map<String, RecordComparison> byKey, int[] ext) {
        List<String> deeper = new ArrayList<>();
        for (String k : src.indices().keySet()) {
            if (!r.indices().containsKey(k)) {
                deeper.add(k);
            }
        }
        boolean runningSum = in.equals(r.name()) || Dependencies.isRunningSum(in);
        if (!runningSum && deeper.isEmpty()) {
            return null;
        }
        if (ext == null) {
            return "printed for some loop iterations only; the trace gives no loop extents";
        }
        if (in.equals(r.name())) {
            return linear(src.indices(), ext) == linear(r.indices(), ext) - 1 ? null
                    : "only some earlier iterations of the running sum are printed";
        }
        if (runningSum) {
            // the last value of the running sum carries every iteration before it
            for (String k : deeper) {
                if (src.indices().get(k) != ext[TraceRecord.INDEX_ORDER.indexOf(k)] - 1) {
                    return "the running sum is not printed at the last iteration";
                }
            }
            return null;
        }
        long need = 1;
        for (String k : deeper) {
            need *= ext[TraceRecord.INDEX_ORDER.indexOf(k)];
        }
        long have = 0;
        for (TraceRecord o : refs) {
            if (!o.name().equals(in) || o.key().contains("#") || !agrees(o, r)) {
                continue;
            }
            RecordComparison oc = byKey.get(o.key());
            if (oc == null || oc.status() != RecordComparison.Status.EQUAL
                    && oc.status() != RecordComparison.Status.EQUAL_AS_PRINTED) {
                return "not every iteration was compared equal";
            }
            have++;
        }
        return have >= need ? null : "printed for " + have + " of the " + need + " iterations over " + String.join(",", deeper);
    }

    private static boolean agrees(TraceRecord o, TraceRecord of) {
        for (Map.Entry<String, Integer> e : o.indices().entrySet()) {
            Integer v = of.indices().get(e.getKey());
            if (v != null && !v.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static long linear(Map<String, Integer> idx, int[] ext) {
        long lin = 0;
        for (int i = 0; i < ext.length; i++) {
            lin = lin * ext[i] + idx.getOrDefault(TraceRecord.INDEX_ORDER.get(i), 0);
        }
        return lin;
    }

    private static boolean printsAs(double exact, Precision printed, String text) {
        String fmt = printed.cFormat();
        return fmt != null && org.nbparity.sim.clib.CFormat.sprintf(fmt, exact).strip().equals(text);
    }

    static String ulpText(long ulps) {
        return ulps == Long.MAX_VALUE ? "inf" : Long.toString(ulps);
    }
}
