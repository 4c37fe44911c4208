package org.nbparity.harness.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.testkit.TestEnv;
import org.nbparity.harness.trace.DialectSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candidate descriptions: the built-ins of fixtures/candidates, placeholders, validation. */
class CandidateTest {
    @TempDir
    Path tmp;

    @Test
    void theBuiltInsLoadAndSayWhatTheyAre() throws Exception {
        Path repo = TestEnv.repo();
        try (Stream<Path> s = Files.list(repo.resolve(Candidate.FOLDER))) {
            assertEquals(List.of("c-reference.json", "hoidn-trace-c.json", "hoidn-trace-py.json", "java.json",
                    "upstream-printout.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Candidate java = Candidate.load(repo, "java");
        assertTrue(java.projectFlags());
        assertFalse(java.runsC());
        assertEquals(DialectSpec.PROTOCOL1, java.trace());
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                repo + "/simulator/target/nanobragg.jar", "-v01"), java.expand(List.of("-v01"), repo));
        Candidate cref = Candidate.load(repo, "c-reference");
        assertTrue(cref.runsC() && cref.projectFlags());
        Candidate up = Candidate.load(repo, "upstream-printout");
        assertTrue(up.runsC() && !up.projectFlags());
        assertEquals(DialectSpec.PRINTOUT, up.trace());
        assertEquals(DialectSpec.HOIDN_TRACE_C, Candidate.load(repo, "hoidn-trace-c").trace());
        DialectSpec py = Candidate.load(repo, "hoidn-trace-py").trace();
        assertEquals("TRACE_PY:", py.prefix());
        assertEquals(DialectSpec.Indices.PER_SUBPIXEL, py.indices());
        // the names the issue lists are placed by the hoidn vocabulary
        for (String n : List.of("pix0_vector_meters", "omega_pixel", "polar", "F_latt", "I_before_scaling")) {
            assertTrue(py.target(n) != null, n);
        }
    }

    @Test
    void placeholdersExpandInTheCommandAndTheEnvironment() throws Exception {
        Path f = tmp.resolve("port.json");
        Files.writeString(f, "{\"name\": \"p\", \"command\": [\"{dir}/run\", \"--x\", \"{args}\", \"--end\"],"
                + " \"env\": {\"PYTHONPATH\": \"{dir}/lib\", \"HOME_OF\": \"{repo}\"}, \"dtype\": \"float64\", \"trace\": \"none\"}");
        Candidate c = Candidate.load(TestEnv.repo(), f.toString());
        assertEquals(List.of(tmp + "/run", "--x", "-a", "1", "--end"), c.expand(List.of("-a", "1"), TestEnv.repo()));
        assertEquals(Map.of("PYTHONPATH", tmp + "/lib", "HOME_OF", TestEnv.repo().toString()), c.expandedEnv(TestEnv.repo()));
        assertTrue(c.float64());
        assertFalse(c.projectFlags());
        assertEquals(DialectSpec.NONE, c.trace());
    }

    @Test
    void invalidDescriptionsNameTheProblem() throws Exception {
        Path f = tmp.resolve("bad.json");
        for (String[] bad : new String[][]{
                {"{\"name\": \"p\", \"command\": [\"x\", \"{args}\"], \"dtype\": \"int16\"}", "dtype must be float32 or float64, not 'int16'"},
                {"{\"name\": \"p\", \"command\": [\"x\", \"{args}\"], \"project_flags\": \"yes\"}", "project_flags must be true or false"},
                {"{\"name\": \"p\", \"command\": [\"{c}\", \"-x\", \"{args}\"]}", "\"{c}\" (the C backend's program) is only valid as the command [\"{c}\", \"{args}\"]"},
                {"{\"name\": \"p\", \"command\": [\"x\", \"{args}\"], \"flags\": 1}", "unknown field 'flags'"},
                {"{\"command\": [\"x\", \"{args}\"]}", "name is required"}}) {
            Files.writeString(f, bad[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.load(TestEnv.repo(), f.toString()));
            assertEquals("candidate " + f + ": " + bad[1], e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.load(TestEnv.repo(), tmp.resolve("none.json").toString()));
        assertEquals("candidate file not found: " + tmp.resolve("none.json"), e.getMessage());
    }
}
