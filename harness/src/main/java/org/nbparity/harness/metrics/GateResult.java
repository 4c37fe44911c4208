package org.nbparity.harness.metrics;

/**
 * One gate of thresholds.json applied to one region.
 *
 * @param gate   gate name in thresholds.json (e.g. image.bitwise_fraction_min)
 * @param region region name
 * @param value  measured value
 * @param op     "<=" or ">="
 * @param limit  the gate
 * @param pass   whether value op limit holds
 * @param margin headroom: limit - value for "<=", value - limit for ">="; negative when failing
 */
public record GateResult(String gate, String region, double value, String op, double limit, boolean pass,
                         double margin) {
    static GateResult atMost(String gate, String region, double value, double limit) {
        boolean ok = value <= limit;
        return new GateResult(gate, region, value, "<=", limit, ok, limit - value);
    }

    static GateResult atLeast(String gate, String region, double value, double limit) {
        boolean ok = value >= limit;
        return new GateResult(gate, region, value, ">=", limit, ok, value - limit);
    }
}
