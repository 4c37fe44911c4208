package org.nbparity.harness.run;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for commands.txt. */
public final class Shell {
    private Shell() {
    }

    public static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./=:,+@%^-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> args) {
        return args.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
