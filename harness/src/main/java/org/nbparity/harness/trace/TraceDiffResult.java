package org.nbparity.harness.trace;

import java.util.List;
import java.util.Map;

/**
 * Result of comparing a reference trace with a candidate trace; Jackson-serialisable, goes into
 * metrics.json ({@code first_divergence}) and trace_diff.md.
 *
 * @param schema           "nbparity-trace-diff"
 * @param schemaVersion    1
 * @param verdict          PASS when no record diverged and at least one was compared, else FAIL
 * @param reference        "impl/dialect" of the reference
 * @param candidate        "impl/dialect" of the candidate
 * @param spixel           traced pixel, slow (-1 unknown)
 * @param fpixel           traced pixel, fast (-1 unknown)
 * @param thresholdsSha256 sha256 of the gates file used
 * @param strictPresence   whether a reference record missing from the candidate is a divergence
 * @param compared         records present in both
 * @param equal            of which identical
 * @param within           of which different but inside their class
 * @param diverged         records outside their class (incl. missing ones when strict)
 * @param onlyInReference  keys present only in the reference (first 50)
 * @param onlyInReferenceCount their number
 * @param onlyInCandidate  keys present only in the candidate (first 50)
 * @param onlyInCandidateCount their number
 * @param firstDivergence  null when none
 * @param divergedRecords  the diverged records in comparison order (first 50)
 * @param maxUlpsByName    largest ULP distance seen per base name (the measured basis for any class);
 *                         against a reduced-precision dialect this is the distance to the printed value
 * @param withinRecords    records that differ but are inside their class (first 50)
 * @param equalAsPrinted   of the {@code equal} records, those equal only to the printed digits
 *                         (status EQUAL_AS_PRINTED: a side printed fewer than 17 significant digits)
 */
public record TraceDiffResult(String schema, int schemaVersion, String verdict, String reference, String candidate,
                              int spixel, int fpixel, String thresholdsSha256, boolean strictPresence,
                              int compared, int equal, int within, int diverged,
                              List<String> onlyInReference, int onlyInReferenceCount,
                              List<String> onlyInCandidate, int onlyInCandidateCount,
                              FirstDivergence firstDivergence, List<RecordComparison> divergedRecords,
                              Map<String, Long> maxUlpsByName, List<RecordComparison> withinRecords,
                              int equalAsPrinted) {
    /** Schema name. */
    public static final String SCHEMA = "nbparity-trace-diff";
    /** Schema version. */
    public static final int SCHEMA_VERSION = 1;
}
