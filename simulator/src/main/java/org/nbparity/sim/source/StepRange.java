package org.nbparity.sim.source;

/**
 * A sampled range after upstream's auto-selection (setup.md S10): divergence (rad) or
 * dispersion (fraction of lambda0).
 *
 * @param steps number of sample points
 * @param range full width
 * @param step  spacing
 */
public record StepRange(int steps, double range, double step) {
    /** The single point at zero, which upstream uses when a range is off. */
    public static final StepRange NONE = new StepRange(1, 0.0, 0.0);

    /** This range, or {@link #NONE} when any of its three values is not positive (end of S10). */
    public StepRange orNoneIfEmpty() {
        return range <= 0.0 || step <= 0.0 || steps <= 0 ? NONE : this;
    }

    /**
     * The divergence/dispersion auto-selection of S10 (quirk Q21).
     *
     * @param steps the typed count (negative when not set)
     * @param range the typed range (negative when not set)
     * @param step  the typed step (negative when not set)
     */
    public static StepRange autoSelect(int steps, double range, double step) {
        if (steps <= 0) {
            if (range < 0.0) {
                if (step <= 0.0) {
                    steps = 1;
                    range = 0.0;
                    step = 0.0;
                } else {
                    range = step;
                    steps = 2;
                }
            } else {
                if (step <= 0.0) {
                    step = range;
                    steps = 2;
                } else {
                    steps = (int) Math.ceil(range / step);
                }
            }
        } else {
            if (range < 0.0) {
                if (step <= 0.0) {
                    // count only: a 1-radian (100 %) range, step = range/count (quirk Q21)
                    range = 1.0;
                    step = range / steps;
                } else {
                    range = step;
                    steps = 2;
                }
            } else {
                if (step <= 0.0) {
                    if (steps <= 1) steps = 2;
                    step = range / (steps - 1);
                }
            }
        }
        return new StepRange(steps, range, step);
    }
}
