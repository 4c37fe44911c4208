package org.nbparity.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nbparity.harness.testkit.TestEnv;

/** Flag groups derived from an argv, and the argv of a configuration. */
class NeutralizationsTest {
    private static final List<String> V03 = List.of("-mat", "A.mat", "-hkl", "sparse_A_v.hkl", "-default_F", "15",
            "-lambda", "0.9768", "-Na", "12", "-Nb", "12", "-Nc", "12", "-distance", "60", "-pixel", "0.172",
            "-detpixels", "192", "-denzo", "-Xbeam", "16.0", "-Ybeam", "17.2", "-phi", "0", "-osc", "0.3",
            "-phisteps", "3", "-nopolar", "-floatfile", "float.bin", "-intfile", "int.img", "-nopgm", "-nonoise");

    private static List<String> labels(Neutralizations n) {
        return n.elements().stream().map(Element::label).toList();
    }

    @Test
    void derivesFlagsAndGroupsFromTheArgv() {
        Neutralizations n = Neutralizations.of(V03);
        assertEquals(List.of("other outputs and no-effect flags off (-nonoise -nopgm)", "drop -hkl sparse_A_v.hkl",
                "drop -default_F 15", "drop -lambda 0.9768", "drop -Na 12", "drop -Nb 12", "drop -Nc 12",
                "drop -distance 60", "drop -denzo", "drop -Xbeam 16.0", "drop -Ybeam 17.2", "drop -phi 0",
                "phi steps to 1"), labels(n));
        Element steps = n.elements().get(12);
        assertEquals(List.of("-osc", "-phisteps"), steps.flags());
        assertEquals("-osc 0.3 -phisteps 3", steps.text());
        assertTrue(steps.count() >= 0, "-phisteps is the group's count");
    }

    @Test
    void neutralizingEverythingKeepsTheShapeTheCrystalAndTheFloatFile() {
        Neutralizations n = Neutralizations.of(V03);
        assertEquals(List.of("-nonoise", "-nopgm", "-mat", "A.mat", "-pixel", "0.172", "-detpixels", "192", "-nopolar",
                "-floatfile", "float.bin"), n.argv(List.of(), Map.of(), List.of()));
        // keeping everything is the original argv
        assertEquals(V03, n.argv(IntStream.range(0, n.elements().size()).boxed().toList(), Map.of(),
                List.of()));
    }

    @Test
    void defaultsAreSwitchedOffWithFlagsThatTakeNoArgument() {
        List<String> argv = List.of("-cell", "50", "50", "50", "90", "90", "90", "-default_F", "40", "-interpolate",
                "-polar", "0.9", "-oversample", "3", "-detpixels", "64", "-floatfile", "f.bin");
        Neutralizations n = Neutralizations.of(argv);
        assertEquals(List.of("other outputs and no-effect flags off (-nonoise -nopgm)", "interpolation off (-nointerpolate)",
                "polarization off (-nopolar)", "-oversample 3 to 1"), labels(n));
        assertEquals(List.of("-nonoise", "-nopgm", "-nointerpolate", "-nopolar", "-cell", "50", "50", "50", "90", "90",
                "90", "-default_F", "40", "-oversample", "1", "-detpixels", "64", "-floatfile", "f.bin"),
                n.argv(List.of(), Map.of(), List.of()));
    }

    @Test
    void negativeNumbersAreArgumentsNotFlags() {
        List<String> argv = List.of("-cell", "70", "80", "90", "75", "85", "95", "-misset", "-89.9", "-31.3", "177.7",
                "-default_F", "100", "-floatfile", "f.bin");
        ArgvModel m = ArgvModel.parse(argv);
        assertEquals("-misset -89.9 -31.3 177.7", m.occurrences().get(1).text());
        Neutralizations n = Neutralizations.of(argv);
        assertTrue(labels(n).contains("misset off"));
        assertFalse(n.argv(List.of(), Map.of(), List.of()).contains("-89.9"));
    }

    @Test
    void anEffectiveTrailingCurvedDetStaysEffective() {
        // upstream ignores -curved_det as the last token (P6): dropping what followed must not switch it off
        List<String> argv = List.of("-default_F", "5", "-cell", "12", "-floatfile", "f.bin", "-curved_det", "-water", "0.08",
                "-intfile", "i.img");
        Neutralizations n = Neutralizations.of(argv);
        List<String> only = n.argv(List.of(labels(n).indexOf("drop -curved_det")), Map.of(), List.of());
        assertEquals(List.of("-curved_det", "-nonoise", "-nopgm", "-nopolar", "-default_F", "5", "-cell", "12",
                "-floatfile", "f.bin"), only);
        // with the flags after it kept, it stays where it was
        assertEquals(argv, n.argv(IntStream.range(0, n.elements().size()).boxed().toList(), Map.of(),
                List.of()));
        // an ineffective trailing one stays last
        List<String> trailing = List.of("-default_F", "5", "-cell", "12", "-nonoise", "-nopgm", "-floatfile", "f.bin",
                "-curved_det");
        Neutralizations t = Neutralizations.of(trailing);
        int curved = labels(t).indexOf("drop -curved_det");
        assertEquals("-curved_det", t.argv(List.of(curved), Map.of(), List.of()).get(t.argv(List.of(curved), Map.of(),
                List.of()).size() - 1));
    }

    @Test
    void anRoiGoesFirstWithItsFourValues() {
        Neutralizations n = Neutralizations.of(List.of("-default_F", "5", "-cell", "12", "-floatfile", "f.bin"));
        assertEquals(List.of("other outputs and no-effect flags off (-nonoise -nopgm)", "polarization off (-nopolar)"),
                labels(n));
        List<String> a = n.argv(List.of(0, 1), Map.of(), List.of("-roi", "5", "5", "7", "7"));
        assertEquals(List.of("-roi", "5", "5", "7", "7", "-default_F", "5", "-cell", "12", "-floatfile", "f.bin"), a);
    }

    @Test
    void everyFlagOfTheSpecIsInTheFlagTable() throws Exception {
        // section 3 of cli-flags.md: every spelling in the first column; "-mosaic_dom…"-style prefixes
        // and the commented-out "-source_dist…" are not tokens anyone types
        String spec = Files.readString(TestEnv.requireShared("spec/cli-flags.md"));
        String table = spec.substring(spec.indexOf("## 3. Flag table"), spec.indexOf("## 4."));
        Pattern flag = Pattern.compile("`(-[A-Za-z0-9_]+)(…)?");
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (String line : table.lines().filter(l -> l.startsWith("| `-")).toList()) {
            Matcher m = flag.matcher(line.split("\\|")[1]);
            while (m.find()) {
                if (m.group(2) == null) {
                    seen++;
                    if (FlagTable.lookup(m.group(1)) == null) {
                        missing.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(seen > 130, "spellings read: " + seen);
        assertEquals(List.of(), missing);
        for (String alias : List.of("-mosaic_domains", "-mosaic_spread", "-mosaicity", "-detector_absorb", "-wavelength",
                "-pixel_size", "-sample_height", "-xtal_height", "-sample_density", "-molecular_weight", "-curved_detector",
                "-matrix")) {
            assertTrue(FlagTable.lookup(alias) != null, alias);
        }
    }
}
