package org.nbparity.sim.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.config.Mode;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;

/**
 * In-loop stdout (progress meter, interpolation warning, -printout block) and the statistics,
 * against the oracle's stdout: the loop's output is the text between the "pixel oversample steps"
 * line and the blank line that precedes "solid angle subtended"; the statistics are checked
 * through upstream's own end-of-run lines (io-rng.md 11), formatted from RenderResult.
 */
class StdoutAndStatsTest {
    static Stream<Arguments> cases() {
        return OracleCases.ARGV.keySet().stream()
                .flatMap(n -> Stream.of(Arguments.of(n, Mode.COMPAT), Arguments.of(n, Mode.FIXED)));
    }

    static String loopText(List<String> lines) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("pixel oversample steps")) {
                a = i + 1;
            }
            if (lines.get(i).startsWith("solid angle subtended")) {
                b = i - 1;
                break;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = a; i < b; i++) {
            s.append(lines.get(i)).append('\n');
        }
        // the blank line upstream prints after the loop ends the last unterminated line
        String last = lines.get(b);
        s.append(last);
        return s.toString();
    }

    static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void loopStdoutAndStatistics(String name, Mode mode) throws IOException {
        List<String> exp = OracleCases.stdout(name + "." + mode.label() + ".stdout.txt");
        OracleCases.Rendered r = OracleCases.render(OracleCases.setup(name, mode));
        assertEquals(loopText(exp), r.stdout(), "loop stdout of " + name);
        RenderResult s = r.result();
        Setup setup = OracleCases.setup(name, mode);
        assertEquals(line(exp, "max_I = "), CFormat.sprintf("max_I = %g  at %g %g", s.maxI(), s.maxIx(), s.maxIy()));
        double mean = s.sum() / s.sumn();
        double rms = Math.sqrt(s.sumsqr() / (s.sumn() <= 1 ? 1 : s.sumn() - 1)); // io-rng.md 11.2
        String meanLine = line(exp, "mean= ");
        assertEquals(meanLine.substring(0, meanLine.indexOf(" rmsd")),
                CFormat.sprintf("mean= %g rms= %g", mean, rms));
        String solid = line(exp, "solid angle subtended");
        assertEquals(solid.substring(0, solid.indexOf(" steradian")),
                CFormat.sprintf("solid angle subtended by detector = %g", s.omegaSum() / setup.steps()));
    }

    @Test
    void printoutPixelBlockMatchesUpstream() throws IOException {
        // -phi 0 -osc 0.3 -phisteps 3 -printout_pixel 7 9 (fast index first, quirk 21)
        List<String> exp = OracleCases.stdout("printout.compat.stdout.txt");
        Setup s = OracleCases.setup("phi", Mode.COMPAT);
        RenderOptions o = s.render();
        s = Fixtures.withRender(s, new RenderOptions(3, 1, true, 7, 9, true, o.progressPixels(), null));
        assertEquals(loopText(exp), OracleCases.render(s).stdout());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dminroi", "tophat", "interp", "phi"})
    void printoutEveryPixelMatchesUpstreamForEveryThreadCount(String name) throws IOException {
        // -printout shows last-iteration values that can be stale from earlier pixels of the same
        // upstream thread (render.md 4.26): dmin-cut pixels keep h,k,l; F_latt == 0 exits keep F_cell
        List<String> exp = OracleCases.stdout(name + ".printout.stdout.txt");
        for (int threads : new int[] {1, 3, 8}) {
            Setup s = OracleCases.setup(name, Mode.COMPAT);
            RenderOptions o = s.render();
            s = Fixtures.withRender(s, new RenderOptions(threads, 1, true, -1, -1, true, o.progressPixels(), null));
            assertEquals(loopText(exp), OracleCases.render(s).stdout(), name + " threads=" + threads);
        }
    }
}
