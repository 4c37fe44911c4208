package org.nbparity.harness.backend;

/** The C side could not be built or run (not a parity failure): nbparity exit code 3. */
public class BackendException extends Exception {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
