package org.nbparity.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.bundle.BundleWriter;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.metrics.GradCheckLadders;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.thresholds.GradCheckGates;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.cli.GradCheck;
import org.nbparity.sim.config.DerivParam;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code nbparity gradcheck CASE --params NAME[,NAME...]} (issue 18 item 4): the simulator's
 * derivative images of a case against a ladder of central differences of its forward value
 * ({@code org.nbparity.sim.cli.GradCheck}, in process), one evidence bundle with the ladder table
 * (stored output {@code gradcheck/ladder.tsv}, from which {@code verify} recomputes the gates),
 * a summary table, the log-log picture {@code png/gradcheck.png} and the log; the gates and the
 * ladders come from the thresholds file's {@code gradcheck} section.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check the simulator's derivative images (-deriv) of a case against central differences; "
                + "one evidence bundle under reports/.",
        footer = "%nExit: 0 every gate passes, 1 a gate fails, 2 usage (unknown parameter, one the case has no "
                + "derivative for), 3 environment.")
final class GradCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "case id, id prefix (with --mode) or path to a case .json")
    String caseRef;

    @Option(names = "--params", required = true, split = ",", paramLabel = "NAME",
            description = "parameters: misset_x misset_y misset_z cell_a cell_b cell_c N distance fluence default_F")
    List<String> params;

    @Option(names = "--mode", paramLabel = "MODE", description = "compat or fixed (picks the case variant)")
    String mode;

    @Option(names = "--reports", paramLabel = "DIR", description = "where the bundle goes (default: reports/)")
    Path reports;

    @Option(names = "--thresholds", paramLabel = "FILE", description = "thresholds file (default: the case's)")
    Path thresholds;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM) to sign the bundle's attestations")
    Path signKey;

    @Override
    public Integer call() throws Exception {
        List<DerivParam> ps = new ArrayList<>();
        try {
            for (String p : params) {
                for (DerivParam d : DerivParam.parseList(p)) {
                    if (ps.contains(d)) {
                        throw new UsageException("--params: parameter '" + d.label() + "' given twice");
                    }
                    if (d == DerivParam.FLUENCE || d == DerivParam.DEFAULT_F) {
                        // V is linear in the fluence and quadratic in default_F: a central
                        // difference is exact, there is no h^2 ladder to fit
                        throw new UsageException("--params: " + d.label() + " has a closed form (the image is "
                                + (d == DerivParam.FLUENCE ? "linear in it" : "quadratic in it")
                                + ", central differences are exact): checked by the simulator's DerivativeImageTest");
                    }
                    ps.add(d);
                }
            }
        } catch (UsageException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("-deriv:", "--params:"));
        }
        Path repo = NbParity.repoRoot();
        CaseRepository cr = new CaseRepository(repo);
        LoadedCase lc = cr.load(caseRef, mode);
        ParityCase pc = lc.data();
        Path thrFile = thresholds != null ? thresholds
                : repo.resolve(pc.thresholds() != null ? pc.thresholds() : Thresholds.REPO_PATH);
        Thresholds th;
        try {
            th = Thresholds.parse(Files.readAllBytes(thrFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new EnvironmentException("thresholds: " + e.getMessage());
        }
        GradCheckGates gg = th.gradcheck();
        if (gg == null) {
            throw new EnvironmentException("thresholds: " + thrFile + " has no gradcheck section");
        }
        Map<String, Path> inputs = CaseRunner.checkedInputs(repo, lc);
        List<String> argv = new ArrayList<>(List.of("-mode", pc.mode()));
        argv.addAll(pc.argv());
        PrintWriter err = spec.commandLine().getErr();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                logBytes.write(b);
                err.write(b);
            }

            @Override
            public void flush() {
                err.flush();
            }
        }, true, StandardCharsets.UTF_8);
        List<GradCheck.Ladder> ladders = new ArrayList<>();
        Path work = Files.createTempDirectory("nbparity-gradcheck");
        try {
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                Files.copy(in.getValue(), work.resolve(in.getKey()));
            }
            for (DerivParam p : ps) {
                double[] steps = gg.stepsFor(p.label()).stream().mapToDouble(Double::doubleValue).toArray();
                try {
                    ladders.add(GradCheck.ladder(argv, p, steps, gg.braggFractionOfMax(), work, log));
                } catch (UsageException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--params: " + pc.id() + ": " + e.getMessage());
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        List<Gate> gates = new ArrayList<>();
        for (GradCheck.Ladder l : ladders) {
            gates.addAll(GradCheckLadders.gates(l.param().label(), l.rungs(), gg));
        }
        String verdict = Gate.verdict(gates);
        Path dir = writeBundle(repo, lc, thrFile, th, ladders, gates, verdict, logBytes.toString(StandardCharsets.UTF_8));
        PrintWriter out = spec.commandLine().getOut();
        for (GradCheck.Ladder l : ladders) {
            out.printf(Locale.ROOT, "%s %-9s best %.3e  slope %.3f  r %.6f  (%d Bragg pixels)%n", pc.id(),
                    l.param().label(), l.bestRelError(), l.slope(), l.r(), l.braggPixels());
        }
        String rel = repo.relativize(dir.toAbsolutePath()).toString();
        out.println(verdict + " " + pc.id() + " gradcheck " + (rel.startsWith("..") ? dir : rel));
        out.flush();
        return "PASS".equals(verdict) ? 0 : NbParity.FAIL;
    }

    private Path writeBundle(Path repo, LoadedCase lc, Path thrFile, Thresholds th, List<GradCheck.Ladder> ladders,
                             List<Gate> gates, String verdict, String log) throws Exception {
        ParityCase pc = lc.data();
        Path out = reports != null ? reports : repo.resolve("reports");
        try (BundleWriter w = BundleWriter.start(out, pc.id() + "_gradcheck", lc.hash8(), Instant.now())) {
            w.bytes("case.json", lc.canonical().getBytes(StandardCharsets.UTF_8));
            w.copy(thrFile, "thresholds.json");
            Path table = Files.createTempFile("nbparity-ladder", ".tsv");
            try {
                Files.writeString(table, GradCheckLadders.tsv(ladders));
                w.output(table, GradCheckLadders.TABLE);
            } finally {
                Files.deleteIfExists(table);
            }
            ObjectNode m = Canonical.MAPPER.createObjectNode();
            m.put("schema", "nbparity-gradcheck");
            m.put("version", 1);
            m.put("case_id", pc.id());
            m.put("mode", pc.mode());
            m.put("verdict", verdict);
            ArrayNode ga = m.putArray("gates");
            gates.forEach(g -> ga.add(g.toJson()));
            ArrayNode la = m.putArray("ladders");
            for (GradCheck.Ladder l : ladders) {
                ObjectNode o = la.addObject();
                o.put("param", l.param().label());
                o.put("unit", l.param().unit());
                o.put("value", l.value());
                o.put("bragg_pixels", l.braggPixels());
                o.put("derivative_l2_on_bragg_pixels", l.derivNorm());
                o.put("slope", l.slope());
                o.put("r", l.r());
                o.put("best_rel_error", l.bestRelError());
                o.put("rungs_fitted", l.fitted());
                ArrayNode rs = o.putArray("rungs");
                l.rungs().forEach(r -> rs.addObject().put("h", r.h()).put("rel_error", r.relError()));
            }
            m.put("thresholds_sha256", th.sha256());
            w.json("metrics.json", m);
            w.text("summary.md", summary(pc, verdict, ladders, gates));
            w.text("gradcheck.log", log);
            w.text("commands.txt", "bin/nbparity gradcheck " + pc.id() + " --params "
                    + String.join(",", ladders.stream().map(l -> l.param().label()).toList()) + "\n");
            w.bytes("png/gradcheck.png", GradCheckLadders.plot(ladders,
                    "gradcheck " + pc.id() + ": ||CD - D|| / ||D|| on Bragg pixels"));
            // the attestations (test-result and parity statements) are made from metrics.json, as for a run
            java.security.PrivateKey key = null;
            java.security.PublicKey pub = null;
            if (signKey != null) {
                try {
                    key = org.nbparity.harness.bundle.Signer.readPrivate(signKey);
                    pub = org.nbparity.harness.bundle.Signer.publicFor(signKey);
                } catch (java.security.GeneralSecurityException | IOException e) {
                    throw new EnvironmentException("cannot read signing key " + signKey + ": " + e.getMessage());
                }
            }
            return w.seal(key, pub);
        }
    }

    static String summary(ParityCase pc, String verdict, List<GradCheck.Ladder> ladders, List<Gate> gates) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(verdict).append(" gradcheck ").append(pc.id()).append(" (").append(pc.mode()).append(")\n\n");
        b.append("Derivative images (nanobragg -deriv) against central differences (V(p+h) - V(p-h))/2h of the ")
                .append("forward value in double; relative L2 error over the Bragg pixels.\n\n");
        b.append("| parameter | unit | value | h | relative error |\n|---|---|---|---|---|\n");
        for (GradCheck.Ladder l : ladders) {
            for (GradCheck.Rung r : l.rungs()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %.9g | %.3g | %.3e |%n", l.param().label(),
                        l.param().unit(), l.value(), r.h(), r.relError()));
            }
        }
        b.append("\n| parameter | Bragg pixels | rungs fitted | slope | r | best |\n|---|---|---|---|---|---|\n");
        for (GradCheck.Ladder l : ladders) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %.7f | %.3e |%n", l.param().label(),
                    l.braggPixels(), l.fitted(), l.slope(), l.r(), l.bestRelError()));
        }
        b.append("\n| gate | value | limit | result |\n|---|---|---|---|\n");
        for (Gate g : gates) {
            b.append(String.format(Locale.ROOT, "| %s | %.6g | %s %.6g | %s |%n", g.name(), g.value(),
                    g.kind().equals("min") ? ">=" : "<=", g.limit(), g.pass() ? "pass" : "FAIL"));
        }
        return b.toString();
    }
}
