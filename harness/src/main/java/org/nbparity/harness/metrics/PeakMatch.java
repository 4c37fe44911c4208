package org.nbparity.harness.metrics;

import java.util.List;

/**
 * One-to-one matching of local maxima between two images.
 *
 * @param threshold           absolute threshold (fraction of the reference maximum)
 * @param radiusPx            matching radius
 * @param referencePeaks      local maxima above the threshold in the reference
 * @param candidatePeaks      same in the candidate
 * @param matched             pairs matched (greedy by distance, each peak used once)
 * @param unmatchedReference  reference peaks without partner
 * @param unmatchedCandidate  candidate peaks without partner
 * @param meanOffsetSlow      mean (candidate - reference) slow offset of matched pairs
 * @param meanOffsetFast      mean fast offset
 * @param meanDistance        mean distance of matched pairs
 * @param unmatched           up to 20 unmatched peaks as "ref(s,f)" or "cand(s,f)"
 */
public record PeakMatch(double threshold, double radiusPx, int referencePeaks, int candidatePeaks, int matched,
                        int unmatchedReference, int unmatchedCandidate, double meanOffsetSlow,
                        double meanOffsetFast, double meanDistance, List<String> unmatched) {
}
