package org.nbparity.harness.cli;

import org.nbparity.harness.bundle.TraceDiffLite;
import org.nbparity.harness.cases.Canonical;
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
        description = "Compare two trace files (TRACE_<IMPL>: lines) and name the first divergent record.",
        footer = "%nExit: 0 no divergence, 1 a record diverges, 3 a file cannot be read.")
final class TraceDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF")
    Path ref;

    @Parameters(index = "1", paramLabel = "CAND")
    Path cand;

    @Option(names = "--max-ulp", paramLabel = "N", description = "ULP budget for doubles (default: trace.default.max_ulp of fixtures/thresholds.json)")
    Long maxUlp;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {ref, cand}) {
            if (!Files.isRegularFile(p)) {
                throw new EnvironmentException("trace file not found: " + p);
            }
        }
        long budget = maxUlp != null ? maxUlp
                : Canonical.read(NbParity.repoRoot().resolve("fixtures/thresholds.json")).path("trace").path("default").path("max_ulp").asLong(16);
        TraceDiffLite.Result r = TraceDiffLite.diff(Files.readString(ref), Files.readString(cand), budget);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("records: ref %d, cand %d, aligned %d, differing %d%n", r.refRecords(), r.candRecords(), r.aligned(), r.differing());
        if (r.first() == null) {
            out.println(r.aligned() == 0 ? "no common records" : "no divergence");
            return r.aligned() == 0 ? NbParity.FAIL : 0;
        }
        out.printf("first divergence: %s (ref line %d, cand line %d): %s%n", r.first().get("record").asText(),
                r.first().get("ref_line").asInt(), r.first().get("cand_line").asInt(), r.first().get("why").asText());
        return NbParity.FAIL;
    }
}
