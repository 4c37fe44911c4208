package org.nbparity.harness.cases;

import java.util.List;
import java.util.Map;

/**
 * A suite file ({@code fixtures/suites/<id>.json}, schema {@code nbparity-suite}).
 *
 * @param schema      always {@code nbparity-suite}
 * @param version     1
 * @param id          suite name
 * @param description what it covers
 * @param cases       case ids in run order
 * @param expected    repository-relative path of the committed expected verdicts
 * @param rejected    flags of {@code cli-flags.md} deliberately not covered, with the reason
 */
public record Suite(String schema, int version, String id, String description, List<String> cases,
                    String expected, Map<String, String> rejected) {
}
