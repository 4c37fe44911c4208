package org.nbparity.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nbparity.sim.testutil.Shared;

/**
 * The whole command end to end, in-process: for every golden case and both modes, Main.run with
 * the golden argv exits 0, its stdout equals upstream's stdout.txt byte for byte, and every
 * output file has the golden SHA-256.
 */
class MainGoldenTest {

    static Stream<Arguments> runs() {
        return Shared.CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, "compat"), Arguments.of(c, "fixed")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    @SuppressWarnings("unchecked")
    void wholeRunMatchesGolden(String id, String mode, @TempDir Path work) throws Exception {
        Path dir = Shared.caseDir(id);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        Path gdir = mode.equals("fixed") ? dir.resolve("fixed") : dir;
        List<String> args = new ArrayList<>();
        if (mode.equals("fixed")) {
            args.add("-mode");
            args.add("fixed");
        }
        args.addAll(List.of(Shared.argv(cj)));
        Shared.Cli c = Shared.cli(work, args.toArray(new String[0]));
        assertEquals(0, c.rc(), c.stderr());
        assertEquals(Files.readString(gdir.resolve("stdout.txt")), c.stdout(), id + " " + mode + " stdout");
        Map<String, Object> gj = Shared.caseJson(gdir);
        for (Object o : (List<Object>) gj.get("outputs")) {
            Map<String, Object> out = (Map<String, Object>) o;
            String name = (String) out.get("name");
            byte[] got = Files.readAllBytes(work.resolve(name));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got));
            assertEquals(out.get("sha256"), sha, id + " " + mode + " " + name);
        }
    }
}
