package org.nbparity.harness.trace;

import java.util.Map;

/**
 * The table that maps the golden TRACE_C vocabulary (trace-keys.md sections 3-4) onto protocol-1
 * record names (trace-protocol.md section 2). Units are converted where the golden key's unit
 * differs from the protocol's (rot_*_angstroms are Angstrom, protocol rot_a is m); the
 * conversion is accounted for in {@link Precision}.
 */
public final class GoldenMapping {
    /** Where a golden key sits in the loop nest. */
    public enum Level {
        /** Run-level constant printed with every subpixel block: first occurrence kept. */
        RUN_FIRST,
        /** Run-level constant printed in the end block. */
        RUN,
        /** [t,sy,sx]. */
        SUBPIXEL,
        /** [t,sy,sx,src=0]. */
        SOURCE,
        /** [t,sy,sx,src=0,phi=0,mos=0]. */
        CRYSTAL,
        /** End of pixel, no indices. */
        END
    }

    /**
     * @param name  protocol record name
     * @param level loop level
     * @param scale factor from the golden unit to the protocol unit
     */
    public record Target(String name, Level level, double scale) {
    }

    /** The key that opens a subpixel block (trace-keys.md 4.1, key 1). */
    public static final String BLOCK_START = "pix0_vector_meters";

    /** {@code TRACE_C: <key>} lines. */
    public static final Map<String, Target> PIXEL = Map.ofEntries(
            Map.entry("pix0_vector_meters", new Target("pix0_vector_meters", Level.RUN_FIRST, 1.0)),
            Map.entry("fdet_vec", new Target("fdet_vec", Level.RUN_FIRST, 1.0)),
            Map.entry("sdet_vec", new Target("sdet_vec", Level.RUN_FIRST, 1.0)),
            Map.entry("close_distance_meters", new Target("close_distance_meters", Level.RUN_FIRST, 1.0)),
            Map.entry("pixel_pos_meters", new Target("pixel_pos_meters", Level.SUBPIXEL, 1.0)),
            Map.entry("R_distance_meters", new Target("R_distance_meters", Level.SUBPIXEL, 1.0)),
            Map.entry("omega_pixel_sr", new Target("omega_pixel_sr", Level.SUBPIXEL, 1.0)),
            Map.entry("obliquity_factor", new Target("obliquity_factor", Level.SUBPIXEL, 1.0)),
            Map.entry("diffracted_vec", new Target("diffracted_vec", Level.SUBPIXEL, 1.0)),
            Map.entry("incident_vec", new Target("incident_vec", Level.SOURCE, 1.0)),
            Map.entry("lambda_meters", new Target("lambda_meters", Level.SOURCE, 1.0)),
            Map.entry("lambda_angstroms", new Target("lambda_angstroms", Level.SOURCE, 1.0)),
            // the label says 1/A but the value is q in 1/m (trace-keys.md 6.1), as protocol scattering_vec
            Map.entry("scattering_vec_A_inv", new Target("scattering_vec", Level.SOURCE, 1.0)),
            Map.entry("rot_a_angstroms", new Target("rot_a", Level.CRYSTAL, 1e-10)),
            Map.entry("rot_b_angstroms", new Target("rot_b", Level.CRYSTAL, 1e-10)),
            Map.entry("rot_c_angstroms", new Target("rot_c", Level.CRYSTAL, 1e-10)),
            // not rotated despite the name (trace-keys.md 6.1): the static run-level a_star.. in 1/A
            Map.entry("rot_a_star_A_inv", new Target("a_star", Level.RUN_FIRST, 1.0)),
            Map.entry("rot_b_star_A_inv", new Target("b_star", Level.RUN_FIRST, 1.0)),
            Map.entry("rot_c_star_A_inv", new Target("c_star", Level.RUN_FIRST, 1.0)),
            Map.entry("hkl_frac", new Target("hkl_frac", Level.CRYSTAL, 1.0)),
            Map.entry("hkl_rounded", new Target("hkl_rounded", Level.CRYSTAL, 1.0)),
            Map.entry("F_latt_a", new Target("F_latt_a", Level.CRYSTAL, 1.0)),
            Map.entry("F_latt_b", new Target("F_latt_b", Level.CRYSTAL, 1.0)),
            Map.entry("F_latt_c", new Target("F_latt_c", Level.CRYSTAL, 1.0)),
            Map.entry("F_latt", new Target("F_latt", Level.CRYSTAL, 1.0)),
            Map.entry("F_cell", new Target("F_cell", Level.CRYSTAL, 1.0)),
            Map.entry("I_before_scaling", new Target("I_before_scaling", Level.END, 1.0)),
            Map.entry("r_e_meters", new Target("r_e_meters", Level.RUN, 1.0)),
            Map.entry("r_e_sqr", new Target("r_e_sqr", Level.RUN, 1.0)),
            Map.entry("fluence_photons_per_m2", new Target("fluence", Level.RUN, 1.0)),
            Map.entry("steps", new Target("steps", Level.RUN, 1.0)),
            Map.entry("oversample_thick", new Target("oversample_thick", Level.RUN, 1.0)),
            Map.entry("oversample_polar", new Target("oversample_polar", Level.RUN, 1.0)),
            Map.entry("oversample_omega", new Target("oversample_omega", Level.RUN, 1.0)),
            Map.entry("capture_fraction", new Target("capture_fraction", Level.END, 1.0)),
            Map.entry("polar", new Target("polar", Level.END, 1.0)),
            Map.entry("omega_pixel", new Target("omega_pixel", Level.END, 1.0)),
            Map.entry("cos_2theta", new Target("cos_2theta", Level.END, 1.0)),
            Map.entry("I_pixel_final", new Target("I_pixel_final", Level.END, 1.0)),
            // binary32 pixel widened; 15 digits identify the float, compared as its bit pattern
            Map.entry("floatimage_accumulated", new Target("floatimage_bits", Level.END, 1.0)));

    /** {@code TRACE_C_SOURCE2: <key>} lines: source 2, phi 0, mosaic 0 (trace-keys.md 4.6). */
    public static final Map<String, Target> SOURCE2 = Map.of(
            "F_cell", new Target("F_cell", Level.CRYSTAL, 1.0),
            "F_latt", new Target("F_latt", Level.CRYSTAL, 1.0),
            "F_cell_squared", new Target("F_cell_squared", Level.CRYSTAL, 1.0),
            "F_latt_squared", new Target("F_latt_squared", Level.CRYSTAL, 1.0),
            "I_contribution", new Target("I_contribution", Level.CRYSTAL, 1.0),
            "polar", new Target("polar", Level.SOURCE, 1.0),
            "cos2theta", new Target("cos2theta", Level.SOURCE, 1.0),
            "lambda_angstroms", new Target("lambda_angstroms", Level.SOURCE, 1.0),
            "source_index", new Target("source_index", Level.SOURCE, 1.0));

    /** Setup lines without prefix (trace-keys.md 3, blocks C and E). */
    public static final Map<String, String> DETECTOR_LINES = Map.of(
            "DETECTOR_FAST_AXIS", "fdet_vec",
            "DETECTOR_SLOW_AXIS", "sdet_vec",
            "DETECTOR_NORMAL_AXIS", "odet_vec",
            "DETECTOR_PIX0_VECTOR", "pix0_vector_meters");

    /** Protocol-1 names placed by level that no golden key maps onto (trace-protocol.md section 2). */
    private static final Map<String, Level> OTHER_LEVELS = Map.of(
            "Fdet_Sdet", Level.SUBPIXEL,
            "stol", Level.SOURCE,
            "dmin_cut", Level.SOURCE,
            "I_running", Level.CRYSTAL,
            "I_over_steps", Level.END);

    private GoldenMapping() {
    }

    /**
     * The loop level of a protocol-1 record name, as the golden table places it (else the few
     * per-iteration names only protocol 1 prints); null when unknown, so a dialect without
     * indices cannot place it.
     */
    public static Level levelOf(String protocolName) {
        for (Target t : PIXEL.values()) {
            if (t.name().equals(protocolName)) {
                return t.level();
            }
        }
        return OTHER_LEVELS.get(protocolName);
    }
}
