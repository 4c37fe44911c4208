package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.harness.backend.Processes;
import org.nbparity.harness.testkit.BundleRun;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 acceptance, "first divergence with any C": the project's c-reference built with the
 * test switches of config.h stands in for other C builds (never upstream code): one that prints
 * nothing about a pixel, one that prints upstream's -printout block, one that prints hoidn-style
 * TRACE_C lines, and the protocol-1 build, each with a bug injected behind a known flag. The
 * real Java simulator is the candidate. The bundle must name the injected quantity where the C
 * prints it, INTRODUCED only when every input was compared, and otherwise say exactly what was
 * not compared.
 */
class ForeignCTest {
    @TempDir
    static Path bins;
    @TempDir
    Path tmp;

    private static String previousCache;
    private int runs;

    @BeforeAll
    static void cacheInTemp() {
        previousCache = System.getProperty("nbparity.cache.dir");
        System.setProperty("nbparity.cache.dir", bins.resolve("cache").toString());
    }

    @AfterAll
    static void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("nbparity.cache.dir");
        } else {
            System.setProperty("nbparity.cache.dir", previousCache);
        }
    }

    /** make variant of c-reference with these defines (cached per name within the class). */
    static Path build(String name, String defs) throws Exception {
        Path out = bins.resolve(name);
        if (Files.isExecutable(out)) {
            return out;
        }
        Path cref = TestEnv.repo().resolve("c-reference");
        Processes.Result r = Processes.run(List.of("make", "-s", "-C", cref.toString(), "variant", "OUT=" + out, "DEFS=" + defs),
                cref, Map.of(), Duration.ofMinutes(5));
        assertEquals(0, r.exitCode(), "make variant " + defs + ":\n" + r.stdout() + r.stderr());
        return out;
    }

    private BundleRun run(String caseId, Path cBin, int expectCode) throws Exception {
        // every bundle, failing or not, is evidence that verifies (the new stdout gate recomputed too)
        return BundleRun.of(tmp.resolve("rep" + runs++), expectCode, List.of(caseId, "--c-bin", cBin.toString()));
    }

    private static List<String> cCommands(BundleRun b, Path cBin) {
        List<String> c = new ArrayList<>();
        b.commands().lines().filter(l -> l.startsWith("(cd ") && l.contains(" " + cBin + " ")).forEach(c::add);
        return c;
    }

    private static JsonNode input(JsonNode fd, String name) {
        return BundleRun.input(fd, name);
    }

    @Test
    void aCThatPrintsNothingIsNotTracedAndTheSummarySaysQuantitiesWereNotCompared() throws Exception {
        Path nb = build("nb-none", "-DNB_DIALECT=NB_DIALECT_NONE");
        BundleRun b = run("v02_xds_triclinic_misset", nb, 0);
        assertEquals("none", b.metrics().path("trace_dialect").path("dialect").asText());
        assertEquals("NOT_COMPARED", b.metrics().path("first_divergence_status").asText());
        for (JsonNode t : b.metrics().path("traces")) {
            assertEquals("NOT_COMPARED", t.path("status").asText(), t.toString());
        }
        assertTrue(b.summary().contains("C printed no trace: quantities not compared"), b.summary());
        assertFalse(b.summary().contains("none in the traced pixels"), b.summary());
        // no traced render on either side: one C run, one Java run
        assertEquals(1, cCommands(b, nb).size(), b.commands());
        assertEquals(1, b.commands().lines().filter(l -> l.contains("nanobragg.jar")).count(), b.commands());
        assertFalse(Files.exists(b.dir().resolve("images/c_trace_s72_f50")));
        // the run-level stdout records were still compared
        assertTrue(b.metrics().path("run_level").path("compared").asInt() > 40, b.metrics().path("run_level").toString());
        // a second run of the same binary takes the dialect from the cache (no probe run)
        BundleRun again = run("v01_mosflm_cubic_noise", nb, 0);
        assertTrue(again.metrics().path("trace_dialect").path("source").asText().startsWith("cache "),
                again.metrics().path("trace_dialect").toString());
    }

    /** The first divergence of a polarization-bug bundle: the end-of-pixel polar, UNDETERMINED, in this dialect. */
    private static JsonNode undeterminedPolar(BundleRun b, String dialect) {
        assertEquals(dialect, b.metrics().path("trace_dialect").path("dialect").asText());
        JsonNode fd = b.metrics().path("first_divergence");
        assertEquals("polar", fd.path("record_name").asText(), fd.toString());
        assertEquals(dialect, fd.path("dialect").asText());
        assertEquals("UNDETERMINED", fd.path("status").asText(), fd.toString());
        return fd;
    }

    @Test
    void aPrintoutCNamesThePolarizationFactorButCannotSayWhereItStarted() throws Exception {
        Path nb = build("nb-printout-polar", "-DNB_DIALECT=NB_DIALECT_PRINTOUT -DNB_BUG_POLAR");
        BundleRun b = run("v02_xds_triclinic_misset", nb, 1);
        // upstream's printout has none of polar's inputs: never INTRODUCED
        JsonNode fd = undeterminedPolar(b, "printout");
        for (String in : List.of("incident_vec", "diffracted_vec", "polar_vec")) {
            assertEquals("NOT_IN_REFERENCE", input(fd, in).path("status").asText(), fd.toString());
            assertTrue(fd.path("explanation").asText().contains(in + " (not printed by the reference)"), fd.toString());
        }
        // both sides were asked for the printout block (F S order)
        assertTrue(cCommands(b, nb).stream().anyMatch(l -> l.contains("-printout_pixel 50 72")), b.commands());
        assertTrue(b.commands().lines().anyMatch(l -> l.contains("nanobragg.jar") && l.contains("-printout_pixel 50 72")),
                b.commands());
        assertTrue(b.summary().contains("`polar` at pixel [72,50] (pixel-level, UNDETERMINED"), b.summary());
    }

    @Test
    void aPrintoutIsComparedWithTheLoopLayoutTheCsStdoutStatesWhenTheCaseGivesNone() throws Exception {
        Path nb = build("nb-printout", "-DNB_DIALECT=NB_DIALECT_PRINTOUT");
        BundleRun b = run("f10_fluence_outputs", nb, 0);
        JsonNode t = b.metrics().path("traces").get(0);
        assertEquals("NONE", t.path("status").asText(), t.toString());
        assertTrue(t.path("diff").path("compared").asInt() >= 16, t.toString());
        assertEquals("NONE", b.metrics().path("first_divergence_status").asText());
    }

    @Test
    void aPrintoutCWhoseStdoutGivesNoLoopLayoutLeavesNoTracedRenderInTheBundle() throws Exception {
        // the traced renders start speculatively beside the untraced ones (only the C's untraced
        // stdout can give the layout); this C's stdout lacks the "N sources" line, so they are
        // dropped (RenderPoolTest checks the dropping) and the bundle must be the one a serial
        // run, which never made them, writes
        Path nb = build("nb-printout", "-DNB_DIALECT=NB_DIALECT_PRINTOUT");
        Path wrapper = bins.resolve("nb-printout-no-sources");
        Files.writeString(wrapper, "#!/bin/sh\nout=$(mktemp)\n'" + nb + "' \"$@\" > \"$out\"\nrc=$?\n"
                + "grep -Ev '^[[:space:]]*[0-9]+ sources$' \"$out\"\nrm -f \"$out\"\nexit $rc\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        BundleRun b = run("f10_fluence_outputs", wrapper, 0);
        assertEquals("printout", b.metrics().path("trace_dialect").path("dialect").asText());
        for (JsonNode t : b.metrics().path("traces")) {
            assertEquals("NOT_COMPARED", t.path("status").asText(), t.toString());
        }
        assertTrue(Files.readString(b.dir().resolve("trace_diff.md")).contains("neither the case nor the C's stdout"));
        assertEquals(1, cCommands(b, wrapper).size(), b.commands());
        assertEquals(1, b.commands().lines().filter(l -> l.contains("nanobragg.jar")).count(), b.commands());
        assertFalse(b.commands().contains("-printout_pixel"), b.commands());
        // no traced output, stored or logical (stored.json lists every output by the path the run wrote)
        try (Stream<Path> s = Files.walk(b.dir().resolve("images"))) {
            assertTrue(s.noneMatch(p -> p.toString().contains("trace")), b.dir().toString());
        }
        assertFalse(Files.readString(b.dir().resolve("stored.json")).contains("trace"));
    }

    @Test
    void aTraceCCNamesThePolarizationFactorWithTheOneInputItDoesNotPrint() throws Exception {
        Path nb = build("nb-hoidn-polar", "-DNB_DIALECT=NB_DIALECT_HOIDN -DNB_BUG_POLAR");
        JsonNode fd = undeterminedPolar(run("v02_xds_triclinic_misset", nb, 1), "golden_trace_c");
        // every subpixel block is printed, so incident and diffracted directions are covered;
        // the polarization axis is not in that dialect
        assertEquals("EQUAL_AS_PRINTED", input(fd, "incident_vec").path("status").asText(), fd.toString());
        assertEquals("EQUAL_AS_PRINTED", input(fd, "diffracted_vec").path("status").asText(), fd.toString());
        assertEquals("NOT_IN_REFERENCE", input(fd, "polar_vec").path("status").asText(), fd.toString());
        assertTrue(fd.path("explanation").asText().endsWith("could not be compared: polar_vec (not printed by the reference)"),
                fd.toString());
    }

    @Test
    void aProtocolCNamesThePolarizationFactorAsIntroduced() throws Exception {
        Path nb = build("nb-protocol-polar", "-DNB_BUG_POLAR");
        BundleRun b = run("v02_xds_triclinic_misset", nb, 1);
        JsonNode fd = b.metrics().path("first_divergence");
        assertEquals("polar[t=0,sy=0,sx=0,src=0]", fd.path("record_name").asText(), fd.toString());
        assertEquals("INTRODUCED", fd.path("status").asText(), fd.toString());
        for (String in : List.of("incident_vec", "diffracted_vec", "polar_vec")) {
            assertEquals("EQUAL", input(fd, in).path("status").asText(), fd.toString());
        }
    }

    @Test
    void aWrongRunLevelQuantityInTheOrdinaryStdoutIsTheFirstDivergenceEvenWithoutATrace() throws Exception {
        Path nb = build("nb-none-fluence", "-DNB_DIALECT=NB_DIALECT_NONE -DNB_BUG_FLUENCE");
        BundleRun b = run("f10_fluence_outputs", nb, 1);
        JsonNode fd = b.metrics().path("first_divergence");
        assertEquals("stdout.fluence", fd.path("record_name").asText(), fd.toString());
        assertTrue(fd.path("runLevel").asBoolean());
        assertTrue(fd.path("pixel").isNull());
        assertEquals("stdout", fd.path("dialect").asText());
        assertEquals("INTRODUCED", fd.path("status").asText());
        JsonNode gate = null;
        for (JsonNode g : b.metrics().path("gates")) {
            if (g.path("name").asText().equals("stdout.run_level.diverged_records")) {
                gate = g;
            }
        }
        assertTrue(gate != null && !gate.path("pass").asBoolean(), b.metrics().path("gates").toString());
        // the stdout's fluence also explains the image scale
        assertEquals("fluence", b.metrics().path("scale_forensics").path("likelyCulprit").asText(),
                b.metrics().path("scale_forensics").toString());
    }

    @Test
    void thePhiCarryOverRemovedIsNeverIntroducedAtAnEndOfPixelQuantityFromAPrintout() throws Exception {
        TestEnv.requireShared("golden/README.md");
        Path printout = build("nb-printout-phi0", "-DNB_DIALECT=NB_DIALECT_PRINTOUT -DNB_BUG_PHI0");
        JsonNode fd = run("v03_denzo_mat_sparsehkl_phi", printout, 1).metrics().path("first_divergence");
        assertNotEquals("INTRODUCED", fd.path("status").asText(), fd.toString());
        assertEquals("UNDETERMINED", fd.path("status").asText(), fd.toString());
        // with protocol 1 the carried-over orientation is named where it starts: the phi == 0 step
        Path protocol = build("nb-protocol-phi0", "-DNB_BUG_PHI0");
        JsonNode pfd = run("v03_denzo_mat_sparsehkl_phi", protocol, 1).metrics().path("first_divergence");
        assertTrue(pfd.path("record_name").asText().startsWith("rotated[") && pfd.path("record_name").asText().contains("phi=0"),
                pfd.toString());
        assertEquals("INTRODUCED", pfd.path("status").asText(), pfd.toString());
    }
}
