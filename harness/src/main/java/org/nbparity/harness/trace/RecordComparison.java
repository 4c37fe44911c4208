package org.nbparity.harness.trace;

/**
 * The comparison of one aligned record.
 *
 * @param key        alignment key
 * @param name       base name
 * @param toleranceClass name of the tolerance class used
 * @param status     outcome
 * @param reference  reference values as printed
 * @param candidate  candidate values as printed (null if missing)
 * @param maxUlps    largest binary64 ULP distance over the components (Long.MAX_VALUE for NaN vs number)
 * @param maxAbsDiff largest absolute difference
 * @param allowedAbs the absolute difference the class allowed for the worst component
 * @param worstComponent index of the worst component
 * @param referenceLine line in the reference text
 * @param candidateLine line in the candidate text (-1 if missing)
 */
public record RecordComparison(String key, String name, String toleranceClass, Status status, String reference,
                               String candidate, long maxUlps, double maxAbsDiff, double allowedAbs,
                               int worstComponent, int referenceLine, int candidateLine) {
    /** Outcomes. */
    public enum Status {
        /** Identical: both sides printed exactly (round trip) and the same value. */
        EQUAL,
        /**
         * The same to the digits a side printed (fewer than 17 significant): consistent, but a
         * difference below the printing precision, possibly beyond the class's ULP budget, is
         * invisible; the ULP distance shown is to the printed decimal.
         */
        EQUAL_AS_PRINTED,
        /** Different but inside the tolerance class. */
        WITHIN,
        /** Outside the tolerance class. */
        OUTSIDE,
        /** Different number of values. */
        SHAPE_MISMATCH,
        /** In the reference, absent from the candidate. */
        MISSING_IN_CANDIDATE
    }

    /** True for the outcomes that count as a divergence. */
    public boolean diverged() {
        return status == Status.OUTSIDE || status == Status.SHAPE_MISMATCH || status == Status.MISSING_IN_CANDIDATE;
    }
}
