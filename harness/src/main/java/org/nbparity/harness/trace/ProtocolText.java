package org.nbparity.harness.trace;

import org.nbparity.sim.clib.CFormat;

/**
 * Writes a parsed trace back as protocol 1 text ({@code %.17g} doubles, bit patterns as 8 hex
 * digits). Used to store a normalised copy of a foreign-dialect trace next to the original in an
 * evidence bundle; note that values printed with fewer digits stay as imprecise as they were.
 */
public final class ProtocolText {
    private ProtocolText() {
    }

    /** Protocol 1 text with implementation tag {@code impl} (e.g. "C", "JAVA"). */
    public static String toProtocol(Trace t, String impl) {
        StringBuilder sb = new StringBuilder();
        sb.append("TRACE_").append(impl).append(": trace_protocol 1\n");
        sb.append("TRACE_").append(impl).append(": pixel ").append(t.spixel()).append(' ').append(t.fpixel()).append('\n');
        for (TraceRecord r : t.records()) {
            sb.append("TRACE_").append(impl).append(": ").append(TraceRecord.baseKey(r.name(), r.indices()));
            for (TraceValue v : r.values()) {
                sb.append(' ');
                if (v.bits() != null) {
                    sb.append(String.format("%08x", v.bits()));
                } else {
                    sb.append(format(v.value()));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** %.17g, with C's spelling of non-finite values. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return CFormat.g17(v);
    }
}
