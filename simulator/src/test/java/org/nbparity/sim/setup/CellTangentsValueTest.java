package org.nbparity.sim.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nbparity.sim.config.ArgParser;
import org.nbparity.sim.config.Config;
import org.nbparity.sim.crystal.CellSetup;
import org.nbparity.sim.crystal.CellTangents;
import org.nbparity.sim.crystal.Crystal;
import org.nbparity.sim.geometry.Dual;
import org.nbparity.sim.testutil.Shared;

/**
 * The dual-number setup chain of the derivative images ({@link CellTangents}) repeats setup's
 * arithmetic: its value parts are the run's own a0, b0, c0, a*, b*, c*, bitwise, for a -cell
 * crystal with and without misset, a -mat crystal, a cubic shorthand cell and a random misset.
 */
class CellTangentsValueTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"v01_mosflm_cubic_noise,", "v02_xds_triclinic_misset,", "v03_denzo_mat_sparsehkl_phi,",
        "v04_adxv_round_mosaic_div,", "v03_denzo_mat_sparsehkl_phi,-cell 78 79 80 90 91 92",
        "v01_mosflm_cubic_noise,-cell 70", "v01_mosflm_cubic_noise,-misset random -misset_seed 5"})
    void valuePartsAreTheSetupsVectors(String name, String extra) throws Exception {
        Path dir = Shared.caseDir(name);
        Map<String, Object> cj = Shared.caseJson(dir);
        Shared.copyInputs(dir, cj, work);
        List<String> argv = new ArrayList<>(Arrays.asList(Shared.argv(cj)));
        if (extra != null) {
            argv.addAll(Arrays.asList(extra.split(" ")));
        }
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Config c = ArgParser.parse(argv.toArray(new String[0]), -1, sink, sink, work);
        Prepared p = SetupBuilder.build(c, sink, work);
        CellSetup.Input in = StepInputs.cell(c);
        CellSetup.Reciprocal mat = c.matFile == null ? null
                : CellSetup.readMat(in, work, sink, CellSetup.fromCell(in, sink));
        Crystal x = p.setup().crystal();
        for (CellTangents.Seed seed : CellTangents.Seed.values()) {
            CellTangents.Vectors v = CellTangents.of(in, mat, p.details().misset(), seed);
            assertArrayEquals(x.a0(), Dual.values(v.a0()), seed + " a0");
            assertArrayEquals(x.b0(), Dual.values(v.b0()), seed + " b0");
            assertArrayEquals(x.c0(), Dual.values(v.c0()), seed + " c0");
            assertArrayEquals(x.aStar(), Dual.values(v.aStar()), seed + " a*");
            assertArrayEquals(x.bStar(), Dual.values(v.bStar()), seed + " b*");
            assertArrayEquals(x.cStar(), Dual.values(v.cStar()), seed + " c*");
        }
    }
}
