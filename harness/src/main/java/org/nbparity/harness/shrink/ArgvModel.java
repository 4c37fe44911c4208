package org.nbparity.harness.shrink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A nanoBragg argv split into flag occurrences (a flag and the arguments it reads), so that flags
 * can be dropped or given another value without breaking the rest of the command line. Argument
 * counts follow {@code ../shared/spec/cli-flags.md} section 3 ({@code -cell} reads up to six
 * numbers, {@code -misset} one word containing {@code rand} or three angles); an unknown flag
 * keeps the non-flag tokens after it. Tokens that do not start with {@code -} (or are numbers) and
 * follow a flag's arguments stay with that flag, as upstream skips them (P2).
 */
public final class ArgvModel {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d|\\.\\d).*");

    /**
     * One flag as typed.
     *
     * @param index  position among the occurrences
     * @param flag   the flag token (null for leading tokens that belong to no flag)
     * @param args   the tokens after it that belong to it
     * @param spec   what the shrinker may do with it (null for an unknown flag)
     * @param last   whether its flag token is the last token of the argv (matters for {@code -curved_det}, P6)
     */
    public record Occurrence(int index, String flag, List<String> args, FlagTable.Spec spec, boolean last) {
        /** The tokens as typed. */
        public List<String> tokens() {
            List<String> t = new ArrayList<>();
            if (flag != null) {
                t.add(flag);
            }
            t.addAll(args);
            return t;
        }

        /** The tokens as one string, e.g. {@code -phisteps 3}. */
        public String text() {
            return String.join(" ", tokens());
        }
    }

    private final List<String> argv;
    private final List<Occurrence> occurrences;

    private ArgvModel(List<String> argv, List<Occurrence> occurrences) {
        this.argv = List.copyOf(argv);
        this.occurrences = List.copyOf(occurrences);
    }

    /** Splits an argv. */
    public static ArgvModel parse(List<String> argv) {
        List<Occurrence> out = new ArrayList<>();
        int i = 0;
        int n = argv.size();
        List<String> loose = new ArrayList<>();
        while (i < n && !isFlag(argv.get(i))) {
            loose.add(argv.get(i++));
        }
        if (!loose.isEmpty()) {
            out.add(new Occurrence(0, null, List.copyOf(loose), null, false));
        }
        while (i < n) {
            String flag = argv.get(i);
            FlagTable.Spec spec = FlagTable.lookup(flag);
            int j = i + 1;
            List<String> args = new ArrayList<>();
            if (spec == null) {
                while (j < n && !isFlag(argv.get(j))) {
                    args.add(argv.get(j++));
                }
            } else if (spec.args() == FlagTable.CELL_ARGS) {
                while (j < n && args.size() < 6 && !argv.get(j).startsWith("-")) {
                    args.add(argv.get(j++));
                }
            } else {
                int k = spec.args() == FlagTable.MISSET_ARGS
                        ? (j < n && argv.get(j).contains("rand") ? 1 : 3) : spec.args();
                while (j < n && args.size() < k) {
                    args.add(argv.get(j++));
                }
            }
            while (j < n && !isFlag(argv.get(j))) {
                args.add(argv.get(j++));
            }
            out.add(new Occurrence(out.size(), flag, List.copyOf(args), spec, i == n - 1));
            i = j;
        }
        return new ArgvModel(argv, out);
    }

    /** A token upstream would test as a flag: starts with '-' and is not a number. */
    static boolean isFlag(String token) {
        return token.startsWith("-") && token.length() > 1 && !NUMBER.matcher(token).matches();
    }

    /** The argv parsed. */
    public List<String> argv() {
        return argv;
    }

    /** The occurrences in command-line order. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    /**
     * Rebuilds an argv: each occurrence in {@code replaced} is written as its replacement (an
     * empty list drops it), the others as typed; {@code prefix} goes first (flags without
     * arguments placed first never change the meaning of the others). A {@code -curved_det}
     * that was followed by a token but would now be last moves to the front, because upstream
     * ignores it as the last token (P6).
     */
    public List<String> build(Map<Integer, List<String>> replaced, List<String> prefix) {
        List<String> body = new ArrayList<>();
        List<String> front = new ArrayList<>(prefix);
        Occurrence lastCurved = null;
        for (Occurrence o : occurrences) {
            List<String> r = replaced.get(o.index());
            List<String> t = r != null ? r : o.tokens();
            body.addAll(t);
            if (r == null && "-curved_det".equals(o.flag()) && !o.last() && o.args().isEmpty()) {
                lastCurved = o;
            }
        }
        if (lastCurved != null && !body.isEmpty() && body.get(body.size() - 1).equals("-curved_det")) {
            body.remove(body.size() - 1);
            front.add(0, "-curved_det");
        }
        List<String> all = new ArrayList<>(front);
        all.addAll(body);
        return List.copyOf(all);
    }
}
