package org.nbparity.harness.cases;

/** A case or suite file is missing, malformed, or refers to a missing or altered input. */
public class CaseException extends Exception {
    public CaseException(String message) {
        super(message);
    }
}
