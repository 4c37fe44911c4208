package org.nbparity.sim.config;

import java.util.ArrayList;
import java.util.List;
import org.nbparity.sim.clib.UsageException;

/**
 * The model parameters a derivative image can be taken with respect to ({@code -deriv}, issue
 * 18), with the name the flag and the files use and the unit of the derivative's denominator.
 */
public enum DerivParam {
    MISSET_X("misset_x", "deg"),
    MISSET_Y("misset_y", "deg"),
    MISSET_Z("misset_z", "deg"),
    CELL_A("cell_a", "Angstrom"),
    CELL_B("cell_b", "Angstrom"),
    CELL_C("cell_c", "Angstrom"),
    N("N", "unit cells"),
    DISTANCE("distance", "mm"),
    FLUENCE("fluence", "photons/m^2"),
    DEFAULT_F("default_F", "electrons");

    private final String label;
    private final String unit;

    DerivParam(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The name on the command line and in {@code PREFIX_d<name>.bin}. */
    public String label() {
        return label;
    }

    /** Unit of the parameter (the image is photons per this unit). */
    public String unit() {
        return unit;
    }

    /**
     * The comma-separated list of {@code -deriv}, in the order given, each name once.
     *
     * @throws UsageException on an empty, unknown or repeated name
     */
    public static List<DerivParam> parseList(String value) {
        List<DerivParam> out = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            DerivParam p = null;
            for (DerivParam q : values()) {
                if (q.label.equals(name)) {
                    p = q;
                }
            }
            if (p == null) {
                throw new UsageException("-deriv: unknown parameter '" + name + "' (known: " + known() + ")");
            }
            if (out.contains(p)) {
                throw new UsageException("-deriv: parameter '" + name + "' given twice");
            }
            out.add(p);
        }
        return out;
    }

    private static String known() {
        StringBuilder b = new StringBuilder();
        for (DerivParam q : values()) {
            b.append(b.length() == 0 ? "" : ",").append(q.label);
        }
        return b.toString();
    }
}
