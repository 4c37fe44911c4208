package org.nbparity.harness.bundle;

/**
 * The outcome of checking signed evidence against a set of trusted keys, printed as its name by
 * {@code nbparity verify}, each with its own exit code. When several apply, the most severe
 * wins: {@link #FAILED} over {@link #UNTRUSTED} over {@link #UNSIGNED} over {@link #VERIFIED}.
 */
public enum Trust {
    /** Intact, and every attestation carries a valid signature by a trusted key. Exit 0. */
    VERIFIED(0),
    /** Intact, but an attestation carries no signature (or there is none). Exit 4. */
    UNSIGNED(4),
    /** Intact and signed, but not by a trusted key (a key inside the bundle is never trusted), or the required sign-offs are missing. Exit 5. */
    UNTRUSTED(5),
    /** Something does not check out: a digest, a recomputed number, a signature that does not verify, a rejected sign-off. Exit 1. */
    FAILED(1);

    private final int exitCode;

    Trust(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of {@code nbparity verify} for this outcome. */
    public int exitCode() {
        return exitCode;
    }

    /** The more severe of the two. */
    public Trust worst(Trust other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case VERIFIED -> 0;
            case UNSIGNED -> 1;
            case UNTRUSTED -> 2;
            case FAILED -> 3;
        };
    }
}
