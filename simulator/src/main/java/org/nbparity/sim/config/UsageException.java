package org.nbparity.sim.config;

/**
 * Bad command line or bad input file: the CLI prints the one-line message on stderr and exits
 * with status 2 (no stack trace, no output written).
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
