package org.nbparity.harness.cli;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for commands.txt. */
final class Shell {
    private Shell() {
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./=:,+@%^-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String join(List<String> args) {
        return args.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
