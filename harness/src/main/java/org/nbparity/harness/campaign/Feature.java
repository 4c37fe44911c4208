package org.nbparity.harness.campaign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of nanoBragg's flag space a campaign stratifies over (issue 16 item 1). Each generated
 * case has one primary feature (cases are dealt round-robin over the chosen features, so each
 * feature is the primary of the same number of cases, give or take one) and may mix in others.
 */
public enum Feature {
    CONVENTION("convention", "a detector convention (-mosflm/-xds/-denzo/-adxv/-dials) with its beam centre flags"),
    SHAPE("shape", "crystal shape (-round_xtal/-square_xtal/-gauss_xtal/-tophat_spots/-binary_spots, -fudge)"),
    CELL("cell", "a triclinic cell"),
    MISSET("misset", "-misset angles or -misset random with -misset_seed"),
    MOSAIC("mosaic", "-mosaic spread with 2-5 domains and -mosaic_seed"),
    PHI("phi", "-phi/-osc/-phisteps, half of them with a step landing exactly on phi 0"),
    DIVERGENCE("divergence", "-divergence/-divsteps or h/v ranges and steps, round or square"),
    DISPERSION("dispersion", "-dispersion with -dispsteps"),
    SOURCEFILE("sourcefile", "a generated -sourcefile of 2-3 sources"),
    OVERSAMPLE("oversample", "-oversample 2-3 with -oversample_thick/_polar/_omega"),
    THICKNESS("thickness", "-detector_thick/-detector_abs/-detector_thicksteps"),
    POLARIZATION("polarization", "-polar K or -nopolar"),
    CURVED("curved", "-curved_det"),
    TWOTHETA("twotheta", "-twotheta with a pivot"),
    ROTATIONS("rotations", "-detector_rotx/_roty/_rotz"),
    ROI("roi", "-roi window"),
    WATER("water", "-water background"),
    DMIN("dmin", "-dmin resolution cut"),
    NOISE("noise", "the Poisson noise image with -seed"),
    INTERPOLATION("interpolation", "-interpolate (with a generated -hkl)"),
    IMG_MASK("img_mask", "a generated SMV file as -img and/or -mask"),
    HKL("hkl", "a generated -hkl file"),
    FIXED_MODE("fixed_mode", "-mode fixed (upstream with its fix branches)");

    private final String id;
    private final String description;

    Feature(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** What the feature puts into a case. */
    public String description() {
        return description;
    }

    /** The feature named {@code id}; IllegalArgumentException names the unknown one and the known ones. */
    public static Feature of(String id) {
        for (Feature f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + id + "' (known: " + String.join(",", ids(List.of(values()))) + ")");
    }

    /** Parses a comma-separated list, in the enum's order, without repeats. */
    public static List<Feature> parseList(String csv) {
        List<Feature> picked = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                picked.add(of(s.strip()));
            }
        }
        if (picked.isEmpty()) {
            throw new IllegalArgumentException("no feature named in '" + csv + "'");
        }
        return Arrays.stream(values()).filter(picked::contains).toList();
    }

    /** The ids of {@code fs}. */
    public static List<String> ids(List<Feature> fs) {
        return fs.stream().map(Feature::id).toList();
    }
}
