package org.nbparity.harness.thresholds;

import java.util.List;

/**
 * A tolerance class for trace records (trace-protocol.md section 4).
 *
 * @param name     class name as written in thresholds.json ("default", "integer", "bits" or a named class)
 * @param kind     how values are compared
 * @param maxUlp   budget in binary64 ULPs (ULP kind only)
 * @param absFloor absolute difference always accepted, for values near zero (ULP kind only)
 * @param records  record base names that belong to this class (empty for default)
 * @param why      the measured reason for a class wider than the default, or null
 */
public record TraceClass(String name, Kind kind, long maxUlp, double absFloor, List<String> records,
                         String why) {
    /** Comparison kinds. */
    public enum Kind {
        /** Values must be numerically identical (integers, flags). */
        EXACT,
        /** Bit patterns must be identical. */
        BITS,
        /** ULP budget with an absolute floor. */
        ULP
    }

    public TraceClass {
        records = List.copyOf(records);
    }
}
