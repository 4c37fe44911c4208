package org.nbparity.harness.trace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.backend.Candidate;
import org.nbparity.harness.cases.Canonical;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways a described dialect shows loop iterations, its names and units, and the lines it cannot place. */
class DialectSpecTest {
    private static DialectSpec spec(String json) throws Exception {
        return DialectSpec.fromJson(Canonical.MAPPER.readTree(json));
    }

    @Test
    void anIndexedDialectIsRenamedAndScaledAndItsUnknownNamesAreUnplaced() throws Exception {
        DialectSpec s = spec("{\"prefix\": \"TRACE_X:\", \"indices\": \"indexed\", \"vocabulary\": \"protocol1\","
                + " \"names\": {\"hkl\": \"hkl_frac\"}, \"units\": {\"rot_a\": 1e-10}}");
        Trace t = TraceParser.parse(List.of(
                "TRACE_X: hkl[t=0,sy=0,sx=0,src=0,phi=0,mos=0] 1.5 2 3",
                "TRACE_X: rot_a[t=0,sy=0,sx=0,src=0,phi=0,mos=0] 10 0 0",
                "TRACE_JAVA: hkl_frac[t=0,sy=0,sx=0,src=0,phi=0,mos=0] 9 9 9",
                "TRACE_X: polar 0.5"), null, s);
        assertEquals(List.of("hkl_frac[t=0,sy=0,sx=0,src=0,phi=0,mos=0]", "rot_a[t=0,sy=0,sx=0,src=0,phi=0,mos=0]", "polar"),
                t.records().stream().map(TraceRecord::key).toList());
        assertEquals(1.5, t.records().get(0).numbers()[0]);
        assertEquals(1e-9, t.records().get(1).numbers()[0], 1e-24);
        assertEquals("lines:TRACE_X:", t.dialect());
        // without the protocol vocabulary, a name the spec does not map is unplaced, never dropped
        DialectSpec strict = spec("{\"prefix\": \"TRACE_X:\", \"indices\": \"indexed\", \"names\": {\"hkl\": \"hkl_frac\"}}");
        Trace u = TraceParser.parse(List.of("TRACE_X: hkl[t=0,sy=0,sx=0,src=0,phi=0,mos=0] 1 2 3", "TRACE_X: mystery 4"),
                null, strict);
        assertEquals(1, u.records().size());
        assertEquals(List.of("mystery (line 2)"), u.unplaced());
    }

    @Test
    void aLastValueDialectIsPlacedAtTheLastIterationOfEachLevel() throws Exception {
        DialectSpec s = spec("{\"prefix\": \"P>\", \"indices\": \"last_value\", \"vocabulary\": \"hoidn\", \"digits\": 10}");
        LoopLayout l = new LoopLayout(2, 3, 4, 5, 6);
        Trace t = TraceParser.parse(List.of("P> pixel_pos_meters 1 2 3", "P> incident_vec 0 0 1", "P> hkl_frac 1 2 3",
                "P> polar 0.9", "P> fluence_photons_per_m2 1e24", "P> whatever 1"), l, s);
        assertEquals(List.of("pixel_pos_meters[t=1,sy=2,sx=2]", "incident_vec[t=1,sy=2,sx=2,src=3]",
                "hkl_frac[t=1,sy=2,sx=2,src=3,phi=4,mos=5]", "polar", "fluence"),
                t.records().stream().map(TraceRecord::key).toList());
        assertEquals(Precision.significant(10), t.records().get(0).precision());
        assertEquals(List.of("whatever (line 6)"), t.unplaced());
        assertThrows(IllegalArgumentException.class, () -> TraceParser.parse(List.of("P> polar 1"), null, s));
    }

    @Test
    void aPerSubpixelDialectUnderAnotherPrefixIsCountedInBlocksAsTraceC() throws Exception {
        DialectSpec py = spec("{\"prefix\": \"TRACE_PY:\", \"indices\": \"per_subpixel\", \"vocabulary\": \"hoidn\"}");
        List<String> lines = List.of("TRACE_PY: pix0_vector_meters 1 2 3", "TRACE_PY: pixel_pos_meters 1 1 1",
                "TRACE_PY: pix0_vector_meters 1 2 3", "TRACE_PY: pixel_pos_meters 2 2 2", "TRACE_PY: rot_a_angstroms 10 0 0",
                "TRACE_PY: I_before_scaling 7", "TRACE_PY: extra 1");
        Trace t = TraceParser.parse(lines, new LoopLayout(2, 1, 1, 1, 1), py);
        assertEquals(List.of("pix0_vector_meters", "pixel_pos_meters[t=0,sy=0,sx=0]", "pixel_pos_meters[t=1,sy=0,sx=0]",
                "rot_a[t=1,sy=0,sx=0,src=0,phi=0,mos=0]", "I_before_scaling"), t.records().stream().map(TraceRecord::key).toList());
        // a layout of 4 blocks with 2 printed is a malformed trace, said so
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceParser.parse(lines, new LoopLayout(1, 2, 1, 1, 1), py));
        assertEquals("trace: 2 subpixel blocks but the loop layout says 4 (thicksteps*oversample^2)", e.getMessage());
        assertEquals(1e-9, t.records().get(3).numbers()[0], 1e-24);
        assertEquals(List.of("extra (line 7)"), t.unplaced());
    }

    @Test
    void theDialectOfAProbeIsTheBuiltInSpecAndEverySpecReadsBackFromItsJson() {
        assertEquals(DialectSpec.PROTOCOL1, DialectSpec.of(TraceDialect.PROTOCOL1));
        assertEquals("golden_trace_c", DialectSpec.of(TraceDialect.GOLDEN).id());
        assertEquals(List.of("-x", "1", "-printout_pixel", "5", "3", "-y"),
                DialectSpec.PRINTOUT.tracedArgv(List.of("-x", "1", "-trace_pixel", "3", "5", "-y")));
        for (DialectSpec s : List.of(DialectSpec.PROTOCOL1, DialectSpec.HOIDN_TRACE_C, DialectSpec.PRINTOUT)) {
            JsonNode j = Candidate.traceJson(s);
            assertEquals(s, DialectSpec.fromJson(j), j.toString());
        }
        DialectSpec custom = new DialectSpec("lines", List.of("--pixel", "{s},{f}"), "T:", null, Map.of("a", "polar"),
                Map.of("a", 2.0), DialectSpec.Indices.LAST_VALUE, 12, null);
        assertEquals(custom, DialectSpec.fromJson(Candidate.traceJson(custom)));
        assertEquals(List.of("--pixel", "3,5"), custom.tracedArgv(List.of("-trace_pixel", "3", "5")));
    }

    @Test
    void badTraceDescriptionsAreRejectedWithTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec("{\"prefix\": \"T:\", \"indices\": \"sometimes\"}"));
        assertEquals("trace.indices must be indexed, per_subpixel or last_value, not 'sometimes'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spec("{\"indices\": \"indexed\"}"));
        assertEquals("trace.prefix is required for trace lines", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spec("{\"prefix\": \"T:\", \"indices\": \"indexed\", \"colour\": 1}"));
        assertEquals("trace: unknown field 'colour'", e.getMessage());
    }
}
