package org.nbparity.sim.config;

/**
 * Physics mode of a run ({@code -mode compat|fixed}).
 *
 * <p>{@link #COMPAT} reproduces every upstream quirk (render.md and setup.md QUIRKS lists).
 * {@link #FIXED} is upstream with its three fix branches merged ({@code fix/phi0-stale-rotation},
 * {@code fix/subpixel-oversampling}, {@code fix/curved-det-flag-guard}); every other quirk behaves
 * as in compat.
 */
public enum Mode {
    COMPAT, FIXED;

    /** The lower-case spelling used on the command line and in traces. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
