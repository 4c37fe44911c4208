package org.nbparity.sim.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nbparity.sim.cli.Main;
import org.nbparity.sim.setup.Prepared;

/** Access to ../shared (goldens, thresholds) and in-process setup runs for tests. */
public final class Shared {
    private Shared() {
    }

    /** The visible golden cases; with CI=true a missing one is a failure, never a skip. */
    public static final List<String> CASES = List.of(
            "v01_mosflm_cubic_noise", "v02_xds_triclinic_misset", "v03_denzo_mat_sparsehkl_phi",
            "v04_adxv_round_mosaic_div", "v05_custom_vectors_rot_twotheta",
            "v06_dials_gauss_thick_water_noise", "v07_interpolate_tophat_curved",
            "v08_mosflm_thick_oversample_flags", "v09_denzo_twotheta_os2_trailing_curved");

    /** ../shared, or a skip (a failure under CI=true) when it is absent. */
    public static Path shared() {
        String prop = System.getProperty("nb.shared");
        Path p = prop == null ? null : Path.of(prop);
        boolean ok = p != null && Files.isDirectory(p.resolve("golden"));
        if (!ok) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("../shared/golden is missing (nb.shared=" + prop + ") and CI=true");
            }
            assumeTrue(false, "../shared/golden not available");
        }
        return p;
    }

    /** A golden case folder (fails under CI=true, skips otherwise, when absent). */
    public static Path caseDir(String id) {
        Path d = shared().resolve("golden").resolve(id);
        if (!Files.isDirectory(d)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("golden case " + id + " is missing and CI=true");
            }
            assumeTrue(false, "golden case " + id + " not available");
        }
        return d;
    }

    /** Repository root (for fixtures/thresholds.json). */
    public static Path repo() {
        String r = System.getProperty("nb.repo");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The setup_trace ULP gate from fixtures/thresholds.json. */
    @SuppressWarnings("unchecked")
    public static int setupUlpGate() throws IOException {
        Map<String, Object> t = (Map<String, Object>) MiniJson.parse(
                Files.readString(repo().resolve("fixtures/thresholds.json")));
        return ((Double) ((Map<String, Object>) t.get("setup_trace")).get("max_ulp_double")).intValue();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> caseJson(Path dir) throws IOException {
        return (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("case.json")));
    }

    /** Copies a case's inputs (from the case folder or golden/inputs) into work. */
    @SuppressWarnings("unchecked")
    public static void copyInputs(Path caseDir, Map<String, Object> cj, Path work) throws IOException {
        for (Object o : (List<Object>) cj.get("inputs")) {
            String name = (String) ((Map<String, Object>) o).get("name");
            Path src = caseDir.resolve(name);
            if (!Files.exists(src)) {
                src = caseDir.getParent().resolve("inputs").resolve(name);
            }
            Files.copy(src, work.resolve(name));
        }
    }

    @SuppressWarnings("unchecked")
    public static String[] argv(Map<String, Object> cj) {
        return ((List<Object>) cj.get("argv")).stream().map(String::valueOf).toArray(String[]::new);
    }

    /** Result of an in-process setup run. */
    public record Run(Prepared prepared, String stdout, String stderr) {
    }

    /** Parses and runs setup in {@code work}, capturing stdout and stderr. */
    public static Run setup(String[] args, Path work) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(e, true, StandardCharsets.ISO_8859_1);
        Prepared p = Main.prepare(args, -1700000000L, out, err, work);
        out.flush();
        return new Run(p, o.toString(StandardCharsets.ISO_8859_1), e.toString(StandardCharsets.ISO_8859_1));
    }

    /** Result of a full in-process CLI run. */
    public record Cli(int rc, String stdout, String stderr) {
    }

    /** Runs Main.run in {@code work}. */
    public static Cli cli(Path work, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(e, true, StandardCharsets.ISO_8859_1);
        int rc = Main.run(args, out, err, work);
        return new Cli(rc, o.toString(StandardCharsets.ISO_8859_1), e.toString(StandardCharsets.ISO_8859_1));
    }

    /** ULP distance between two doubles (0 for equal, including +0/-0). */
    public static long ulps(double a, double b) {
        if (a == b) return 0;
        if (Double.isNaN(a) || Double.isNaN(b)) return Long.MAX_VALUE;
        long x = Double.doubleToLongBits(a), y = Double.doubleToLongBits(b);
        if (x < 0) x = Long.MIN_VALUE - x;
        if (y < 0) y = Long.MIN_VALUE - y;
        return Math.abs(x - y);
    }
}
