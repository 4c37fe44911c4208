package org.nbparity.sim.clib;

/** Upstream's unit constants (setup.md R6, section 0). */
public final class Units {
    private Units() {
    }

    /** RTD = 180.0*M_1_PI (0x404CA5DC1A63C1F8); degrees are converted as deg/RTD (quirk Q31). */
    public static final double RTD = Double.longBitsToDouble(0x404CA5DC1A63C1F8L);
    /** Avogadro's number as upstream line 70. */
    public static final double AVOGADRO = 6.02214179e23;
    /** r_e^2, m^2 (line 211). */
    public static final double R_E_SQR = 7.94079248018965e-30;
    /** DBL_MIN. */
    public static final double DBL_MIN = Double.MIN_NORMAL;
}
