package org.nbparity.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.Candidate;
import org.nbparity.harness.backend.CandidateBackend;
import org.nbparity.harness.backend.CRun;
import org.nbparity.harness.backend.CRunRequest;
import org.nbparity.harness.backend.DockerBackend;
import org.nbparity.harness.backend.ExecBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.backend.RecordedBackend;
import org.nbparity.harness.backend.RunDirs;
import org.nbparity.harness.backend.TraceProbe;
import org.nbparity.harness.bundle.BundleWriter;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.bundle.IndexPage;
import org.nbparity.harness.bundle.Signer;
import org.nbparity.harness.bundle.StoredOutputs;
import org.nbparity.harness.bundle.TraceGate;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.RegionMetrics;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.metrics.NativeComparison;
import org.nbparity.harness.metrics.Pictures;
import org.nbparity.harness.metrics.Window;
import org.nbparity.harness.shrink.ProbeResult;
import org.nbparity.harness.shrink.ProbeRunner;
import org.nbparity.harness.shrink.ShrinkResult;
import org.nbparity.harness.shrink.Shrinker;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.ScaleForensics;
import org.nbparity.harness.trace.StdoutRecords;
import org.nbparity.harness.trace.DialectSpec;
import org.nbparity.harness.trace.TraceDialect;
import org.nbparity.harness.trace.ScaleForensicsResult;
import org.nbparity.harness.trace.Trace;
import org.nbparity.harness.trace.TraceDiffMarkdown;
import org.nbparity.harness.trace.TraceDiffResult;
import org.nbparity.harness.cases.CaseException;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.cases.LoadedCase;
import org.nbparity.harness.cases.ParityCase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one case end to end: the C side (through a {@link CBackend}), the Java simulator as a
 * subprocess, one separate traced run per trace pixel on each side, optional determinism probes;
 * then computes the gates and writes the evidence bundle. Any environment failure aborts the
 * bundle (nothing half-written stays) and surfaces as a {@link BackendException} or
 * {@link CaseException}.
 */
public final class CaseRunner {
    /** metrics.json schema name. */
    public static final String METRICS_SCHEMA = "nbparity-metrics";
    /** metrics.json schema version. */
    public static final int METRICS_VERSION = 2; // 2: one image block per region, no image_analysis, stored.json

    /**
     * Result of one case.
     *
     * @param caseId  the case
     * @param verdict PASS or FAIL
     * @param bundle  the sealed bundle
     * @param line    one-line summary
     */
    public record Result(String caseId, String verdict, Path bundle, String line) {
    }

    private final RunOptions opt;
    private final CBackend c;
    private final JavaSimulator java;
    private final Consumer<String> progress;
    /** Progress lines of the shrink on FAIL, or null: no shrink. */
    private Consumer<String> shrinkLog;
    /** Provenance of the first C run: a container run's command is rebuilt from its content tag. */
    private Map<String, String> cProvenance = Map.of();
    /** The renders of the current case, C and Java, all started ahead (closed after the case). */
    private RenderPool renders;
    /** The reference side's description; null: the C side as today ({@link Candidate#cSide}). */
    private Candidate reference;

    public CaseRunner(RunOptions opt, CBackend c, JavaSimulator java, Consumer<String> progress) {
        this.opt = opt;
        this.c = c;
        this.java = java;
        this.progress = progress;
    }

    /**
     * On FAIL, shrink the case by experiment before sealing (shrink.json and a summary section),
     * logging each probe to {@code log}; null turns it off.
     */
    public CaseRunner shrinkOnFail(Consumer<String> log) {
        this.shrinkLog = log;
        return this;
    }

    /**
     * The reference side's description ({@code --reference}): its project flags, dtype and trace
     * dialect; its program is the C backend given to {@link #run} (a command reference comes as a
     * {@link org.nbparity.harness.backend.CandidateBackend}). Null: the C side as today.
     */
    public CaseRunner withReference(Candidate ref) {
        this.reference = ref;
        return this;
    }

    /** The reference's description (the C side as today unless given). */
    private Candidate reference() {
        return reference != null ? reference : Candidate.cSide(opt.cTakesMode());
    }

    /** Runs the case and writes its bundle. */
    public Result run(LoadedCase lc, CBackend backendForCase) throws BackendException, CaseException, IOException {
        ParityCase pc = lc.data();
        CBackend cb = backendForCase != null ? backendForCase : c;
        Map<String, Path> inputs = checkedInputs(opt.repo(), lc);
        Path thrFile = opt.repo().resolve(pc.thresholds());
        Thresholds thresholds = thresholds(opt.repo(), pc);
        PrivateKey key = null;
        PublicKey pub = null;
        if (opt.signKey() != null) {
            try {
                key = Signer.readPrivate(opt.signKey());
                pub = Signer.publicFor(opt.signKey());
            } catch (GeneralSecurityException | IOException e) {
                throw new CaseException("cannot use signing key " + opt.signKey() + ": " + e.getMessage());
            }
        }
        Path work = Files.createTempDirectory("nbparity-run-");
        BundleWriter w = BundleWriter.start(opt.reports(), pc.id(), lc.hash8(), Instant.now());
        try {
            Result r = runInto(lc, cb, inputs, thresholds, thrFile, work, w, key, pub);
            IndexPage.write(opt.reports());
            return r;
        } catch (GeneralSecurityException e) {
            throw new CaseException("signing failed: " + e.getMessage());
        } finally {
            if (renders != null) {
                renders.close();
                renders = null;
            }
            w.abort();
            RunDirs.remove(work);
        }
    }

    private Result runInto(LoadedCase lc, CBackend cb, Map<String, Path> inputs, Thresholds th, Path thrFile,
                           Path work, BundleWriter w, PrivateKey key, PublicKey pub)
            throws BackendException, IOException, GeneralSecurityException, CaseException {
        ParityCase pc = lc.data();
        String ff = pc.image().floatFile();
        List<String> commands = new ArrayList<>();
        commands.add(opt.commandLine());
        cProvenance = Map.of();
        List<Gate> gates = new ArrayList<>();
        ObjectNode metrics = Canonical.MAPPER.createObjectNode();
        ArrayNode traceInfo = Canonical.MAPPER.createArrayNode();
        ObjectNode probes = Canonical.MAPPER.createObjectNode();
        int n = 0;

        if (cb instanceof DockerBackend d) {
            progress.accept("build C image");
            d.image();
        }
        boolean recorded = cb instanceof RecordedBackend;
        // what the C can tell about a pixel, asked first (a 4x4 run, probed once per binary and
        // cached by its digest) so that every render of the case can start at once; a recorded
        // oracle tells what it stored
        TraceProbe.Result probe = null;
        Candidate ref = reference();
        if (!recorded && "probe".equals(ref.trace().format())) {
            progress.accept("probe: C trace dialect");
            probe = TraceProbe.probe(cb, a -> cArgv(pc, a), work.resolve("probe"), opt.ompThreads(), opt.timeout());
        }
        // each side's dialect: the reference's as described or probed (a recorded oracle's stored
        // traces are detected: null), the candidate's as described; a project program facing a
        // printout reference prints the same printout block (like for like, same formats)
        DialectSpec refSpec = recorded ? null : probe != null ? DialectSpec.of(probe.dialect()) : ref.trace();
        DialectSpec candSpec = java.candidate().trace();
        if ((candSpec.protocol1() || DialectSpec.PROBE.equals(candSpec)) && java.candidate().projectFlags()
                && DialectSpec.PRINTOUT.equals(refSpec)) {
            candSpec = DialectSpec.PRINTOUT;
        }
        String refDialect = recorded ? null : refSpec.id();
        String refDialectSource = recorded ? "recorded oracle" : probe != null ? probe.source() : "reference description "
                + (ref.source() == null ? ref.name() : ref.source().toString());
        renders = new RenderPool(RenderPool.budget(), progress);
        submitC(cb, pc, pc.argv(), inputs, work.resolve("c" + n++), "C run", false);
        submitJava(pc, pc.javaArgv(), inputs, work.resolve("j" + n++), "Java run", false);
        // the traced renders in the C's dialect (the Java side prints what the C prints); for a
        // dialect without loop indices whose layout only the C's untraced stdout names, they start
        // speculatively and are dropped when that stdout names none (as a serial run never made them)
        boolean mayTrace = (refSpec == null || refSpec.traces()) && candSpec.traces();
        boolean surelyTraced = traced(refSpec, candSpec, pc.trace().layout());
        for (List<Integer> px : mayTrace ? pc.trace().pixels() : List.<List<Integer>>of()) {
            List<String> targv = pc.tracedArgv(px.get(0), px.get(1));
            String tag = "s" + px.get(0) + "_f" + px.get(1);
            if (!recorded || ((RecordedBackend) cb).has(targv)) {
                submitC(cb, pc, refSpec == null ? targv : refSpec.tracedArgv(targv), inputs,
                        work.resolve("c" + n++), "C trace " + tag, !surelyTraced);
            }
            submitJava(pc, candSpec.tracedArgv(targv), inputs, work.resolve("j" + n++), "Java trace " + tag, !surelyTraced);
        }
        CRun cPlain = renders.get(cKey(pc, pc.argv()));
        requireFloat(cPlain, ff, "C");
        cProvenance = cPlain.provenance();
        addIfSome(commands, cCommand(cb, cArgv(pc, pc.argv()), inputs));
        copyOutputs(cPlain.outputDir(), inputs, w, "images/c/");
        w.text("runs/c.stdout.txt", cPlain.stdout());

        CRun jPlain = renders.get(javaKey(pc.javaArgv()));
        requireFloat(jPlain, ff, "Java");
        commands.add(jCommand(pc.javaArgv(), inputs, pc.mode(), opt.threads()));
        copyOutputs(jPlain.outputDir(), inputs, w, "images/java/");
        w.text("runs/java.stdout.txt", jPlain.stdout());

        progress.accept("image comparison");
        ImageShape shape = new ImageShape(pc.image().slow(), pc.image().fast());
        FloatImage ci = FloatImage.readChecked(cPlain.outputDir().resolve(ff), shape, ref.float64());
        FloatImage ji = FloatImage.readChecked(jPlain.outputDir().resolve(ff), shape, java.candidate().float64());
        ImageComparison cmp = ImageMetrics.compare(ci, ji, Window.roiOf(pc.argv(), shape), th,
                List.of("images/c/" + ff, "images/java/" + ff));
        RegionMetrics st = cmp.full();
        gates.addAll(cmp.gates());
        NativeComparison.Result natives = null;
        if (!pc.natives().isEmpty()) {
            progress.accept("native outputs");
            Path cDir = cPlain.outputDir();
            Path jDir = jPlain.outputDir();
            String cOut = cPlain.stdout();
            try {
                natives = NativeComparison.compare(pc, logical -> runFile(logical, cDir, jDir, cOut), th);
            } catch (IOException e) {
                throw new BackendException(e.getMessage());
            }
            gates.addAll(natives.gates());
        }

        StringBuilder td = new StringBuilder("# Trace comparison: ").append(pc.id()).append("\n\n");
        // run-level records of both untraced runs' ordinary stdout, before any pixel record
        TraceDiffResult runLevel = TraceGate.compareStdout(cPlain.stdout(), jPlain.stdout(), th);
        gates.add(TraceGate.stdoutGate(runLevel, List.of("runs/c.stdout.txt", "runs/java.stdout.txt")));
        td.append(DivergenceReport.runLevelMarkdown(runLevel));
        JsonNode firstDivergence = DivergenceReport.firstDivergenceJson(runLevel.firstDivergence(), "stdout", null);
        TraceGate.Outcome firstTraces = null;
        List<TraceDiffResult> pixelDiffs = new ArrayList<>();
        List<List<Integer>> pixelTags = new ArrayList<>();
        List<String> pixelUnplaced = new ArrayList<>();
        ParityCase.Layout layout = TraceGate.layoutFor(pc.trace().layout(), cPlain.stdout());
        for (List<Integer> px : pc.trace().pixels()) {
            int s = px.get(0);
            int f = px.get(1);
            String tag = "s" + s + "_f" + f;
            List<String> targv = pc.tracedArgv(s, f);
            ObjectNode ti = traceInfo.addObject();
            ti.putArray("pixel").add(s).add(f);
            ti.put("c_dialect", refDialect == null ? "recorded" : refDialect);
            ti.put("candidate_dialect", candSpec.id());
            List<String> cTargv = refSpec == null ? targv : refSpec.tracedArgv(targv);
            List<String> jTargv = candSpec.tracedArgv(targv);
            if (!traced(refSpec, candSpec, layout)) {
                // a C that prints nothing about a pixel, or a dialect without loop indices and no
                // layout to name its records: no traced render on either side (a speculative one goes)
                renders.discard(cKey(pc, cTargv));
                renders.discard(javaKey(jTargv));
                td.append("## Pixel ").append(s).append(' ').append(f).append("\n\n").append(!candSpec.traces()
                        ? DivergenceReport.CANDIDATE_NOT_TRACED : refSpec.traces()
                        ? DivergenceReport.NO_LAYOUT : DivergenceReport.NOT_TRACED).append("\n\n");
                ti.putNull("c_trace");
                ti.put("status", DivergenceReport.NOT_COMPARED);
                ti.putNull("first_divergence");
                continue;
            }
            String cTrace = null;
            if (!recorded || ((RecordedBackend) cb).has(targv)) {
                CRun ct = renders.get(cKey(pc, cTargv));
                requireFloat(ct, ff, "C traced");
                cTrace = ct.stdout();
                w.text("traces/c_" + tag + ".txt", cTrace);
                ti.put("c_trace", "traces/c_" + tag + ".txt");
                if (!recorded) {
                    addIfSome(commands, cCommand(cb, cArgv(pc, cTargv), inputs));
                    w.output(ct.outputDir().resolve(ff), "images/c_trace_" + tag + "/" + ff);
                    gates.add(identity("c.traced_image_identical." + tag, w, "images/c/" + ff,
                            "images/c_trace_" + tag + "/" + ff));
                }
            } else {
                ti.putNull("c_trace");
            }
            // the Java side prints what the C printed: the same printout block for a printout C
            CRun jt = renders.get(javaKey(jTargv));
            requireFloat(jt, ff, "Java traced");
            commands.add(jCommand(jTargv, inputs, pc.mode(), opt.threads()));
            w.text("traces/java_" + tag + ".txt", jt.stdout());
            ti.put("java_trace", "traces/java_" + tag + ".txt");
            w.output(jt.outputDir().resolve(ff), "images/java_trace_" + tag + "/" + ff);
            gates.add(identity("java.traced_image_identical." + tag, w, "images/java/" + ff,
                    "images/java_trace_" + tag + "/" + ff));
            if (cTrace != null && (refSpec == null || !"lines".equals(refSpec.format()) || refSpec.protocol1())
                    && TraceDialect.detect(cTrace) == TraceDialect.NONE) {
                td.append("## Pixel ").append(s).append(' ').append(f).append("\n\n");
                td.append("The C program printed nothing about this pixel: quantities not compared.\n\n");
                ti.put("c_traces", false);
                ti.put("status", DivergenceReport.NOT_COMPARED);
                ti.putNull("first_divergence");
                continue;
            }
            if (cTrace == null) {
                td.append("## Pixel ").append(s).append(' ').append(f).append("\n\n");
                td.append("No C trace for this pixel (the recorded oracle has none): quantities not compared.\n\n");
                ti.put("status", DivergenceReport.NOT_COMPARED);
                ti.putNull("first_divergence");
                continue;
            }
            TraceGate.Outcome o = TraceGate.compare(cTrace, jt.stdout(), refSpec, candSpec, layout, th);
            if (o == null) {
                td.append("## Pixel ").append(s).append(' ').append(f).append("\n\n");
                td.append("The C trace is in a dialect without loop indices and neither the case nor the C's stdout gives the "
                        + "loop layout: quantities not compared.\n\n");
                ti.put("status", DivergenceReport.NOT_COMPARED);
                ti.putNull("first_divergence");
                continue;
            }
            gates.add(TraceGate.gate("trace." + tag + ".diverged_records", o.diff(),
                    List.of("traces/c_" + tag + ".txt", "traces/java_" + tag + ".txt")));
            ti.set("diff", Canonical.MAPPER.valueToTree(o.diff()));
            ti.put("status", DivergenceReport.status(o.diff()));
            // the lines a dialect could not place: counted and named, never dropped in silence
            ti.set("unplaced", DivergenceReport.unplacedJson(o.reference().unplaced(), o.candidate().unplaced()));
            if (firstTraces == null) {
                firstTraces = o;
            }
            pixelDiffs.add(o.diff());
            pixelTags.add(px);
            pixelUnplaced.add(DivergenceReport.unplacedMarkdown(o.reference().unplaced(), o.candidate().unplaced()));
            if (o.diff().firstDivergence() != null) {
                ti.set("first_divergence", Canonical.MAPPER.valueToTree(o.diff().firstDivergence()));
                if (firstDivergence == null) {
                    firstDivergence = DivergenceReport.firstDivergenceJson(o.diff().firstDivergence(),
                            o.reference().dialect(), px);
                }
            } else {
                ti.putNull("first_divergence");
            }
        }
        ScaleForensicsResult forensics = TraceGate.forensics(st.sumRatio(), firstTraces, cPlain.stdout(), jPlain.stdout(), th);
        for (int i = 0; i < pixelDiffs.size(); i++) {
            List<Integer> px = pixelTags.get(i);
            td.append("## Pixel ").append(px.get(0)).append(' ').append(px.get(1)).append("\n\n")
                    .append(pixelUnplaced.get(i))
                    .append(TraceDiffMarkdown.render(pixelDiffs.get(i), i == 0 ? forensics : null).replace("\n# ", "\n### "))
                    .append("\n");
        }

        if (opt.probeTrace() && !pc.trace().pixels().isEmpty()) {
            List<Integer> px = pc.trace().pixels().get(0);
            List<String> targv = new ArrayList<>(pc.tracedArgv(px.get(0), px.get(1)));
            targv.addAll(0, List.of("-trace_level", "loops"));
            progress.accept("probe: Java trace_level loops");
            CRun jt = java.run(targv, inputs, work.resolve("j" + n++), pc.mode(), opt.threads(), opt.timeout());
            requireFloat(jt, ff, "Java traced (loops)");
            commands.add(jCommand(targv, inputs, pc.mode(), opt.threads()));
            w.output(jt.outputDir().resolve(ff), "images/probe_java_trace_loops/" + ff);
            gates.add(identity("java.traced_image_identical.loops", w, "images/java/" + ff,
                    "images/probe_java_trace_loops/" + ff));
        }
        if (opt.probeThreads() > 0) {
            int t = opt.probeThreads();
            progress.accept("probe: Java " + t + " threads");
            CRun jp = java.run(pc.argv(), inputs, work.resolve("j" + n++), pc.mode(), t, opt.timeout());
            requireFloat(jp, ff, "Java probe");
            commands.add(jCommand(pc.argv(), inputs, pc.mode(), t));
            w.output(jp.outputDir().resolve(ff), "images/probe_java_threads" + t + "/" + ff);
            probes.set("java_threads_" + opt.threads() + "_vs_" + t, probe(w, "images/java/" + ff,
                    "images/probe_java_threads" + t + "/" + ff));
            if (!recorded) {
                progress.accept("probe: C OMP " + t + " threads");
                CRun cp = cb.run(new CRunRequest(cArgv(pc, pc.argv()), inputs, work.resolve("c" + n++), t, opt.timeout()));
                requireFloat(cp, ff, "C probe");
                addIfSome(commands, cCommandOmp(cb, cArgv(pc, pc.argv()), inputs, t));
                w.output(cp.outputDir().resolve(ff), "images/probe_c_omp" + t + "/" + ff);
                probes.set("c_omp_" + opt.ompThreads() + "_vs_" + t, probe(w, "images/c/" + ff,
                        "images/probe_c_omp" + t + "/" + ff));
            } else {
                probes.put("c_omp", "not applicable: recorded backend");
            }
        }

        String shrinkSection = "";
        if (shrinkLog != null && "FAIL".equals(Gate.verdict(gates))) {
            progress.accept("shrink");
            shrinkSection = recorded ? "\n## Shrink\n\nNot run: the recorded C backend holds only the case's own argv.\n"
                    : shrink(pc, cb, inputs, th, work, w, ProbeRunner.compare(ci, ji, th, 0));
        }
        progress.accept("writing bundle");
        String verdict = Gate.verdict(gates);
        metrics.put("schema", METRICS_SCHEMA).put("version", METRICS_VERSION);
        metrics.put("case_id", pc.id()).put("case_sha256", lc.sha256()).put("mode", pc.mode());
        metrics.put("c_backend", cb.name());
        metrics.put("verdict", verdict);
        ArrayNode ga = metrics.putArray("gates");
        gates.forEach(g -> ga.add(g.toJson()));
        ObjectNode img = st.toJson();
        img.putArray("shape").add(pc.image().slow()).add(pc.image().fast());
        img.put("float_file", ff);
        metrics.set("image", img);
        if (cmp.regions().size() > 1) {
            metrics.set("image_roi", cmp.regions().get(1).toJson());
        }
        metrics.set("outputs", compareOutputs(w));
        if (natives != null) {
            metrics.set("native_outputs", natives.json());
        }
        metrics.set("traces", traceInfo);
        metrics.set("first_divergence", firstDivergence);
        metrics.set("trace_dialect", DivergenceReport.dialectJson(refDialect, refDialectSource));
        ObjectNode sides = metrics.putObject("sides");
        ObjectNode refJson = ref.toJson();
        if (refSpec != null) {
            refJson.put("dialect", refSpec.id());
            refJson.set("trace", Candidate.traceJson(refSpec));
        } else {
            refJson.putNull("dialect");
            refJson.putNull("trace");
        }
        sides.set("reference", refJson);
        ObjectNode candJson = java.candidate().toJson();
        candJson.put("dialect", candSpec.id());
        candJson.set("trace", Candidate.traceJson(candSpec));
        sides.set("candidate", candJson);
        metrics.set("run_level", Canonical.MAPPER.valueToTree(runLevel));
        metrics.put("first_divergence_status", DivergenceReport.overallStatus(firstDivergence, traceInfo));
        metrics.set("probes", probes);
        metrics.put("thresholds_sha256", th.sha256());
        metrics.set("scale_forensics", forensics == null ? null : Canonical.MAPPER.valueToTree(forensics));

        w.bytes("case.json", lc.canonical().getBytes(StandardCharsets.UTF_8));
        w.copy(thrFile, "thresholds.json");
        w.json("metrics.json", metrics);
        w.text("trace_diff.md", td.toString());
        w.text("summary.md", Summary.markdown(metrics) + shrinkSection);
        w.text("commands.txt", String.join("\n", commands) + "\n");
        w.json("env.json", Env.collect(opt, cPlain.provenance(), jPlain.provenance()));
        progress.accept("pictures");
        Pictures.Encoded pictures = Pictures.encode(ci, ji, "C", "Java");
        w.bytes("png/c.png", pictures.reference());
        w.bytes("png/java.png", pictures.candidate());
        w.bytes("png/diff.png", pictures.difference());

        progress.accept("sealing (report, digests)");
        Path dir = w.seal(key, pub);
        String line = String.format("%s %s  bitwise %.6f  max_ulp %s  sum_ratio-1 %.3g  %s", verdict, pc.id(),
                st.bitwiseFraction(), st.maxUlps() == Long.MAX_VALUE ? "inf" : Long.toString(st.maxUlps()),
                Math.abs(st.sumRatio() - 1), opt.repo().relativize(dir.toAbsolutePath()).toString().startsWith("..")
                        ? dir.toString() : opt.repo().relativize(dir.toAbsolutePath()).toString());
        return new Result(pc.id(), verdict, dir, line);
    }

    /** Shrinks the failing case (issue 13 item 2), writes shrink.json, returns the summary section. */
    private String shrink(ParityCase pc, CBackend cb, Map<String, Path> inputs, Thresholds th, Path work, BundleWriter w,
                          ProbeResult original) throws IOException {
        ShrinkResult r = Shrinker.forCase(new ProbeRunner.Setup(pc, inputs, cb, java, reference().projectFlags(), th,
                opt.timeout(), 1, opt.ompThreads(), work), Shrinker.PARALLEL, shrinkLog, original);
        w.json("shrink.json", r.toJson());
        return r.markdown();
    }

    /** Names a C render in the {@link RenderPool}: its full argv. */
    private record CRender(List<String> argv) {
    }

    /** Names a Java render in the {@link RenderPool}: its argv. */
    private record JavaRender(List<String> argv) {
    }

    private Object cKey(ParityCase pc, List<String> argv) {
        return new CRender(List.copyOf(cArgv(pc, argv)));
    }

    private static Object javaKey(List<String> argv) {
        return new JavaRender(List.copyOf(argv));
    }

    /** Queues a C render of {@code argv} (the case's, -mode added for the c-reference) in its own {@code dir}. */
    private void submitC(CBackend cb, ParityCase pc, List<String> argv, Map<String, Path> inputs, Path dir,
                         String phase, boolean speculative) {
        CRunRequest req = new CRunRequest(cArgv(pc, argv), inputs, dir, opt.ompThreads(), opt.timeout());
        renders.submit(cKey(pc, argv), phase, opt.ompThreads(), speculative, () -> cb.run(req));
    }

    /** Queues a Java render of {@code argv} in its own {@code dir}. */
    private void submitJava(ParityCase pc, List<String> argv, Map<String, Path> inputs, Path dir, String phase,
                            boolean speculative) {
        renders.submit(javaKey(argv), phase, opt.threads(), speculative,
                () -> java.run(argv, inputs, dir, pc.mode(), opt.threads(), opt.timeout()));
    }

    /**
     * Whether a pixel gets traced renders: not for a C that prints nothing about a pixel, nor for a
     * dialect without loop indices when neither the case nor the C's stdout names the loop layout.
     * A recorded oracle (no probe) is traced where it stored traces.
     */
    private static boolean traced(DialectSpec refSpec, DialectSpec candSpec, ParityCase.Layout layout) {
        if (!candSpec.traces() || refSpec != null && !refSpec.traces()) {
            return false;
        }
        return (refSpec == null || refSpec.indexed()) && candSpec.indexed() || layout != null;
    }

    /** The C argv: the project's c-reference also gets {@code -mode M} (first, like the Java side). */
    private List<String> cArgv(ParityCase pc, List<String> argv) {
        if (!reference().projectFlags()) {
            return argv;
        }
        List<String> a = new ArrayList<>(List.of("-mode", pc.mode()));
        a.addAll(argv);
        return a;
    }

    /** The gates file of a case; a missing or invalid file is a {@link CaseException}. */
    public static Thresholds thresholds(Path repo, ParityCase pc) throws CaseException, IOException {
        Path thrFile = repo.resolve(pc.thresholds());
        if (!Files.isRegularFile(thrFile)) {
            throw new CaseException("thresholds file not found: " + pc.thresholds());
        }
        try {
            return Thresholds.parse(Files.readAllBytes(thrFile));
        } catch (IllegalArgumentException e) {
            throw new CaseException(e.getMessage());
        }
    }

    /**
     * The case's input files by the name the programs see, each checked against its sha256. A source
     * starting with {@code ./} is relative to the case file's folder (generated campaign cases carry
     * their inputs beside them, issue 16); any other is repository-relative.
     */
    public static Map<String, Path> checkedInputs(Path repo, LoadedCase lc) throws CaseException, IOException {
        return checkedInputs(repo, lc.data(), lc.file() == null ? null : lc.file().getParent());
    }

    private static Map<String, Path> checkedInputs(Path repo, ParityCase pc, Path caseDir) throws CaseException, IOException {
        Map<String, Path> m = new LinkedHashMap<>();
        for (ParityCase.Input in : pc.inputs()) {
            boolean besideCase = in.source().startsWith("./");
            if (besideCase && caseDir == null) {
                throw new CaseException("input " + in.name() + ": " + in.source() + " is relative to a case file, and this case has none");
            }
            Path p = (besideCase ? caseDir : repo).resolve(in.source()).normalize();
            if (!Files.isRegularFile(p)) {
                throw new CaseException("missing input " + in.name() + ": " + in.source());
            }
            if (in.sha256() != null && !in.sha256().equals(Canonical.sha256(p))) {
                throw new CaseException("input " + in.name() + " does not match its sha256: " + in.source());
            }
            m.put(in.name(), p);
        }
        return m;
    }

    /** A logical bundle file of the untraced runs, read from the run directories (null when absent). */
    private static byte[] runFile(String logical, Path cDir, Path jDir, String cStdout) throws IOException {
        if (logical.equals(NativeComparison.C_STDOUT)) {
            return cStdout.getBytes(StandardCharsets.UTF_8);
        }
        Path p = logical.startsWith(NativeComparison.JAVA) ? jDir.resolve(logical.substring(NativeComparison.JAVA.length()))
                : logical.startsWith(NativeComparison.C) ? cDir.resolve(logical.substring(NativeComparison.C.length())) : null;
        return p != null && Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
    }

    private static void requireFloat(CRun r, String ff, String side) throws BackendException {
        if (!Files.isRegularFile(r.outputDir().resolve(ff))) {
            throw new BackendException(side + " run wrote no " + ff);
        }
    }

    private static void copyOutputs(Path runDir, Map<String, Path> inputs, BundleWriter w, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(runDir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!inputs.containsKey(name)) {
                    w.output(p, prefix + name);
                }
            }
        }
    }

    private static Gate identity(String name, BundleWriter w, String a, String b) throws IOException {
        return Gate.identity(name, w.outputSha256(a).equals(w.outputSha256(b)), List.of(a, b));
    }

    private static ObjectNode probe(BundleWriter w, String a, String b) throws IOException {
        ObjectNode o = Canonical.MAPPER.createObjectNode();
        o.put("identical", w.outputSha256(a).equals(w.outputSha256(b)));
        o.putArray("files").add(a).add(b);
        return o;
    }

    /** Other outputs (SMV, PGM, noise): byte identity, informational ({@link StoredOutputs#comparison}). */
    private static ArrayNode compareOutputs(BundleWriter w) throws IOException {
        Map<String, String> digests = new java.util.TreeMap<>();
        for (String p : w.outputs("images/")) {
            digests.put(p, w.outputSha256(p));
        }
        return StoredOutputs.comparison(digests);
    }

    private String cCommand(CBackend cb, List<String> argv, Map<String, Path> inputs) {
        return cCommandOmp(cb, argv, inputs, opt.ompThreads());
    }

    private String cCommandOmp(CBackend cb, List<String> argv, Map<String, Path> inputs, int omp) {
        if (cb instanceof CandidateBackend ca) {
            return freshDir(inputs) + envPrefix(ca.program().candidate()) + Shell.join(ca.command(argv, omp)) + ")";
        }
        String bin = cb instanceof ExecBackend eb ? eb.binary().toString() : null;
        // the content tag: it never moves to other content, so the command still runs after the
        // moving tag (localhost/nbparity-c:reference) is rebuilt (issue 13 item 6)
        String image = cProvenance.get("image.tag");
        String inImage = cProvenance.get("image.label.org.nbparity.binary.path");
        if (bin == null && image != null && inImage != null) {
            List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none", "-v", "$PWD:/work",
                    "-w", "/work", "-e", "OMP_NUM_THREADS=" + omp, image, inImage));
            cmd.addAll(argv);
            // the container's user must be able to read the inputs and write its outputs here
            return freshDir(inputs) + "chmod a+rwx . && " + Shell.join(cmd).replace("'$PWD:/work'", "\"$PWD\":/work") + ")";
        }
        if (bin == null) {
            return null; // recorded or container runs: not re-runnable as a plain command line
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(bin);
        cmd.addAll(argv);
        return freshDir(inputs) + "OMP_NUM_THREADS=" + omp + " " + Shell.join(cmd) + ")";
    }

    private String jCommand(List<String> argv, Map<String, Path> inputs, String mode, int threads) {
        return freshDir(inputs) + envPrefix(java.candidate()) + Shell.join(java.command(argv, mode, threads)) + ")";
    }

    /** A side's environment assignments for commands.txt ({@code K=V }, sorted). */
    private String envPrefix(Candidate c) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(c.expandedEnv(opt.repo())).forEach((k, v) -> sb.append(k).append('=').append(Shell.quote(v)).append(' '));
        return sb.toString();
    }

    private static String freshDir(Map<String, Path> inputs) {
        StringBuilder sb = new StringBuilder("(cd \"$(mktemp -d)\" && ");
        inputs.forEach((name, p) -> sb.append("cp ").append(Shell.quote(p.toString())).append(' ')
                .append(Shell.quote(name)).append(" && "));
        return sb.toString();
    }

    private static void addIfSome(List<String> commands, String cmd) {
        if (cmd != null) {
            commands.add(cmd);
        }
    }

}
