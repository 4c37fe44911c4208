package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.testkit.BundleRun;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 items 1-2 and the first acceptance bullet: a port that is not this project's (the
 * scripted stand-in harness/src/test/scripts/foreign-port.py: nanoBragg flags only, TRACE_PY lines
 * in hoidn's vocabulary, one block per subpixel without indices) described by a JSON file and run
 * with {@code --candidate}, without a wrapper: its records are compared, its injected bug is named,
 * it gets none of the project's flags, and its float64 image is read as float64.
 */
class ForeignPortTest {
    private static final List<String> GOLDEN = List.of("v01_mosflm_cubic_noise", "v02_xds_triclinic_misset",
            "v03_denzo_mat_sparsehkl_phi", "v04_adxv_round_mosaic_div", "v05_custom_vectors_rot_twotheta",
            "v06_dials_gauss_thick_water_noise", "v07_interpolate_tophat_curved", "v08_mosflm_thick_oversample_flags",
            "v09_denzo_twotheta_os2_trailing_curved");

    @TempDir
    Path tmp;
    private int runs;

    private static Path scripts() {
        return TestEnv.repo().resolve("harness/src/test/scripts");
    }

    /** The port's description with {@code change} applied, written to a temporary file (its script by absolute path). */
    private Path variant(String name, Consumer<ObjectNode> change) throws Exception {
        ObjectNode j = (ObjectNode) Canonical.read(scripts().resolve("foreign-port.json"));
        j.putArray("command").add("python3").add(scripts().resolve("foreign-port.py").toString()).add("{args}");
        change.accept(j);
        Path f = tmp.resolve(name + ".json");
        Files.writeString(f, Canonical.write(j));
        return f;
    }

    private BundleRun run(int expectCode, String... args) throws Exception {
        // every bundle, failing or not, verifies: verify reads each side's dialect and dtype from metrics.json
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--no-shrink");
        return BundleRun.of(tmp.resolve("rep" + runs++), expectCode, a);
    }

    private static List<String> portCommands(BundleRun b) {
        return b.commands().lines().filter(l -> l.contains("foreign-port.py")).toList();
    }

    private static JsonNode input(JsonNode fd, String name) {
        return BundleRun.input(fd, name);
    }

    @Test
    void everyGoldenCasePassesThroughTheForeignPortWithRecordsCompared() throws Exception {
        TestEnv.requireShared("golden/README.md");
        String port = scripts().resolve("foreign-port.json").toString();
        for (String id : GOLDEN) {
            BundleRun b = run(0, id, "--c-backend", "recorded", "--candidate", port);
            assertEquals("PASS", b.metrics().path("verdict").asText(), id);
            assertEquals("lines:TRACE_PY:", b.metrics().path("sides").path("candidate").path("dialect").asText());
            assertTrue(b.metrics().path("traces").size() > 0, id);
            for (JsonNode t : b.metrics().path("traces")) {
                assertTrue(t.path("diff").path("compared").asInt() > 0, id + ": " + t);
                assertEquals("NONE", t.path("status").asText(), id + ": " + t);
                // the record the port prints that no table knows: reported, never dropped
                assertEquals(1, t.path("unplaced").path("candidate_count").asInt(), id + ": " + t);
                assertTrue(t.path("unplaced").path("candidate").get(0).asText().startsWith("port_steps_done (line "), id);
            }
            assertTrue(b.summary().contains("- unplaced trace lines (the dialect cannot place them; not compared): "), id);
            assertFalse(portCommands(b).isEmpty(), b.commands());
        }
    }

    @Test
    void anInjectedPolarizationBugIsNamedUndeterminedWithTheInputTheDialectLacks() throws Exception {
        TestEnv.requireShared("golden/README.md");
        Path buggy = variant("polar", j -> ((ObjectNode) j.path("env")).put("FOREIGN_PORT_BUG", "polar:1.01"));
        BundleRun b = run(1, "v02_xds_triclinic_misset", "--c-backend", "recorded", "--candidate", buggy.toString());
        JsonNode fd = b.metrics().path("first_divergence");
        assertEquals("polar", fd.path("record_name").asText(), fd.toString());
        assertEquals("UNDETERMINED", fd.path("status").asText(), fd.toString());
        // hoidn's vocabulary, on both sides here, prints incident and diffracted directions, not the polarization axis
        assertEquals("EQUAL_AS_PRINTED", input(fd, "incident_vec").path("status").asText(), fd.toString());
        assertEquals("EQUAL_AS_PRINTED", input(fd, "diffracted_vec").path("status").asText(), fd.toString());
        assertTrue(fd.path("explanation").asText().endsWith("could not be compared: polar_vec (not printed by the reference)"),
                fd.toString());
        assertEquals("polar", b.metrics().path("scale_forensics").path("likelyCulprit").asText());
        assertTrue(b.summary().contains("`polar` at pixel [72,50] (pixel-level, UNDETERMINED"), b.summary());
    }

    @Test
    void javaAgainstTheForeignPortNamesAnInjectedStructureFactorBugWithItsUncomparedInputs() throws Exception {
        Path buggy = variant("fcell", j -> ((ObjectNode) j.path("env")).put("FOREIGN_PORT_BUG", "F_cell:1.01"));
        // both sides are descriptions: this simulator (protocol 1) as the reference, the port as the candidate
        BundleRun b = run(1, "f10_fluence_outputs", "--reference", "java", "--candidate", buggy.toString());
        assertEquals("candidate", b.metrics().path("c_backend").asText().split(":")[0]);
        assertEquals("protocol1", b.metrics().path("sides").path("reference").path("dialect").asText());
        JsonNode fd = b.metrics().path("first_divergence");
        assertTrue(fd.path("record_name").asText().startsWith("F_cell[t=0,sy=0,sx=0,src=0,phi=0,mos=0]"), fd.toString());
        // its Miller indices are compared and equal; the lookup's inputs (default_F, interpolate,
        // hkl_range) are run-level records the port does not print: UNDETERMINED, each listed
        assertEquals("UNDETERMINED", fd.path("status").asText(), fd.toString());
        assertEquals("EQUAL", input(fd, "hkl_rounded").path("status").asText(), fd.toString());
        for (String in : List.of("default_F", "interpolate", "hkl_range")) {
            assertTrue(fd.path("explanation").asText().contains(in + " (not printed by the candidate)"), fd.toString());
        }
        // the reference ran the simulator with the project's flags, the candidate without
        assertTrue(b.commands().lines().anyMatch(l -> l.contains("nanobragg.jar") && l.contains(" -mode compat ")), b.commands());
        for (String l : portCommands(b)) {
            assertFalse(l.contains(" -mode ") || l.contains(" -threads "), l);
            assertTrue(l.contains("FOREIGN_PORT_BUG=F_cell:1.01 "), l);
        }
    }

    @Test
    void theForeignPortGetsNoProjectFlagsAndRejectsThem() throws Exception {
        TestEnv.requireSimulatorJar();
        // the port itself: a project flag is an unknown flag (exit 2)
        Processes.Result direct = Processes.run(List.of("python3", scripts().resolve("foreign-port.py").toString(),
                        "-mode", "compat", "-cell", "50", "50", "50", "90", "90", "90"), tmp,
                Map.of("FOREIGN_PORT_SIM_JAR", TestEnv.repo().resolve("simulator/target/nanobragg.jar").toString()),
                Duration.ofMinutes(1));
        assertEquals(2, direct.exitCode());
        assertEquals("foreign-port: unknown flag -mode\n", direct.stderr());
        // described as taking project flags, it would get -mode ... and fail: an environment error naming it
        Path wrong = variant("wrong-flags", j -> j.put("project_flags", true));
        TestEnv.requireShared("golden/README.md");
        Path reports = tmp.resolve("wrong");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01_mosflm_cubic_noise", "--c-backend", "recorded", "--candidate",
                wrong.toString(), "--reports", reports.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.errors().contains("nbparity: foreign-port run failed with exit 2: foreign-port: unknown flag -mode\n"),
                r.errors());
        // described as it is (project_flags false), every command of the port lacks them, and it passes
        BundleRun b = run(0, "v01_mosflm_cubic_noise", "--c-backend", "recorded", "--candidate",
                scripts().resolve("foreign-port.json").toString());
        assertEquals(1 + b.metrics().path("traces").size(), portCommands(b).size(), b.commands());
        for (String l : portCommands(b)) {
            assertFalse(l.contains(" -mode ") || l.contains(" -threads ") || l.contains(" -compat_threads "), l);
        }
    }

    @Test
    void aFloat64ImageIsReadAsFloat64() throws Exception {
        TestEnv.requireShared("golden/README.md");
        BundleRun b = run(0, "v02_xds_triclinic_misset", "--c-backend", "recorded", "--candidate",
                scripts().resolve("foreign-port-float64.json").toString());
        assertEquals("float64", b.metrics().path("sides").path("candidate").path("dtype").asText());
        JsonNode img = b.metrics().path("image");
        // the port writes the float32 image's values as doubles: equal to upstream's, value for value
        assertEquals(1.0, img.path("bitwise_fraction").asDouble(), img.toString());
        assertEquals(img.path("sum_c").asDouble(), img.path("sum_java").asDouble(), 0.0);
        JsonNode stored = Canonical.read(b.dir().resolve("stored.json"));
        long size = -1;
        for (JsonNode o : stored.path("outputs")) {
            if (o.path("path").asText().equals("images/java/float.bin")) {
                size = o.path("bytes").asLong();
            }
        }
        assertEquals(8L * 96 * 128, size, stored.toString());
    }

    @Test
    void aDialectThatPlacesNothingSaysNothingWasCompared() throws Exception {
        TestEnv.requireShared("golden/README.md");
        // issue 14's try: the port's TRACE_PY lines read as TRACE_C (the prefix it does not print)
        Path mislabelled = variant("mislabelled", j -> ((ObjectNode) j.path("trace")).put("prefix", "TRACE_C:"));
        BundleRun b = run(1, "v02_xds_triclinic_misset", "--c-backend", "recorded", "--candidate", mislabelled.toString());
        for (JsonNode t : b.metrics().path("traces")) {
            assertEquals(0, t.path("diff").path("compared").asInt(), t.toString());
            assertEquals("NOT_COMPARED", t.path("status").asText(), t.toString());
        }
        assertEquals("NOT_COMPARED", b.metrics().path("first_divergence_status").asText());
        assertTrue(b.summary().contains("NOTHING COMPARED: traces were printed but no record could be compared"), b.summary());
        assertFalse(b.summary().contains("none: every compared record"), b.summary());
        assertFalse(b.summary().contains("none in the traced pixels"), b.summary());
    }

    @Test
    void aBadDescriptionIsAUsageErrorNamingTheFile() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"x\", \"command\": [\"prog\"], \"dtype\": \"float32\"}\n");
        TestEnv.Cli r = TestEnv.nbparity("run", "v01", "--candidate", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--candidate: candidate " + bad.toAbsolutePath().normalize()
                + ": command must be a list holding \"{args}\" exactly once\n"), r.err());
        TestEnv.Cli n = TestEnv.nbparity("run", "v01", "--reference", "nosuch");
        assertEquals(2, n.code());
        assertTrue(n.err().startsWith("--reference: no candidate named 'nosuch' (no file fixtures/candidates/nosuch.json; "
                + "give a NAME from fixtures/candidates/ or a FILE)\n"), n.err());
        TestEnv.Cli c = TestEnv.nbparity("run", "v01", "--candidate", "c-reference");
        assertEquals(2, c.code());
        assertTrue(c.err().startsWith("--candidate c-reference is run by the C backend ({c}): give it as --reference, "
                + "or describe its own command\n"), c.err());
        TestEnv.Cli both = TestEnv.nbparity("run", "v01", "--candidate", "java", "--java-cmd", "x");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("--java-cmd and --candidate both name the candidate: give one\n"), both.err());
    }
}
