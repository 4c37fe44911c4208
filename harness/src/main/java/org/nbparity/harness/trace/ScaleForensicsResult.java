package org.nbparity.harness.trace;

import java.util.List;

/**
 * Result of scale forensics (Jackson-serialisable).
 *
 * @param schema        "nbparity-scale-forensics"
 * @param schemaVersion 1
 * @param observedRatio sum(candidate)/sum(reference)
 * @param scaleOff      true when |observed - 1| exceeds the tolerance
 * @param explained     true when a hypothesis matches
 * @param likelyCulprit the best matching hypothesis's culprit, or null
 * @param summary       one sentence
 * @param hypotheses    the hypotheses that explain the ratio within the tolerance, best first (at most 10; empty when none does)
 */
public record ScaleForensicsResult(String schema, int schemaVersion, double observedRatio, boolean scaleOff,
                                   boolean explained, String likelyCulprit, String summary,
                                   List<ScaleHypothesis> hypotheses) {
    public ScaleForensicsResult {
        hypotheses = List.copyOf(hypotheses);
    }
}
