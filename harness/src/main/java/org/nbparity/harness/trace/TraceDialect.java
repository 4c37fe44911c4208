package org.nbparity.harness.trace;

import java.util.List;

/**
 * What a C program can tell about one pixel, richest first: trace protocol 1 ({@code
 * -trace_pixel S F}: every quantity, exact, with loop indices), hoidn's {@code TRACE_C} lines
 * (same flag; %.15g, no indices), upstream's own {@code -printout_pixel F S} block (a dozen
 * quantities of the last iteration, 6-10 digits), or nothing ({@link DialectSpec#of} gives each as
 * a described dialect: its request flag, prefix and names). The harness asks the Java simulator
 * for the matching information: protocol 1 for the first two (the golden dialect is mapped onto
 * protocol names), the same {@code -printout_pixel} block for the printout, so that both sides
 * print with the same formats.
 */
public enum TraceDialect {
    /** trace-protocol.md. */
    PROTOCOL1("protocol1"),
    /** hoidn's instrumented upstream copy (trace-keys.md sections 2-4). */
    GOLDEN("golden_trace_c"),
    /** upstream's -printout_pixel (trace-keys.md section 5). */
    PRINTOUT("printout"),
    /** prints nothing about a pixel: no traced run is made. */
    NONE("none");

    private final String id;

    TraceDialect(String id) {
        this.id = id;
    }

    /** The name used in metrics.json and by {@link TraceParser#detect} ("protocol1", ...). */
    public String id() {
        return id;
    }

    /** The dialect with this {@link #id()}. */
    public static TraceDialect of(String id) {
        for (TraceDialect d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown trace dialect: " + id);
    }

    /**
     * What a probe run's stdout shows, richest first: a protocol-1 header, TRACE_C lines, a
     * printout block, or nothing.
     */
    public static TraceDialect detect(String stdout) {
        List<String> lines = stdout.lines().toList();
        boolean traceC = false;
        boolean printout = false;
        for (String l : lines) {
            String s = l.strip();
            if (s.matches("(TRACE_[A-Z0-9]+:\\s*)?trace_protocol\\s+1")) {
                return PROTOCOL1;
            }
            traceC |= s.startsWith("TRACE_C:") || s.startsWith("TRACE_C_PHI");
            printout |= TraceParser.isStolLine(l);
        }
        return traceC ? GOLDEN : printout ? PRINTOUT : NONE;
    }
}
