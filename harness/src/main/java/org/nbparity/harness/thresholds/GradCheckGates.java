package org.nbparity.harness.thresholds;

import java.util.List;
import java.util.Map;

/**
 * Gates of {@code nbparity gradcheck} (issue 18): a derivative image against a ladder of central
 * differences of the forward value. Per parameter: the best rung's relative error on the Bragg
 * pixels, and the log-log line through the rungs (error against step), whose slope is 2 while
 * the central difference's h² truncation error dominates.
 *
 * @param maxBestRelError      largest allowed best relative error (L2 over the Bragg pixels)
 * @param minLoglogR           smallest allowed correlation coefficient of the log-log fit
 * @param maxSlopeDeviation    largest allowed |slope - 2|
 * @param braggFractionOfMax   Bragg pixels: forward value >= this fraction of the maximum (not a gate)
 * @param steps                the ladder per parameter name, "default" for the others (not a gate)
 */
public record GradCheckGates(double maxBestRelError, double minLoglogR, double maxSlopeDeviation,
                             double braggFractionOfMax, Map<String, List<Double>> steps) {

    /** The ladder for a parameter. */
    public List<Double> stepsFor(String param) {
        return steps.getOrDefault(param, steps.get("default"));
    }
}
