package org.nbparity.harness.trace;

import java.util.List;

/**
 * The first record, in reference order (run-level records first), outside its tolerance class.
 *
 * @param record      its comparison (both values, ULP distance, class)
 * @param runLevel    true when it is a run-level record (a scale or shape constant)
 * @param origin      INTRODUCED (all its inputs agree exactly: the difference starts here),
 *                    INHERITED (an input already differs), or UNDETERMINED (no input could be compared)
 * @param explanation one sentence for humans
 * @param inputs      the state of each input
 */
public record FirstDivergence(RecordComparison record, boolean runLevel, String origin, String explanation,
                              List<InputState> inputs) {
    public FirstDivergence {
        inputs = List.copyOf(inputs);
    }
}
