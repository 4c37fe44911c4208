package org.nbparity.harness.shrink;

import java.util.List;
import java.util.Map;

/**
 * One thing a failing argv can be without: a flag, or a group of flags that only make sense
 * together, with the change that neutralizes it.
 *
 * @param id          stable id, e.g. {@code mosaic} or {@code -phi@7}
 * @param label       the neutralization in words, e.g. "mosaic off", "drop -phi 0", "-N 5 to 1"
 * @param occurrences the flag occurrences (indices in the {@link ArgvModel}) it changes
 * @param replacement tokens written instead of an occurrence when neutralized (absent: dropped)
 * @param prefix      switch-off flags added at the front when neutralized
 * @param flags       the flag names involved, e.g. {@code [-osc, -phisteps]}
 * @param text        the flags as typed, e.g. {@code -osc 0.3 -phisteps 3}
 * @param count       occurrence index of the one integer count that may be lowered to find the
 *                    smallest failing value, or -1
 * @param neutral     the neutral value of that count (1)
 */
public record Element(String id, String label, List<Integer> occurrences, Map<Integer, List<String>> replacement,
                      List<String> prefix, List<String> flags, String text, int count, int neutral) {
}
