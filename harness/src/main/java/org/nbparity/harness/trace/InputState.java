package org.nbparity.harness.trace;

/**
 * The state of one input of the first divergent record.
 *
 * @param input  input base name (from {@link Dependencies})
 * @param key    the reference record it resolved to, or null if the reference has none
 * @param status EQUAL, WITHIN, OUTSIDE, SHAPE_MISMATCH, MISSING_IN_CANDIDATE or NOT_IN_REFERENCE
 * @param maxUlps largest ULP distance of its components (0 if not compared)
 * @param reference reference values as printed
 * @param candidate candidate values as printed
 */
public record InputState(String input, String key, String status, long maxUlps, String reference, String candidate) {
}
