package org.nbparity.harness.trace;

/**
 * Writes a parsed trace back as protocol 1 text ({@code %.17g} doubles, bit patterns as 8 hex
 * digits), so that tests can feed a golden foreign-dialect trace through the protocol-1 parser and
 * diff; values printed with fewer digits stay as imprecise as they were.
 */
public final class TraceToProtocol {
    private TraceToProtocol() {
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
                    sb.append(ProtocolText.format(v.value()));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

}
