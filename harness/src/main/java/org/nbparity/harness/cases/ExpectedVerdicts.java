package org.nbparity.harness.cases;

import java.util.Map;

/**
 * Committed expected verdicts of a suite ({@code fixtures/expected/<suite>.json}). A run whose
 * verdict differs from the expected one, in either direction, fails the suite; an expected
 * {@code FAIL} that fails again is a known failure and is listed, never hidden.
 *
 * @param schema   always {@code nbparity-expected}
 * @param version  1
 * @param suite    suite id
 * @param verdicts per case id: the expected verdict and why
 */
public record ExpectedVerdicts(String schema, int version, String suite, Map<String, Expected> verdicts) {
    /**
     * @param verdict {@code PASS} or {@code FAIL}
     * @param reason  why (mandatory for FAIL: the known failure, e.g. an issue reference)
     */
    public record Expected(String verdict, String reason) {
    }
}
