package org.nbparity.harness.cli;

import org.nbparity.harness.run.RunOptions;
import org.nbparity.harness.run.CaseRunner;
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
        try (CBackend shared = m.shared(repo)) {
            for (int i = 0; i < loaded.size(); i++) {
                LoadedCase lc = loaded.get(i);
                RunOptions opt = m.options(repo, RunMixin.commandLine(repo, "run", List.of(lc.id()), m));
                if (loaded.size() > 1 && !live) {
                    err.println("[" + (i + 1) + "/" + loaded.size() + "] " + lc.id());
                    err.flush();
                }
                CaseRunner runner = new CaseRunner(opt, shared, java,
                        RunMixin.progress(err, i + 1, loaded.size(), lc.id(), live && loaded.size() > 1));
                if (!noShrink) {
                    runner.shrinkOnFail(line -> {
                        err.println(line);
                        err.flush();
                    });
                }
                CaseRunner.Result r;
                try {
                    r = runner.run(lc, m.forCase(shared, lc, cr));
                } finally {
                    if (live && loaded.size() > 1) {
                        err.print("\r\033[K");
                        err.flush();
                    }
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
