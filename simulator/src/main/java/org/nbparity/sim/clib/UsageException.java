package org.nbparity.sim.clib;

/**
 * Bad command line or bad input file: the CLI prints the one-line message on stderr and exits
 * with status 2 (no stack trace, no output written).
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(oneLine(message), null, false, false);
    }

    /**
     * The message as one printable line: a file name or value echoed into it may hold a line
     * break or a NUL (a quoted shell argument, a fuzzed input), which is shown escaped.
     */
    private static String oneLine(String m) {
        if (m == null) {
            return null;
        }
        return m.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }

    /** "FLAG: cannot read NAME (reason)" for an input file that could not be read. */
    public static UsageException unreadable(String flag, String name, java.io.IOException e) {
        String why;
        if (e instanceof java.nio.file.NoSuchFileException) {
            why = "no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        } else if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(name))
                || (e.getMessage() != null && e.getMessage().contains("directory"))) {
            why = "is a directory";
        } else {
            why = e.getMessage() == null ? "read error" : e.getMessage();
        }
        return new UsageException(flag + ": cannot read " + name + " (" + why + ")");
    }
}
