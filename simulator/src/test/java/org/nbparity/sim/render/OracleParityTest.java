package org.nbparity.sim.render;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.config.Mode;

/** Every small oracle case, compat against the serial upstream build, fixed against the fixed build. */
class OracleParityTest {
    static Stream<Arguments> cases() {
        return OracleCases.ARGV.keySet().stream()
                .flatMap(n -> Stream.of(Arguments.of(n, Mode.COMPAT), Arguments.of(n, Mode.FIXED)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void imageMatchesOracle(String name, Mode mode) throws IOException {
        float[] exp = OracleCases.image(name + "." + mode.label() + ".bin.gz");
        RenderResult r = Renderer.render(OracleCases.setup(name, mode), new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()));
        ImageParity.compare(exp, r.floatImage()).assertWithin(ImageParity.Gates.load(), name + " " + mode.label());
    }
}
