package org.nbparity.harness.shrink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the shrinker may do with each upstream flag (spellings and argument counts from
 * {@code ../shared/spec/cli-flags.md} section 3). A neutralization always leaves a command line
 * upstream accepts: it drops whole flag occurrences, sets a count to its neutral value, or adds a
 * switch-off flag that takes no argument ({@code -nonoise}, {@code -nopolar}, ...). Flags that fix
 * the image shape or the compared file ({@code -detpixels*}, {@code -detsize*}, {@code -pixel},
 * {@code -img}, {@code -mask}, {@code -floatfile}), the crystal ({@code -cell}, {@code -mat}) and
 * {@code -roi} (the ROI phase owns it) are never touched.
 */
public final class FlagTable {
    /** {@code -cell}: up to six arguments, stopping at a token that starts with '-'. */
    public static final int CELL_ARGS = -1;
    /** {@code -misset}: one word containing "rand", else three angles. */
    public static final int MISSET_ARGS = -2;

    /** What a neutralization does with a flag. */
    public enum Kind {
        /** never touched */
        FIXED,
        /** dropped on its own (one element per occurrence) */
        DROP,
        /** set to {@link Spec#neutral()} on its own (one element per occurrence) */
        COUNT,
        /** dropped together with the rest of its group (one element per group) */
        GROUP
    }

    /**
     * @param kind    what is done with it
     * @param args    arguments it reads ({@link #CELL_ARGS}, {@link #MISSET_ARGS} for the variable ones)
     * @param group   group id for {@link Kind#GROUP}
     * @param neutral the neutral count for {@link Kind#COUNT}, and for a group's count member
     *                (the one value the shrinker may lower to find the smallest failing count); else 0
     */
    public record Spec(Kind kind, int args, String group, int neutral) {
    }

    /**
     * A flag group.
     *
     * @param id     id
     * @param label  what neutralizing it means, e.g. "mosaic off"
     * @param prefix switch-off flags (no argument) added at the front when the group is neutralized
     */
    public record Group(String id, String label, List<String> prefix) {
    }

    /** Outputs other than the compared float image, and flags without effect on it. */
    public static final String OUTPUTS = "outputs";

    private static final Map<String, Spec> SPECS = new HashMap<>();
    private static final Map<String, Group> GROUPS = new HashMap<>();

    static {
        group(OUTPUTS, "other outputs and no-effect flags off (-nonoise -nopgm)", "-nonoise", "-nopgm");
        group("size", "crystal size flags off");
        group("misset", "misset off");
        group("vectors", "custom detector vectors off");
        group("phisteps", "phi steps to 1");
        group("mosaic", "mosaic off");
        group("divergence", "divergence off");
        group("dispersion", "dispersion off");
        group("thickness", "detector thickness off");
        group("polar", "polarization off (-nopolar)", "-nopolar");
        group("interpolate", "interpolation off (-nointerpolate)", "-nointerpolate");
        group("shape", "crystal shape square");
        group("fluence", "fluence, flux, exposure and beam size to defaults");

        fixed(1, "-floatfile", "-floatimage", "-detpixels", "-detpixels_f", "-detpixels_x", "-detpixels_s",
                "-detpixels_y", "-detsize", "-detsize_f", "-detsize_s", "-pixel", "-pixel_size", "-img", "-mask",
                "-mat", "-matrix");
        fixed(4, "-roi");
        SPECS.put("-cell", new Spec(Kind.FIXED, CELL_ARGS, null, 0));

        inGroup(OUTPUTS, 1, "-intfile", "-intimage", "-pgmfile", "-pgmimage", "-noisefile", "-noiseimage", "-scale",
                "-pgmscale", "-seed", "-adc", "-dump", "-density", "-sample_den", "-sample_density", "-MW", "-molec",
                "-molecular_weight", "-stol", "-4stol", "-Q", "-stolout");
        inGroup(OUTPUTS, 0, "-nonoise", "-nopgm", "-printout", "-noprogress", "-progress", "-coherent");
        inGroup(OUTPUTS, 2, "-printout_pixel");
        inGroup("size", 1, "-samplesize", "-sample_size", "-sample_thick", "-sample_x", "-sample_width", "-sample_y",
                "-width", "-sample_heigh", "-sample_height", "-sample_z", "-heigh", "-height", "-xtalsize", "-xtal_size",
                "-xtal_thick", "-xtal_x", "-xtal_width", "-xtal_y", "-xtal_heigh", "-xtal_height", "-xtal_z");
        SPECS.put("-misset", new Spec(Kind.GROUP, MISSET_ARGS, "misset", 0));
        inGroup("misset", 1, "-misset_seed");
        inGroup("vectors", 3, "-fdet_vector", "-sdet_vector", "-odet_vector", "-beam_vector", "-polar_vector",
                "-spindle_axis", "-twotheta_axis", "-pix0_vector", "-pix0_vector_mm");
        inGroup("phisteps", 1, "-osc", "-phistep");
        countIn("phisteps", 1, "-phisteps");
        inGroup("mosaic", 1, "-mosaic", "-mosaicity", "-mosaic_spread", "-mosaic_seed");
        countIn("mosaic", 1, "-mosaic_dom", "-mosaic_domains");
        inGroup("divergence", 1, "-divergence", "-hdivrange", "-vdivrange", "-hdivstep", "-vdivstep");
        countIn("divergence", 1, "-hdivsteps", "-vdivsteps", "-divsteps");
        inGroup("divergence", 0, "-round_div", "-square_div");
        inGroup("dispersion", 1, "-dispersion");
        countIn("dispersion", 1, "-dispsteps");
        inGroup("thickness", 1, "-detector_abs", "-detector_absorb", "-detector_thick");
        countIn("thickness", 1, "-detector_thicksteps", "-thicksteps");
        inGroup("polar", 1, "-polar");
        inGroup("polar", 0, "-nopolar");
        inGroup("interpolate", 0, "-interpolate", "-nointerpolate");
        inGroup("shape", 0, "-round_xtal", "-square_xtal", "-gauss_xtal", "-binary_spots", "-tophat_spots");
        inGroup("shape", 1, "-fudge");
        inGroup("fluence", 1, "-fluence", "-flux", "-exposure", "-beamsize");

        drop(1, "-Xbeam", "-Ybeam", "-Xclose", "-Yclose", "-ORGX", "-ORGY", "-distance", "-close_distance", "-twotheta",
                "-detector_rotx", "-detector_roty", "-detector_rotz", "-lambda", "-wave", "-wavelength", "-energy",
                "-dmin", "-water", "-sourcefile", "-phi", "-pivot", "-hkl", "-default_F");
        drop(0, "-curved_det", "-curved_detector", "-point_pixel", "-oversample_thick", "-oversample_polar",
                "-oversample_omega", "-mosflm", "-xds", "-adxv", "-denzo", "-dials");
        for (String f : List.of("-N", "-Na", "-Nb", "-Nc", "-oversample")) {
            SPECS.put(f, new Spec(Kind.COUNT, 1, null, 1));
        }
    }

    private FlagTable() {
    }

    /** The spec of a flag spelling, or null for a flag the shrinker does not know (kept as typed). */
    public static Spec lookup(String flag) {
        return SPECS.get(flag);
    }

    /** A group by id. */
    public static Group group(String id) {
        return GROUPS.get(id);
    }

    private static void group(String id, String label, String... prefix) {
        GROUPS.put(id, new Group(id, label, List.of(prefix)));
    }

    private static void fixed(int args, String... names) {
        for (String n : names) {
            SPECS.put(n, new Spec(Kind.FIXED, args, null, 0));
        }
    }

    private static void drop(int args, String... names) {
        for (String n : names) {
            SPECS.put(n, new Spec(Kind.DROP, args, null, 0));
        }
    }

    private static void inGroup(String group, int args, String... names) {
        for (String n : names) {
            SPECS.put(n, new Spec(Kind.GROUP, args, group, 0));
        }
    }

    private static void countIn(String group, int neutral, String... names) {
        for (String n : names) {
            SPECS.put(n, new Spec(Kind.GROUP, 1, group, neutral));
        }
    }
}
