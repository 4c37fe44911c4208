package org.nbparity.harness.cli;

import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.backend.RunDirs;
import org.nbparity.harness.cases.CaseRepository;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.run.CaseRunner;
import org.nbparity.harness.run.RunOptions;
import org.nbparity.harness.shrink.ProbeRunner;
import org.nbparity.harness.shrink.ShrinkResult;
import org.nbparity.harness.shrink.Shrinker;
import org.nbparity.harness.thresholds.Thresholds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nbparity shrink CASE}: delta-debugs a failing case down to a minimal failing argv and its needs. */
@Command(name = "shrink", mixinStandardHelpOptions = true,
        description = "Shrink a failing case while it still fails (image gates only, no traces): drop or neutralize "
                + "flags and flag groups (ddmin), narrow to the divergent pixels with -roi, then check each remaining "
                + "flag alone. Prints the minimal failing argv and the flags it needs; one progress line per probe on stderr.",
        footer = "%nExit: 0 the case passes (nothing to shrink), 1 shrunk (the case fails), 2 usage, "
                + "3 environment (the original argv cannot be run).")
final class ShrinkCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "case id, id prefix (with --mode) or path to a case .json")
    String caseArg;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the result as shrink.json to FILE")
    Path outFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2", description = "probes at the same time (default ${DEFAULT-VALUE})")
    int parallel;

    @Mixin
    RunMixin m;

    @Override
    public Integer call() throws Exception {
        m.validate(spec.commandLine());
        if ("recorded".equals(m.backendName())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "shrink needs a live C backend (docker, local or prebuilt): a recorded oracle holds only the case's own argv");
        }
        if (m.reports != null || m.signKey != null || m.probeThreads > 0 || m.probeTrace) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reports, --sign-key, --probe-threads and --probe-trace are not used by shrink (it writes no bundle)");
        }
        if (parallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be positive");
        }
        Path repo = NbParity.repoRoot();
        LoadedCase lc = new CaseRepository(repo).load(caseArg, m.mode);
        ParityCase pc = lc.data();
        Map<String, Path> inputs = CaseRunner.checkedInputs(repo, lc);
        Thresholds th = CaseRunner.thresholds(repo, pc);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunOptions opt = m.options(repo, "");
        JavaSimulator java = m.java(repo);
        Path work = Files.createTempDirectory("nbparity-shrink-");
        ShrinkResult r;
        try (CBackend c = m.shared(repo)) {
            r = Shrinker.forCase(new ProbeRunner.Setup(pc, inputs, c, java, opt.cTakesMode(), th, opt.timeout(),
                    m.threads, opt.ompThreads(), work), parallel, line -> {
                        err.println(line);
                        err.flush();
                    }, null);
        } finally {
            RunDirs.remove(work);
        }
        if (outFile != null) {
            Path abs = outFile.toAbsolutePath();
            Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
            Files.writeString(tmp, Canonical.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r.toJson()) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if ("error".equals(r.outcome())) {
            err.println("nbparity: " + r.message());
            err.flush();
            return NbParity.ENV;
        }
        out.printf(Locale.ROOT, "shrink %s: %s, %d probes in %.1f s%n", pc.id(), r.outcome(), r.probes(),
                r.seconds());
        if (r.message() != null) {
            out.println(r.message());
        }
        if ("shrunk".equals(r.outcome())) {
            out.println("minimal failing argv: " + String.join(" ", r.minimalArgv()));
            out.println("needs: " + r.needsText());
        }
        out.flush();
        return "shrunk".equals(r.outcome()) ? NbParity.FAIL : 0;
    }
}
