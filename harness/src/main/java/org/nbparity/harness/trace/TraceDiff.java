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
        FirstDivergence fd = first == null ? null : explain(first, firstPos, refs, byKey, candidate.records());
        String verdict = fd == null && compared > 0 ? "PASS" : "FAIL";
        return new TraceDiffResult(TraceDiffResult.SCHEMA, TraceDiffResult.SCHEMA_VERSION, verdict,
                reference.impl() + "/" + reference.dialect(), candidate.impl() + "/" + candidate.dialect(),
                reference.spixel(), reference.fpixel(), thresholds.sha256(), strictPresence,
                compared, equal, within, diverged, onlyRef, onlyRefCount, onlyCand, onlyCandCount, fd,
                divergedList, maxUlpsByName, withinList);
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
        return r.indices().isEmpty() && (RUN_LEVEL.contains(r.name()) || r.name().startsWith("setup."));
    }

    /** Compares two records with a tolerance class. */
    public static RecordComparison compareRecord(TraceRecord r, TraceRecord c, TraceClass tc) {
        if (r.values().size() != c.values().size()) {
            return new RecordComparison(r.key(), r.name(), tc.name(), RecordComparison.Status.SHAPE_MISMATCH,
                    r.display(), c.display(), Long.MAX_VALUE, Double.NaN, 0, -1, r.line(), c.line());
        }
        boolean allEqual = true;
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
            double allowed;
            if (!a.numeric() || !b.numeric()) {
                eq = a.text().equals(b.text());
                ulps = eq ? 0 : Long.MAX_VALUE;
                abs = eq ? 0 : Double.POSITIVE_INFINITY;
                allEqual &= eq;
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
                        // the exact side printed the C way equals the other side's text: identical at
                        // the printed precision (trace-keys.md 6.5)
                        eq = abs <= unc || printsAs(y, r.precision(), a.text()) || printsAs(x, c.precision(), b.text());
                        allowed = Math.max(unc + tc.maxUlp() * Math.ulp(Math.max(Math.abs(x), Math.abs(y))),
                                tc.absFloor());
                        ok = abs <= allowed;
                    }
                }
            }
            allEqual &= eq;
            allWithin &= ok;
            if (i == 0 || ulps > maxUlps || (ulps == maxUlps && abs > maxAbs)) {
                worst = i;
                allowedAtWorst = allowed;
            }
            maxUlps = Math.max(maxUlps, ulps);
            maxAbs = Math.max(maxAbs, abs);
        }
        RecordComparison.Status st = allEqual ? RecordComparison.Status.EQUAL
                : allWithin ? RecordComparison.Status.WITHIN : RecordComparison.Status.OUTSIDE;
        return new RecordComparison(r.key(), r.name(), tc.name(), st, r.display(), c.display(), maxUlps, maxAbs,
                allowedAtWorst, worst, r.line(), c.line());
    }

    private static FirstDivergence explain(RecordComparison d, int pos, List<TraceRecord> refs,
                                           Map<String, RecordComparison> byKey, List<TraceRecord> cands) {
        TraceRecord r = refs.get(pos);
        List<InputState> inputs = new ArrayList<>();
        boolean anyDiffers = false;
        boolean anyCompared = false;
        List<String> differing = new ArrayList<>();
        for (String in : Dependencies.inputsOf(r.name())) {
            TraceRecord src = Dependencies.resolve(refs, pos, in);
            if (src == null) {
                // the reference dialect does not print it: show the candidate's value for context
                TraceRecord cr = null;
                for (int i = 0; i < cands.size() && cr == null; i++) {
                    if (cands.get(i).key().equals(d.key())) {
                        cr = Dependencies.resolve(cands, i, in);
                    }
                }
                inputs.add(new InputState(in, cr == null ? null : cr.key(), "NOT_IN_REFERENCE", 0, null,
                        cr == null ? null : cr.display()));
                continue;
            }
            RecordComparison rc = byKey.get(src.key());
            if (rc == null) {
                inputs.add(new InputState(in, src.key(), "MISSING_IN_CANDIDATE", 0, src.display(), null));
                continue;
            }
            if (rc.status() == RecordComparison.Status.MISSING_IN_CANDIDATE) {
                inputs.add(new InputState(in, src.key(), rc.status().name(), 0, src.display(), null));
                continue;
            }
            anyCompared = true;
            if (rc.status() != RecordComparison.Status.EQUAL) {
                anyDiffers = true;
                differing.add(src.key() + " (" + rc.status() + ", " + ulpText(rc.maxUlps()) + " ULP)");
            }
            inputs.add(new InputState(in, src.key(), rc.status().name(), rc.maxUlps(), rc.reference(), rc.candidate()));
        }
        boolean primary = Dependencies.known(r.name()) && Dependencies.inputsOf(r.name()).isEmpty();
        String origin;
        String why;
        String what = d.status() == RecordComparison.Status.MISSING_IN_CANDIDATE
                ? d.key() + " is missing from the candidate"
                : d.key() + " differs by " + ulpText(d.maxUlps()) + " ULP (|diff| " + d.maxAbsDiff() + ", class "
                + d.toleranceClass() + " allows " + d.allowedAbs() + ")";
        if (anyDiffers) {
            origin = "INHERITED";
            why = what + "; inherited: its input(s) already differ: " + String.join(", ", differing);
        } else if (anyCompared || primary) {
            origin = "INTRODUCED";
            why = what + (primary ? "; a primary quantity with no traced inputs: introduced here"
                    : "; introduced here: every compared input is identical");
        } else {
            origin = "UNDETERMINED";
            why = what + "; none of its inputs could be compared";
        }
        boolean run = isRunLevel(r);
        if (run) {
            why = "run-level constant " + r.name() + ": " + why;
        }
        return new FirstDivergence(d, run, origin, why, inputs);
    }

    private static boolean printsAs(double exact, Precision printed, String text) {
        String fmt = printed.cFormat();
        return fmt != null && org.nbparity.sim.clib.CFormat.sprintf(fmt, exact).strip().equals(text);
    }

    static String ulpText(long ulps) {
        return ulps == Long.MAX_VALUE ? "inf" : Long.toString(ulps);
    }
}
