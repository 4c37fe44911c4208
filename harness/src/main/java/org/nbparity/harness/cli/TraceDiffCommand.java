package org.nbparity.harness.cli;

import org.nbparity.harness.backend.Candidate;
import org.nbparity.harness.bundle.TraceGate;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.TraceDiffMarkdown;
import org.nbparity.harness.trace.DialectSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nbparity trace-diff REF CAND}. */
@Command(name = "trace-diff", mixinStandardHelpOptions = true,
        description = "Compare two traces (protocol 1, golden TRACE_C or -printout_pixel, or the dialect a candidate description "
                + "names with --reference/--candidate) and name the first divergent record.",
        footer = "%nExit: 0 no divergence, 1 a record diverges (or nothing comparable), 2 usage (a dialect without loop"
                + " indices needs --case or --layout), 3 a file cannot be read.")
final class TraceDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF")
    Path ref;

    @Parameters(index = "1", paramLabel = "CAND")
    Path cand;

    @Option(names = "--case", paramLabel = "ID", description = "case whose loop layout names the records of a foreign dialect")
    String caseId;

    @Option(names = "--layout", arity = "5", paramLabel = "N",
            description = "loop layout instead of --case: thicksteps oversample sources phisteps mosaic_domains")
    int[] layout;

    @Option(names = "--reference", paramLabel = "FILE|NAME",
            description = "read REF in this candidate description's trace dialect (fixtures/candidates; default: detected)")
    String referenceSide;

    @Option(names = "--candidate", paramLabel = "FILE|NAME",
            description = "read CAND in this candidate description's trace dialect (default: detected)")
    String candidateSide;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {ref, cand}) {
            if (!Files.isRegularFile(p)) {
                throw new EnvironmentException("trace file not found: " + p);
            }
        }
        if (layout != null && caseId != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --case or --layout, not both");
        }
        Path repo = NbParity.repoRoot();
        ParityCase.Layout l = null;
        if (layout != null) {
            l = new ParityCase.Layout(layout[0], layout[1], layout[2], layout[3], layout[4]);
        } else if (caseId != null) {
            l = new CaseRepository(repo).load(caseId, null).data().trace().layout();
        }
        Thresholds th = Thresholds.loadFromRepo(repo);
        DialectSpec refDialect = dialect(repo, referenceSide, "--reference");
        DialectSpec candDialect = dialect(repo, candidateSide, "--candidate");
        TraceGate.Outcome o;
        try {
            o = TraceGate.compare(Files.readString(ref), Files.readString(cand), refDialect, candDialect, l, th);
        } catch (RuntimeException e) {
            throw new EnvironmentException("cannot parse the traces: " + e.getMessage());
        }
        if (o == null) {
            // the user's choice of flags, not the environment: a usage error (exit 2)
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "a trace is in a dialect without loop indices: give --case ID or --layout");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TraceDiffMarkdown.render(o.diff(), null));
        boolean ok = o.diff().firstDivergence() == null && o.diff().compared() > 0;
        return ok ? 0 : NbParity.FAIL;
    }

    /** The trace dialect of the description {@code side} names (null: none given, or it probes: detect). */
    private DialectSpec dialect(Path repo, String side, String option) {
        if (side == null) {
            return null;
        }
        try {
            return Candidate.load(repo, side).trace();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
