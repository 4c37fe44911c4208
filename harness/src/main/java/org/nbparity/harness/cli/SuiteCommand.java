package org.nbparity.harness.cli;

import org.nbparity.harness.run.RunOptions;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.run.Progress;
import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.cases.CaseException;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.ExpectedVerdicts;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.Suite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nbparity suite SUITE}: runs every case of a suite and compares each verdict with the
 * committed expected verdict. A flip in either direction fails the suite; expected failures are
 * printed as KNOWN-FAIL on every run.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Run a suite (fixtures/suites/<name>.json or a path) and compare verdicts with fixtures/expected/.",
        footer = "%nExit: 0 every verdict as expected, 1 a verdict flipped (either way), 3 a case could not run.")
final class SuiteCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE")
    String suite;

    @Mixin
    RunMixin m;

    /** Outcome of one case of a suite. */
    record Row(String caseId, String expected, String got, String status, String detail) {
    }

    @Override
    public Integer call() throws Exception {
        m.validate(spec.commandLine());
        Path repo = NbParity.repoRoot();
        CaseRepository cr = new CaseRepository(repo);
        Suite s = cr.loadSuite(suite);
        ExpectedVerdicts ev = cr.loadExpected(s);
        for (String id : s.cases()) {
            if (ev.verdicts() == null || !ev.verdicts().containsKey(id)) {
                throw new CaseException("no expected verdict for case " + id + " in " + s.expected());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean live = RunMixin.liveTerminal();
        JavaSimulator java = m.java(repo);
        List<Row> rows = new ArrayList<>();
        try (CBackend shared = m.shared(repo)) {
            for (int i = 0; i < s.cases().size(); i++) {
                String id = s.cases().get(i);
                String expected = ev.verdicts().get(id).verdict();
                if (!live) {
                    err.println("[" + (i + 1) + "/" + s.cases().size() + "] " + id);
                    err.flush();
                }
                Progress progress = RunMixin.progress(err, i + 1, s.cases().size(), id, live, false);
                try {
                    LoadedCase lc = cr.load(id, null);
                    RunOptions opt = m.options(repo, RunMixin.commandLine(repo, "run", List.of(lc.id()), m));
                    CaseRunner.Result r = new CaseRunner(opt, shared, java, progress).withReference(m.reference(repo)).run(lc, m.forCase(shared, lc, cr));
                    rows.add(row(id, expected, r.verdict(), r.bundle().getFileName().toString()));
                } catch (BackendException | CaseException | IOException e) {
                    rows.add(new Row(id, expected, "ERROR", "ERROR", e.getMessage()));
                } finally {
                    progress.finish();
                }
            }
        }
        return report(s, rows, out);
    }

    static Row row(String id, String expected, String got, String detail) {
        String status;
        if (got.equals(expected)) {
            status = "FAIL".equals(got) ? "KNOWN-FAIL" : "ok";
        } else {
            status = "FLIP";
        }
        return new Row(id, expected, got, status, detail);
    }

    static int report(Suite s, List<Row> rows, PrintWriter out) {
        int flips = 0;
        int errors = 0;
        int known = 0;
        for (Row r : rows) {
            out.printf("%-10s %-48s expected %-4s got %-5s %s%n", r.status(), r.caseId(), r.expected(), r.got(), r.detail());
            if (r.status().equals("FLIP")) {
                flips++;
            } else if (r.status().equals("ERROR")) {
                errors++;
            } else if (r.status().equals("KNOWN-FAIL")) {
                known++;
            }
        }
        out.printf("suite %s: %d cases, %d as expected (%d known failures), %d flipped, %d could not run%n",
                s.id(), rows.size(), rows.size() - flips - errors, known, flips, errors);
        out.flush();
        if (errors > 0) {
            return NbParity.ENV;
        }
        return flips > 0 ? NbParity.FAIL : 0;
    }
}
