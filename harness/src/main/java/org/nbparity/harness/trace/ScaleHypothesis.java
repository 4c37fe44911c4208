package org.nbparity.harness.trace;

/**
 * One candidate explanation of an image sum ratio.
 *
 * @param culprit        short name, e.g. "fluence", "steps^-1", "10^3"
 * @param kind           RUN_RATIO (a run-level constant differs between the two runs),
 *                       SINGLE_FACTOR (a factor of one run applied or omitted), POWER_OF_TEN (a unit slip)
 * @param description    what the factor is, with both values
 * @param predictedRatio candidate/reference sum ratio this hypothesis predicts
 * @param relError       |predicted/observed - 1|
 * @param matches        relError within the forensics tolerance
 */
public record ScaleHypothesis(String culprit, String kind, String description, double predictedRatio,
                              double relError, boolean matches) {
}
