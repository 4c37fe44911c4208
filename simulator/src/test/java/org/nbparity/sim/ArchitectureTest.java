package org.nbparity.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The simulator's package layering (simulator/README.md, each package-info.java): packages depend
 * downward only, in the order declared in {@link #LAYERS}, and no two packages depend on each
 * other. Only main classes are checked; tests may reach across layers.
 */
class ArchitectureTest {
    private static final String ROOT = "org.nbparity.sim";

    /**
     * Bottom first. A package may depend on the packages before it, never on one after it. Keep
     * this list and the table in simulator/README.md in step.
     */
    static final List<String> LAYERS = List.of(
            "clib",     // C library emulation: printf, strtod/atof, fscanf, libm, powf; units; usage error
            "io",       // file formats: SMV header, text tables, atomic and ordered file writes
            "trace",    // the trace protocol writer
            "rng",      // upstream's random number generators and deviates
            "config",   // argv -> Config, the command-line vocabulary
            "geometry", // detector setup (S6-S14)
            "source",   // beam sources, divergence/dispersion steps, fluence
            "crystal",  // cell, orientation, mosaic, structure factors
            "setup",    // Config -> the immutable Setup the kernel reads
            "render",   // the per-pixel kernel
            "output",   // image statistics and the float/int/PGM/noise files
            "cli");     // the nanobragg command

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyMainPackageIsDeclaredInTheLayerOrder() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : MAIN) {
            packages.add(c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]);
        }
        assertEquals(new TreeSet<>(LAYERS), packages,
                "a new package needs its place in LAYERS (and in simulator/README.md)");
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void packagesDependDownwardOnly() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream()
                    .map(p -> ROOT + "." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " sits below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
                    .check(MAIN);
        }
    }

    /**
     * The detector, crystal and source setup steps take small typed inputs (setup.StepInputs
     * builds them), not the whole Config; from config they may use the flag vocabulary
     * (Convention, Pivot, Shape, Mode, ...) only.
     */
    @Test
    void geometryCrystalAndSourceStepsTakeTypedInputsNotConfig() {
        noClasses().that().resideInAnyPackage(ROOT + ".geometry..", ROOT + ".crystal..", ROOT + ".source..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".config.Config")
                .check(MAIN);
    }

    /** The rule above can fail: an upward dependency (render uses output) is reported. */
    @Test
    void theDownwardRuleSeesAnUpwardDependency() {
        JavaClasses fake = new ClassFileImporter().importClasses(UpwardProbe.class, org.nbparity.sim.output.OutputStage.class);
        EvaluationResult r = noClasses().that().haveSimpleName("UpwardProbe")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".output..")
                .evaluate(fake);
        assertTrue(r.hasViolation());
        assertFalse(r.getFailureReport().getDetails().isEmpty());
    }

    /** A stand-in for a lower-layer class that reaches up to the output stage. */
    static final class UpwardProbe {
        static Class<?> up() {
            return org.nbparity.sim.output.OutputStage.class;
        }
    }
}
