package org.nbparity.harness.cases;

import org.junit.jupiter.api.Test;
import org.nbparity.harness.testkit.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every flag of the flag table in {@code ../shared/spec/cli-flags.md} (section 3) must appear in
 * the argv of some case of the {@code flags} suite, or be listed in the suite's {@code rejected}
 * map with a reason. A flag written with a trailing ellipsis ({@code -mosaic_dom…}) is a prefix.
 */
class FlagCoverageTest {
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    static List<String> flagsOfTable(String md) {
        int from = md.indexOf("## 3. Flag table");
        int to = md.indexOf("## 4.", from);
        assertTrue(from >= 0 && to > from, "cli-flags.md: section 3 not found");
        Set<String> names = new LinkedHashSet<>();
        for (String line : md.substring(from, to).split("\n")) {
            if (!line.startsWith("| `-")) {
                continue;
            }
            Matcher m = CODE.matcher(line.split("\\|")[1]);
            while (m.find()) {
                String tok = m.group(1).trim().split("\\s+")[0];
                if (tok.startsWith("-")) {
                    names.add(tok);
                }
            }
        }
        return new ArrayList<>(names);
    }

    static boolean covered(String flag, Set<String> tokens) {
        if (flag.endsWith("…")) {
            String prefix = flag.substring(0, flag.length() - 1);
            return tokens.stream().anyMatch(t -> t.startsWith(prefix) && t.length() > prefix.length());
        }
        return tokens.contains(flag);
    }

    @Test
    void everyFlagIsCoveredOrRejectedWithAReason() throws Exception {
        Path spec = TestEnv.requireShared("spec/cli-flags.md");
        List<String> flags = flagsOfTable(Files.readString(spec));
        assertTrue(flags.size() >= 140, "parsed only " + flags.size() + " flags from the table");
        CaseRepository repo = new CaseRepository(TestEnv.repo());
        Suite suite = repo.loadSuite("flags");
        Set<String> tokens = new LinkedHashSet<>();
        for (String id : suite.cases()) {
            tokens.addAll(repo.load(id, null).data().argv());
        }
        Map<String, String> rejected = suite.rejected();
        List<String> missing = new ArrayList<>();
        for (String f : flags) {
            if (covered(f, tokens)) {
                continue;
            }
            String why = rejected.get(f);
            if (why == null || why.isBlank()) {
                missing.add(f);
            }
        }
        assertEquals(List.of(), missing, "flags neither covered by the flags suite nor rejected with a reason");
        for (Map.Entry<String, String> r : rejected.entrySet()) {
            assertTrue(flags.contains(r.getKey()), "rejected flag not in the table: " + r.getKey());
            assertFalse(r.getValue().isBlank(), "rejected flag without a reason: " + r.getKey());
        }
    }

    @Test
    void theCheckCanFail() {
        String md = "## 3. Flag table\n| `-foo` x | sub |\n| `-bar…` n | sub |\n| `-baz`, `-qux` y | sub |\n## 4. next\n";
        List<String> flags = flagsOfTable(md);
        assertEquals(List.of("-foo", "-bar…", "-baz", "-qux"), flags);
        Set<String> tokens = Set.of("-foo", "-barbell", "-qux", "1");
        assertTrue(covered("-foo", tokens));
        assertTrue(covered("-bar…", tokens));
        assertFalse(covered("-baz", tokens));
        assertFalse(covered("-bar…", Set.of("-bar")));
    }
}
