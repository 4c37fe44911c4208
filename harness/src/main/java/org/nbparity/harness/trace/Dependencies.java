package org.nbparity.harness.trace;

import java.util.List;
import java.util.Map;

/**
 * Which records each record is computed from (render.md sections 4.4-4.24, trace-protocol.md
 * section 2), by base name. The first-divergence report looks these inputs up in the reference
 * trace (the last record of that name before the divergent one whose indices agree) to tell
 * whether a difference was introduced at the record or inherited from an input.
 */
public final class Dependencies {
    private static final Map<String, List<String>> INPUTS = Map.ofEntries(
            // run level (setup.md)
            // fluence comes from -fluence or flux*exposure/beamsize^2; none of those is a traced record
            Map.entry("fluence", List.of()),
            Map.entry("r_e_sqr", List.of()),
            Map.entry("steps", List.of("sources", "mosaic_domains", "phisteps", "oversample")),
            Map.entry("a_star", List.of("a0", "b0", "c0", "V_cell")),
            Map.entry("b_star", List.of("a0", "b0", "c0", "V_cell")),
            Map.entry("c_star", List.of("a0", "b0", "c0", "V_cell")),
            Map.entry("pix0_vector_meters", List.of("fdet_vec", "sdet_vec", "odet_vec", "Fbeam_Sbeam",
                    "Fclose_Sclose", "distance_meters", "close_distance_meters", "beam_vec")),
            // layer (4.4, 4.10)
            Map.entry("Odet", List.of("thicksteps")),
            Map.entry("omega_pixel_sr_recomputed", List.of()),
            Map.entry("capture_fraction_recomputed", List.of()),
            Map.entry("polar_recomputed", List.of()),
            Map.entry("capture_fraction", List.of("diffracted_vec", "odet_vec", "Odet")),
            // subpixel (4.5-4.9)
            Map.entry("Fdet_Sdet", List.of("pixel_size_meters", "oversample")),
            Map.entry("pixel_pos_meters", List.of("Fdet_Sdet", "Odet", "fdet_vec", "sdet_vec", "odet_vec",
                    "pix0_vector_meters", "distance_meters", "beam_vec")),
            Map.entry("R_distance_meters", List.of("pixel_pos_meters")),
            Map.entry("diffracted_vec", List.of("pixel_pos_meters", "R_distance_meters")),
            Map.entry("omega_pixel_sr", List.of("R_distance_meters", "pixel_size_meters", "close_distance_meters")),
            Map.entry("obliquity_factor", List.of("close_distance_meters", "R_distance_meters")),
            // source (4.11-4.15)
            Map.entry("incident_vec", List.of("beam_vec")),
            Map.entry("lambda_meters", List.of()),
            Map.entry("lambda_angstroms", List.of("lambda_meters")),
            Map.entry("scattering_vec", List.of("diffracted_vec", "incident_vec", "lambda_meters")),
            Map.entry("stol", List.of("scattering_vec")),
            Map.entry("dmin_cut", List.of("stol")),
            Map.entry("polar", List.of("incident_vec", "diffracted_vec", "polar_vec")),
            Map.entry("cos2theta", List.of("incident_vec", "diffracted_vec")),
            // phi (4.16)
            Map.entry("phi_rad", List.of()),
            Map.entry("phi_deg", List.of()),
            // 1 when the phi step rotated the cell, 0 when it carried the previous orientation over
            // (upstream rotates only when phi != 0, render.md 5.2): decided from phi alone
            Map.entry("rotated", List.of("phi_rad")),
            Map.entry("ap", List.of("a0", "spindle_vec", "phi_rad", "rotated")),
            Map.entry("bp", List.of("b0", "spindle_vec", "phi_rad", "rotated")),
            Map.entry("cp", List.of("c0", "spindle_vec", "phi_rad", "rotated")),
            // mosaic (4.17-4.23)
            Map.entry("rot_a", List.of("ap")),
            Map.entry("rot_b", List.of("bp")),
            Map.entry("rot_c", List.of("cp")),
            Map.entry("hkl_frac", List.of("rot_a", "rot_b", "rot_c", "scattering_vec")),
            Map.entry("k_frac", List.of("rot_b", "scattering_vec")),
            Map.entry("hkl_rounded", List.of("hkl_frac")),
            Map.entry("F_latt_a", List.of("hkl_frac", "Na", "Nb", "Nc")),
            Map.entry("F_latt_b", List.of("hkl_frac", "k_frac", "Na", "Nb", "Nc")),
            Map.entry("F_latt_c", List.of("hkl_frac", "Na", "Nb", "Nc")),
            Map.entry("F_latt", List.of("F_latt_a", "F_latt_b", "F_latt_c", "hkl_frac", "hkl_rounded",
                    "a_star", "b_star", "c_star", "Na", "Nb", "Nc")),
            Map.entry("F_cell", List.of("hkl_rounded", "hkl_frac", "default_F", "interpolate", "hkl_range")),
            Map.entry("F_cell_squared", List.of("F_cell")),
            Map.entry("F_latt_squared", List.of("F_latt")),
            Map.entry("I_contribution", List.of("F_cell", "F_latt")),
            Map.entry("I_running", List.of("F_cell", "F_latt", "I_running", "I_bg")),
            // end of pixel (4.24)
            Map.entry("I_before_scaling", List.of("I_running", "F_cell", "F_latt", "I_bg")),
            Map.entry("omega_pixel", List.of("omega_pixel_sr")),
            Map.entry("cos_2theta", List.of("incident_vec", "diffracted_vec")),
            Map.entry("I_pixel_final", List.of("I_before_scaling", "r_e_sqr", "fluence", "steps",
                    "capture_fraction", "polar", "omega_pixel")),
            Map.entry("I_over_steps", List.of("I_before_scaling", "steps")),
            Map.entry("floatimage_bits", List.of("I_pixel_final")),
            // upstream's ordinary stdout (StdoutRecords), in its print order; quantities set from
            // the command line or an input file alone (identical on both sides) are primary
            Map.entry("stdout.unit_cell_A_deg", List.of()),
            Map.entry("stdout.recp_cell_A_inv_deg", List.of("stdout.unit_cell_A_deg")),
            Map.entry("stdout.V_cell_A3", List.of("stdout.unit_cell_A_deg")),
            Map.entry("stdout.misset_deg", List.of()),
            Map.entry("stdout.a0_A", List.of("stdout.unit_cell_A_deg", "stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.b0_A", List.of("stdout.unit_cell_A_deg", "stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.c0_A", List.of("stdout.unit_cell_A_deg", "stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.a_star_A_inv", List.of("stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.b_star_A_inv", List.of("stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.c_star_A_inv", List.of("stdout.recp_cell_A_inv_deg")),
            Map.entry("stdout.xtal_size_um", List.of("stdout.unit_cell_A_deg", "stdout.N_cells")),
            Map.entry("stdout.N_cells", List.of()),
            Map.entry("stdout.default_F", List.of()),
            Map.entry("stdout.lambda0_meters", List.of()),
            Map.entry("stdout.dispersion_lambda_meters", List.of("stdout.lambda0_meters")),
            Map.entry("stdout.source", List.of("stdout.beam_vec", "stdout.lambda0_meters")),
            Map.entry("stdout.polarization", List.of()),
            Map.entry("stdout.fluence", List.of()),
            Map.entry("stdout.distance_meters", List.of()),
            Map.entry("stdout.pixel_size_meters", List.of()),
            Map.entry("stdout.detpixels", List.of()),
            Map.entry("stdout.detsize_meters", List.of("stdout.pixel_size_meters", "stdout.detpixels")),
            Map.entry("stdout.Xbeam_Ybeam_meters", List.of()),
            Map.entry("stdout.Fbeam_Sbeam_meters", List.of("stdout.Xbeam_Ybeam_meters")),
            Map.entry("stdout.fdet_vec", List.of()),
            Map.entry("stdout.sdet_vec", List.of()),
            Map.entry("stdout.odet_vec", List.of()),
            Map.entry("stdout.beam_vec", List.of()),
            Map.entry("stdout.spindle_vec", List.of()),
            Map.entry("stdout.sources", List.of()),
            Map.entry("stdout.mosaic_domains", List.of()),
            Map.entry("stdout.phisteps", List.of()),
            Map.entry("stdout.oversample", List.of()));

    /** Running sums: their last printed value carries every iteration before it. */
    private static final java.util.Set<String> RUNNING_SUMS = java.util.Set.of("I_running");
    /** Per-iteration inputs a complete running sum already accounts for. */
    private static final java.util.Set<String> SUMMED = java.util.Set.of("F_cell", "F_latt");

    private Dependencies() {
    }

    /** True for a running sum (I_running). */
    public static boolean isRunningSum(String name) {
        return RUNNING_SUMS.contains(name);
    }

    /**
     * True for an input whose per-iteration values a compared, complete running sum listed before
     * it already covers (I_before_scaling needs F_cell and F_latt of every iteration only when
     * I_running is not printed).
     */
    public static boolean subsumedByRunningSum(String name) {
        return SUMMED.contains(name);
    }

    /** Base names of the inputs of a record (empty when unknown or a primary input). */
    public static List<String> inputsOf(String name) {
        return INPUTS.getOrDefault(name, List.of());
    }

    /** True when the table knows the record. */
    public static boolean known(String name) {
        return INPUTS.containsKey(name);
    }

    /**
     * The reference record an input refers to: the last record named {@code input} that comes
     * before {@code of} in {@code records} and whose indices agree with those of {@code of}
     * (every index it has is equal in {@code of}); for a record of the same name (a running sum),
     * the previous occurrence. Null when there is none.
     */
    public static TraceRecord resolve(List<TraceRecord> records, int ofPosition, String input) {
        TraceRecord of = records.get(ofPosition);
        for (int i = ofPosition - 1; i >= 0; i--) {
            TraceRecord r = records.get(i);
            if (!r.name().equals(input)) {
                continue;
            }
            boolean agree = true;
            for (Map.Entry<String, Integer> e : r.indices().entrySet()) {
                Integer v = of.indices().get(e.getKey());
                if (v != null && !v.equals(e.getValue())) {
                    agree = false;
                    break;
                }
            }
            if (agree) {
                return r;
            }
        }
        // run-level constants may be printed after the record that uses them (golden end block)
        for (TraceRecord r : records) {
            if (r.name().equals(input) && r.indices().isEmpty()) {
                return r;
            }
        }
        return null;
    }
}
