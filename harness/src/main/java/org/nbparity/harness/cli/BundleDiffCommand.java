package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nbparity.harness.bundle.Attestations;
import org.nbparity.harness.bundle.Manifest;
import org.nbparity.harness.bundle.StoredOutputs;
import org.nbparity.harness.bundle.TrustedKeys;
import org.nbparity.harness.cases.Canonical;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code nbparity bundle-diff A B}. */
@Command(name = "bundle-diff", mixinStandardHelpOptions = true,
        description = "Compare two bundles: case, verdict, every gate, sign-offs, environment, and which stored files differ.",
        footer = "%nExit: 0 same verdict and same result for every gate, 1 otherwise, 3 a bundle cannot be read.")
final class BundleDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A")
    Path a;

    @Parameters(index = "1", paramLabel = "B")
    Path b;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {a, b}) {
            if (!Files.isRegularFile(p.resolve("metrics.json")) || !Files.isRegularFile(p.resolve(Manifest.FILE))) {
                throw new EnvironmentException("not a bundle: " + p);
            }
        }
        JsonNode ma = Canonical.read(a.resolve("metrics.json"));
        JsonNode mb = Canonical.read(b.resolve("metrics.json"));
        PrintWriter out = spec.commandLine().getOut();
        boolean same = true;
        out.printf("case     %s | %s%s%n", ma.path("case_id").asText(), mb.path("case_id").asText(),
                ma.path("case_sha256").equals(mb.path("case_sha256")) ? " (same case hash)" : " (case hashes differ)");
        out.printf("backend  %s | %s%n", ma.path("c_backend").asText(), mb.path("c_backend").asText());
        String va = ma.path("verdict").asText();
        String vb = mb.path("verdict").asText();
        out.printf("verdict  %s | %s%s%n", va, vb, va.equals(vb) ? "" : "  <-- differs");
        same &= va.equals(vb);
        TreeSet<String> names = new TreeSet<>();
        ma.path("gates").forEach(g -> names.add(g.path("name").asText()));
        mb.path("gates").forEach(g -> names.add(g.path("name").asText()));
        for (String n : names) {
            JsonNode ga = gate(ma, n);
            JsonNode gb = gate(mb, n);
            String sa = ga == null ? "-" : ga.path("value").asText() + (ga.path("pass").asBoolean() ? " pass" : " FAIL");
            String sb = gb == null ? "-" : gb.path("value").asText() + (gb.path("pass").asBoolean() ? " pass" : " FAIL");
            boolean eq = ga != null && gb != null && ga.path("pass").equals(gb.path("pass"));
            same &= eq;
            out.printf("gate     %-40s %s | %s%s%n", n, sa, sb, eq ? "" : "  <-- differs");
        }
        JsonNode fa = ma.path("first_divergence");
        JsonNode fb = mb.path("first_divergence");
        out.printf("first divergence  %s | %s%n", fa.isNull() ? "none" : fa.path("record_name").asText(),
                fb.isNull() ? "none" : fb.path("record_name").asText());
        // sign-offs as the bundles record them (verify checks their signatures against trusted keys)
        out.printf("sign-off %s | %s%n", signOffs(a), signOffs(b));
        Map<String, String> ha = Manifest.parse(Files.readString(a.resolve(Manifest.FILE)));
        Map<String, String> hb = Manifest.parse(Files.readString(b.resolve(Manifest.FILE)));
        TreeSet<String> files = new TreeSet<>(ha.keySet());
        files.addAll(hb.keySet());
        int differing = 0;
        for (String f : files) {
            if (!java.util.Objects.equals(ha.get(f), hb.get(f))) {
                differing++;
                out.printf("file     %s %s%n", f, ha.get(f) == null ? "only in B" : hb.get(f) == null ? "only in A" : "differs");
            }
        }
        out.printf("%d of %d files differ%n", differing, files.size());
        // the program outputs by what they hold (stored.json), whichever file stores them
        Map<String, String> oa = outputs(a);
        Map<String, String> ob = outputs(b);
        TreeSet<String> logical = new TreeSet<>(oa.keySet());
        logical.addAll(ob.keySet());
        int outDiff = 0;
        for (String f : logical) {
            if (!java.util.Objects.equals(oa.get(f), ob.get(f))) {
                outDiff++;
                out.printf("output   %s %s%n", f, oa.get(f) == null ? "only in B" : ob.get(f) == null ? "only in A" : "differs");
            }
        }
        out.printf("%d of %d outputs differ in content%n", outDiff, logical.size());
        return same ? 0 : NbParity.FAIL;
    }

    /** Logical output path -> sha256 of its content (empty for a bundle without stored.json). */
    private static Map<String, String> outputs(Path bundle) throws java.io.IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        for (StoredOutputs.Entry e : StoredOutputs.Reader.open(bundle).entries()) {
            m.put(e.path(), e.sha256());
        }
        return m;
    }

    /** "NAME decision, ..." of a bundle's sign-offs, or "none". */
    private static String signOffs(Path bundle) throws java.io.IOException {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (Attestations.SignOff s : Attestations.signOffs(bundle, TrustedKeys.none())) {
            l.add(s.reviewer() + " " + s.decision());
        }
        return l.isEmpty() ? "none" : String.join(", ", l);
    }

    private static JsonNode gate(JsonNode m, String name) {
        for (JsonNode g : m.path("gates")) {
            if (g.path("name").asText().equals(name)) {
                return g;
            }
        }
        return null;
    }
}
