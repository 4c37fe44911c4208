package org.nbparity.harness.cli;

import org.nbparity.harness.run.RunOptions;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.run.Progress;
import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.LoadedCase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nbparity run CASE...}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run cases (ids, id prefixes, or case .json paths); one evidence bundle per case under reports/.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CASE", description = "case id, id prefix (with --mode) or path to a case .json")
    List<String> cases;

    @Mixin
    RunMixin m;

    @Option(names = "--no-shrink", description = "on FAIL, do not shrink the case (by default a failing case is delta-debugged: shrink.json)")
    boolean noShrink;

    @Override
    public Integer call() throws Exception {
        m.validate(spec.commandLine());
        Path repo = NbParity.repoRoot();
        CaseRepository cr = new CaseRepository(repo);
        List<LoadedCase> loaded = new ArrayList<>();
        for (String c : cases) {
            loaded.add(cr.load(c, m.mode));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JavaSimulator java = m.java(repo);
        int fails = 0;
        boolean live = RunMixin.liveTerminal();
        if ("local".equals(m.backendName())) { // the docker build is a phase of the first case
            new Progress(err, "C side", false).accept("build (make -C c-reference)");
        }
        try (CBackend shared = m.shared(repo)) {
            for (int i = 0; i < loaded.size(); i++) {
                LoadedCase lc = loaded.get(i);
                RunOptions opt = m.options(repo, RunMixin.commandLine(repo, "run", List.of(lc.id()), m));
                Progress progress = RunMixin.progress(err, i + 1, loaded.size(), lc.id(), live, true);
                CaseRunner runner = new CaseRunner(opt, shared, java, progress).withReference(m.reference(repo));
                if (!noShrink) {
                    runner.shrinkOnFail(line -> {
                        err.println(line);
                        err.flush();
                    });
                }
                CaseRunner.Result r;
                try {
                    r = runner.run(lc, m.forCase(shared, lc, cr));
                    progress.accept("done: " + r.verdict());
                } finally {
                    progress.finish();
                }
                out.println(r.line());
                out.flush();
                if (!"PASS".equals(r.verdict())) {
                    fails++;
                }
            }
        }
        return fails == 0 ? 0 : NbParity.FAIL;
    }
}
