package org.nbparity.harness.cli;

/** An environment or oracle problem surfaced by a subcommand: exit code 3, one line on stderr. */
public class EnvironmentException extends Exception {
    public EnvironmentException(String message) {
        super(message);
    }
}
