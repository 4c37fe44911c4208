package org.nbparity.sim.setup;

import java.util.Locale;
import org.nbparity.sim.crystal.Crystal;

/**
 * A hidden, test-only perturbation of one named quantity, so the parity harness can prove that a
 * wrong Java run FAILs and that its first divergence names exactly that quantity (issue
 * "Harness", acceptance). Never active unless the environment variable
 * {@code NBPARITY_TEST_FAULT} (or the system property {@code nbparity.test.fault}) is set; then a
 * warning is printed on stderr so no real run is silently perturbed.
 *
 * <p>Spellings: {@code fluence=F} (multiply the fluence by F), {@code omega=F} (multiply every
 * solid angle by F), {@code phi=D} (add D radians to every phi step).
 *
 * @param quantity what is perturbed
 * @param value    factor (fluence, omega) or offset in radians (phi)
 */
public record TestFault(Quantity quantity, double value) {
    /** The quantities a fault can perturb. */
    public enum Quantity { NONE, FLUENCE, OMEGA, PHI }

    /** No fault. */
    public static final TestFault NONE = new TestFault(Quantity.NONE, 0.0);

    /** The fault requested by the environment or system property, or {@link #NONE}. */
    public static TestFault fromEnvironment() {
        String spec = System.getProperty("nbparity.test.fault");
        if (spec == null || spec.isBlank()) {
            spec = System.getenv("NBPARITY_TEST_FAULT");
        }
        return parse(spec);
    }

    /**
     * Parses {@code name=value}; blank means no fault.
     *
     * @throws IllegalArgumentException for an unknown name or a non-numeric value
     */
    public static TestFault parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("NBPARITY_TEST_FAULT must be name=value, got " + spec);
        }
        Quantity q = Quantity.valueOf(spec.substring(0, eq).trim().toUpperCase(Locale.ROOT));
        return new TestFault(q, Double.parseDouble(spec.substring(eq + 1).trim()));
    }

    /** True unless this is {@link #NONE}. */
    public boolean active() {
        return quantity != Quantity.NONE;
    }

    /** Factor the render kernel applies to every solid angle (exactly 1.0 unless an omega fault). */
    public double omegaFactor() {
        return quantity == Quantity.OMEGA ? value : 1.0;
    }

    /** The setup with a fluence or phi fault applied (omega is applied by the kernel). */
    public Setup apply(Setup s) {
        switch (quantity) {
            case FLUENCE:
                return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), s.crystal(),
                        s.structureFactors(), s.interpolate(), s.dmin(), s.fluence() * value, s.rESqr(),
                        s.waterSize(), s.iBg(), s.steps(), s.render());
            case PHI:
                Crystal c = s.crystal();
                Crystal shifted = new Crystal(c.a0(), c.b0(), c.c0(), c.aStar(), c.bStar(), c.cStar(), c.vCell(),
                        c.na(), c.nb(), c.nc(), c.shape(), c.fudge(), c.phi0() + value, c.phistep(), c.phisteps(),
                        c.osc(), c.spindle(), c.mosaicSpread(), c.mosaicDomains(), c.mosaicUmats());
                return new Setup(s.mode(), s.detector(), s.sampling(), s.sources(), shifted,
                        s.structureFactors(), s.interpolate(), s.dmin(), s.fluence(), s.rESqr(),
                        s.waterSize(), s.iBg(), s.steps(), s.render());
            default:
                return s;
        }
    }
}
