package org.nbparity.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.metrics.ImageShape;

/**
 * The whole search against a synthetic prober (no programs run): a "bug" when {@code -phi 0} is
 * given and {@code -phisteps >= 2}, visible at two pixels.
 */
class ShrinkerTest {
    private static final List<String> ARGV = List.of("-mat", "A.mat", "-hkl", "s.hkl", "-default_F", "15", "-Na", "12",
            "-mosaic", "0.5", "-mosaic_dom", "4", "-distance", "60", "-detpixels", "64", "-denzo", "-Xbeam", "3.0",
            "-phi", "0", "-osc", "0.3", "-phisteps", "5", "-oversample", "2", "-floatfile", "float.bin", "-intfile",
            "int.img");

    private static String after(List<String> a, String flag) {
        int i = a.lastIndexOf(flag);
        return i < 0 || i + 1 >= a.size() ? null : a.get(i + 1);
    }

    /** FAIL iff the bug's flags are there; ERROR without any structure factors (as upstream). */
    static ProbeResult bug(List<String> a) {
        if (!a.contains("-hkl") && !a.contains("-default_F")) {
            return ProbeResult.error(0.01, "no structure factors");
        }
        boolean fails = "0".equals(after(a, "-phi")) && after(a, "-phisteps") != null
                && Integer.parseInt(after(a, "-phisteps")) >= 2;
        // the divergent pixels; an -roi that leaves them out makes it pass
        List<int[]> px = new ArrayList<>(List.of(new int[] {10, 20}, new int[] {12, 25}));
        String roi = after(a, "-roi");
        if (roi != null) {
            int i = a.lastIndexOf("-roi");
            int x0 = Integer.parseInt(a.get(i + 1));
            int x1 = Integer.parseInt(a.get(i + 2));
            int y0 = Integer.parseInt(a.get(i + 3));
            int y1 = Integer.parseInt(a.get(i + 4));
            px.removeIf(p -> p[1] < x0 || p[1] > x1 || p[0] < y0 || p[0] > y1);
        }
        fails &= !px.isEmpty();
        return fails ? new ProbeResult(Verdict.FAIL, 0.01, null, px, new int[] {10, 12, 20, 25}, false)
                : new ProbeResult(Verdict.PASS, 0.01, null, List.of(), null, false);
    }

    @Test
    void findsTheMinimalFailingArgvAndItsNeeds() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ShrinkResult r = new Shrinker(ShrinkerTest::bug, 2, log::add).shrink("synthetic", ARGV, new ImageShape(64, 64), null);
        assertEquals("shrunk", r.outcome());
        assertEquals("-phi 0 with -phisteps >= 2", r.needsText());
        assertEquals(List.of(List.of("-phi"), List.of("-phisteps")), r.needs().stream().map(ShrinkResult.Need::flags).toList());
        // the worst pixel alone: -roi x=f 20..20, y=s 10..10
        assertEquals(List.of("-nonoise", "-nopgm", "-nopolar", "-roi", "20", "20", "10", "10", "-mat", "A.mat",
                "-default_F", "15", "-detpixels", "64", "-phi", "0", "-phisteps", "2", "-oversample", "1", "-floatfile",
                "float.bin"), r.minimalArgv());
        assertEquals(1, r.required().size(), "required to run: one of -hkl / -default_F");
        assertEquals(r.probes(), log.size(), "one progress line per probe");
        assertTrue(log.get(0).matches("shrink: probe 1 FAIL in [0-9.]+ s \\(elapsed [0-9.]+ s\\): original argv"), log.get(0));
        for (int k = 0; k < r.steps().size(); k++) {
            assertEquals(k + 1, r.steps().get(k).step());
        }
    }

    @Test
    void shrinkJsonHasTheAgreedFields() {
        ShrinkResult r = new Shrinker(ShrinkerTest::bug, 2, s -> { }).shrink("synthetic", ARGV, new ImageShape(64, 64), null);
        JsonNode j = r.toJson();
        assertEquals("nbparity-shrink", j.get("schema").asText());
        assertEquals(1, j.get("version").asInt());
        assertEquals("synthetic", j.get("case").asText());
        for (String f : List.of("original_argv", "minimal_argv", "needs", "divergent_pixels", "steps")) {
            assertTrue(j.get(f).isArray(), f);
        }
        assertEquals(r.probes(), j.get("probes").asInt());
        assertTrue(j.get("seconds").isNumber());
        JsonNode need = j.get("needs").get(0);
        assertEquals("-phi", need.get("flags").get(0).asText());
        assertEquals("-phi 0", need.get("text").asText());
        assertEquals(20, j.get("divergent_pixels").get(0).get(1).asInt());
        JsonNode step = j.get("steps").get(0);
        for (String f : List.of("step", "change", "argv", "verdict", "seconds")) {
            assertTrue(step.has(f), f);
        }
        assertTrue(List.of("FAIL", "PASS", "ERROR").contains(step.get("verdict").asText()));
        String md = r.markdown();
        assertTrue(md.contains("## Shrink"), md);
        assertTrue(md.contains("Needs: `-phi 0` with `-phisteps >= 2`"), md);
    }

    @Test
    void aPassingArgvIsNotShrunk() {
        ShrinkResult r = new Shrinker(a -> new ProbeResult(Verdict.PASS, 0.01, null, List.of(), null, false), 2, s -> { })
                .shrink("synthetic", ARGV, new ImageShape(64, 64), null);
        assertEquals("not_reproduced", r.outcome());
        assertEquals(ARGV, r.minimalArgv());
        assertTrue(r.needs().isEmpty());
        assertEquals(2, r.probes(), "the original and the all-neutralized argv, in parallel");
    }

    @Test
    void aFailureWithEverythingNeutralizedNeedsNoFlag() {
        ShrinkResult r = new Shrinker(a -> new ProbeResult(Verdict.FAIL, 0.01, null, List.<int[]>of(new int[] {1, 1}),
                new int[] {1, 1, 1, 1}, false), 2, s -> { }).shrink("synthetic", ARGV, new ImageShape(64, 64), null);
        assertEquals("shrunk", r.outcome());
        assertTrue(r.needs().isEmpty());
        assertTrue(r.needsText().startsWith("no optional flag"), r.needsText());
    }

    @Test
    void aLargeFrameIsNarrowedBeforeDdmin() {
        List<List<String>> seen = Collections.synchronizedList(new ArrayList<>());
        ShrinkResult r = new Shrinker(a -> {
            seen.add(a);
            return bug(a);
        }, 2, s -> { }).shrink("synthetic", ARGV, new ImageShape(1024, 1024), null);
        assertEquals("-phi 0 with -phisteps >= 2", r.needsText());
        assertTrue(r.steps().get(1).change().startsWith("ROI: 257x257 window around (10, 20)"), r.steps().get(1).change());
        assertEquals(ARGV, seen.get(0));
        assertTrue(seen.subList(1, seen.size()).stream().allMatch(a -> a.contains("-roi")),
                "every probe after the original renders the ROI only");
    }

    @Test
    void theRunsOwnComparisonIsNotProbedAgain() {
        List<List<String>> seen = Collections.synchronizedList(new ArrayList<>());
        ShrinkResult r = new Shrinker(a -> {
            seen.add(a);
            return bug(a);
        }, 2, s -> { }).shrink("synthetic", ARGV, new ImageShape(64, 64), bug(ARGV));
        assertTrue(!seen.contains(ARGV), "the original argv is not probed again");
        assertEquals("original argv (the images of the run)", r.steps().get(0).change());
        assertEquals(seen.size() + 1, r.probes());
        assertEquals("-phi 0 with -phisteps >= 2", r.needsText());
    }

    @Test
    void aFlagWithoutWhichNothingRunsIsRequiredNotNeeded() {
        // fails only with the hkl file; -default_F alone passes, and without both nothing runs
        ShrinkResult r = new Shrinker(a -> !a.contains("-hkl") && !a.contains("-default_F") ? ProbeResult.error(0.01, "no F")
                : a.contains("-hkl") ? new ProbeResult(Verdict.FAIL, 0.01, null, List.<int[]>of(new int[] {1, 1}),
                new int[] {1, 1, 1, 1}, false) : new ProbeResult(Verdict.PASS, 0.01, null, List.of(), null, false), 2, s -> { })
                .shrink("synthetic", ARGV, new ImageShape(64, 64), null);
        assertTrue(r.needs().isEmpty());
        assertEquals(List.of("-hkl s.hkl (without it a side cannot run)"),
                r.required().stream().map(ShrinkResult.Need::text).toList());
        assertEquals("no flag beyond what it cannot do without: -hkl s.hkl (without it a side cannot run)", r.needsText());
    }
}
