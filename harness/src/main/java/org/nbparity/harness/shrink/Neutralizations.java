package org.nbparity.harness.shrink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The elements a failing argv can be shrunk by (derived from the argv with {@link FlagTable}), and
 * the argv of any configuration of them.
 */
public final class Neutralizations {
    private final ArgvModel model;
    private final List<Element> elements;

    private Neutralizations(ArgvModel model, List<Element> elements) {
        this.model = model;
        this.elements = List.copyOf(elements);
    }

    /** Derives the elements of an argv. */
    public static Neutralizations of(List<String> argv) {
        ArgvModel m = ArgvModel.parse(argv);
        List<ArgvModel.Occurrence> occ = m.occurrences();
        boolean hasHkl = occ.stream().anyMatch(o -> "-hkl".equals(o.flag()));
        boolean hasDefaultF = occ.stream().anyMatch(o -> "-default_F".equals(o.flag()));
        Map<String, List<ArgvModel.Occurrence>> groups = new LinkedHashMap<>();
        List<Element> singles = new ArrayList<>();
        for (ArgvModel.Occurrence o : occ) {
            FlagTable.Spec s = o.spec();
            if (s == null || s.kind() == FlagTable.Kind.FIXED) {
                continue;
            }
            switch (s.kind()) {
                case DROP -> {
                    // without both, upstream has no structure factors at all (usage error)
                    if ("-hkl".equals(o.flag()) && !hasDefaultF || "-default_F".equals(o.flag()) && !hasHkl) {
                        continue;
                    }
                    singles.add(new Element(o.flag() + "@" + o.index(), "drop " + o.text(), List.of(o.index()),
                            Map.of(), List.of(), List.of(o.flag()), o.text(), -1, 0));
                }
                case COUNT -> {
                    Integer v = intArg(o);
                    if (v != null && v == s.neutral()) {
                        continue;
                    }
                    // -N... absent means 1 cell; -oversample absent means automatic, so it is set to 1
                    boolean drop = o.flag().startsWith("-N");
                    List<String> r = drop ? List.of() : List.of(o.flag(), Integer.toString(s.neutral()));
                    singles.add(new Element(o.flag() + "@" + o.index(), drop ? "drop " + o.text() : o.text() + " to " + s.neutral(),
                            List.of(o.index()), drop ? Map.of() : Map.of(o.index(), r), List.of(), List.of(o.flag()), o.text(),
                            v != null && v > s.neutral() ? o.index() : -1, s.neutral()));
                }
                case GROUP -> groups.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(o);
                default -> throw new IllegalStateException(s.kind().toString());
            }
        }
        List<Element> out = new ArrayList<>();
        List<Element> grouped = new ArrayList<>();
        for (Map.Entry<String, List<ArgvModel.Occurrence>> e : groups.entrySet()) {
            Element g = group(e.getKey(), e.getValue());
            if (g != null) {
                (e.getKey().equals(FlagTable.OUTPUTS) ? out : grouped).add(g);
            }
        }
        if (!groups.containsKey(FlagTable.OUTPUTS)) {
            out.add(group(FlagTable.OUTPUTS, List.of()));
        }
        if (!groups.containsKey("polar")) {
            grouped.add(group("polar", List.of()));
        }
        // outputs first: ddmin's first halves then drop what never matters to the float image
        List<Element> all = new ArrayList<>(out);
        List<Element> rest = new ArrayList<>(singles);
        rest.addAll(grouped);
        rest.sort((a, b) -> Integer.compare(first(a), first(b)));
        all.addAll(rest);
        all.removeIf(x -> x == null);
        return new Neutralizations(m, all);
    }

    private static int first(Element e) {
        return e.occurrences().isEmpty() ? Integer.MAX_VALUE : e.occurrences().get(0);
    }

    private static Element group(String id, List<ArgvModel.Occurrence> members) {
        FlagTable.Group g = FlagTable.group(id);
        List<String> names = new ArrayList<>(new LinkedHashSet<>(members.stream().map(ArgvModel.Occurrence::flag).toList()));
        String last = members.isEmpty() ? null : members.get(members.size() - 1).flag();
        switch (id) {
            case "polar" -> {
                if ("-nopolar".equals(last)) {
                    return null; // already off
                }
            }
            case "interpolate" -> {
                if (!"-interpolate".equals(last)) {
                    return null; // off or automatic already
                }
            }
            case "shape" -> {
                if (names.equals(List.of("-square_xtal"))) {
                    return null; // the default
                }
            }
            case FlagTable.OUTPUTS -> {
                if (names.contains("-nonoise") && names.contains("-nopgm") && names.size() == 2) {
                    return null;
                }
            }
            default -> {
            }
        }
        int count = -1;
        int neutral = 0;
        List<ArgvModel.Occurrence> counts = members.stream().filter(o -> o.spec().neutral() > 0).toList();
        if (counts.size() == 1) {
            Integer v = intArg(counts.get(0));
            if (v != null && v > counts.get(0).spec().neutral()) {
                count = counts.get(0).index();
                neutral = counts.get(0).spec().neutral();
            }
        }
        String text = members.isEmpty()
                ? ("polar".equals(id) ? "polarization on (no -nopolar)" : "defaults (no " + String.join(" ", g.prefix()) + ")")
                : String.join(" ", members.stream().map(ArgvModel.Occurrence::text).toList());
        if (members.isEmpty()) {
            names = new ArrayList<>();
        }
        return new Element(id, g.label(), members.stream().map(ArgvModel.Occurrence::index).toList(), Map.of(),
                g.prefix(), names, text, count, neutral);
    }

    private static Integer intArg(ArgvModel.Occurrence o) {
        if (o.args().isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(o.args().get(0));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The parsed argv. */
    public ArgvModel model() {
        return model;
    }

    /** The elements, in the order ddmin sees them. */
    public List<Element> elements() {
        return elements;
    }

    /**
     * The argv with only the elements {@code kept} (indices into {@link #elements()}) left as typed
     * and every other one neutralized; {@code overrides} rewrites occurrences of kept elements (a
     * lowered count, a replaced {@code -roi}), {@code extraPrefix} goes first.
     */
    public List<String> argv(List<Integer> kept, Map<Integer, List<String>> overrides, List<String> extraPrefix) {
        Set<Integer> keep = Set.copyOf(kept);
        Map<Integer, List<String>> replaced = new LinkedHashMap<>(overrides);
        Set<String> prefix = new LinkedHashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            if (keep.contains(i)) {
                continue;
            }
            Element e = elements.get(i);
            for (int o : e.occurrences()) {
                replaced.put(o, e.replacement().getOrDefault(o, List.of()));
            }
            prefix.addAll(e.prefix());
        }
        List<String> front = new ArrayList<>(prefix); // switch-off flags take no argument: no duplicates
        front.addAll(extraPrefix);
        return model.build(replaced, front);
    }
}
