package org.nbparity.harness.shrink;

import org.nbparity.harness.metrics.ImageShape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Shrinks a failing case while it still fails, by experiment (for C programs whose trace cannot
 * name the first divergent quantity):
 * <ol>
 *   <li>probe the original argv and the argv with every element neutralized (in parallel);</li>
 *   <li>ddmin over the elements ({@link Neutralizations}: flags and flag groups);</li>
 *   <li>narrow the detector to the divergent pixels with {@code -roi} (the worst pixel alone,
 *       a 9x9 window around it, then their bounding box), which keeps the geometry unchanged;</li>
 *   <li>the one-at-a-time necessity check on the minimal argv: the needs set (an element whose
 *       removal makes a side fail to run is reported as required to run, not as a need);</li>
 *   <li>inside each needed group, the same check on its flags (so {@code -osc} can go while
 *       {@code -phisteps} stays);</li>
 *   <li>for a needed count (phi steps, oversample, mosaic domains, ...), the smallest value that
 *       still fails (bisection between the neutral value, which passes, and the typed one).</li>
 * </ol>
 * Every probe is cached by argv, logged with its elapsed time and kept as a step.
 */
public final class Shrinker {
    /** Runs one probe; {@link ProbeRunner#probe} in production, a synthetic predicate in tests. */
    @FunctionalInterface
    public interface Prober {
        ProbeResult probe(List<String> argv);
    }

    /** Probes run at the same time by default (the machine budget: 2 cores). */
    public static final int PARALLEL = 2;
    private static final int WINDOW = 9;
    /**
     * The first window on a large frame: wide enough that the signal of a spot that neutralizing a
     * geometry flag moves a little is still inside, small enough to render in a moment.
     */
    private static final int WIDE_WINDOW = 257;
    /** Frames above this many pixels (512 x 512) are narrowed to the divergent pixels before ddmin. */
    static final int LARGE_PIXELS = 512 * 512;

    private final Prober prober;
    private final int parallel;
    private final Consumer<String> log;
    private final Map<List<String>, ProbeResult> cache = new HashMap<>();
    private final List<ShrinkResult.Step> steps = new ArrayList<>();
    private long t0;

    /**
     * @param prober   runs probes (must be thread-safe when {@code parallel > 1})
     * @param parallel probes run at the same time
     * @param log      progress lines (one per probe, with the elapsed time)
     */
    public Shrinker(Prober prober, int parallel, Consumer<String> log) {
        this.prober = prober;
        this.parallel = Math.max(1, parallel);
        this.log = log;
    }

    /**
     * Shrinks a case's own argv with real probes ({@link ProbeRunner}), {@code parallel} at a time.
     * Probe directories go under {@code setup.work()} and are removed after each probe.
     */
    public static ShrinkResult forCase(ProbeRunner.Setup setup, int parallel, Consumer<String> log,
                                       ProbeResult original) {
        ProbeRunner runner = new ProbeRunner(setup);
        ImageShape shape = new ImageShape(setup.pc().image().slow(), setup.pc().image().fast());
        return new Shrinker(runner::probe, parallel, log).shrink(setup.pc().id(), setup.pc().argv(), shape, original);
    }

    /**
     * Shrinks {@code argv} (the case's, which is expected to fail) for an image of {@code shape}.
     *
     * @param original the comparison of the original argv when the caller already ran it (the
     *                 images of {@code run}), or null to probe it
     */
    public ShrinkResult shrink(String caseId, List<String> argv, ImageShape shape, ProbeResult original) {
        t0 = System.nanoTime();
        cache.clear();
        steps.clear();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "nbparity-shrink");
            t.setDaemon(true);
            return t;
        });
        try {
            if (original != null) {
                cache.put(List.copyOf(argv), original);
                record(new ShrinkResult.Step(1, "original argv (the images of the run)", List.copyOf(argv),
                        original.verdict(), original.seconds(), null));
            }
            return search(caseId, List.copyOf(argv), shape, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private ShrinkResult search(String caseId, List<String> argv, ImageShape shape, ExecutorService pool) {
        Neutralizations nz = Neutralizations.of(argv);
        List<Element> el = nz.elements();
        List<String> labels = el.stream().map(Element::label).toList();
        List<Integer> all = IntStream.range(0, el.size()).boxed().toList();
        // a large frame is narrowed first, so that every later probe renders a few pixels only
        boolean large = shape.pixels() > LARGE_PIXELS;
        String everything = "neutralize everything: " + String.join("; ", labels);
        List<ProbeResult> first = large ? run(pool, List.of(argv), List.of("original argv"))
                : run(pool, List.of(argv, nz.argv(List.of(), Map.of(), List.of())), List.of("original argv", everything));
        ProbeResult orig = first.get(0);
        if (orig.verdict() != Verdict.FAIL) {
            String why = orig.verdict() == Verdict.ERROR
                    ? "the original argv could not be probed: " + orig.message()
                    : "the original argv passes the image gates: nothing to shrink (a failing run failed on "
                    + "its trace or identity gates, not on the image)";
            return new ShrinkResult(caseId, orig.verdict() == Verdict.ERROR ? "error" : "not_reproduced", argv, argv,
                    List.of(), List.of(), orig.divergent(), null, labels, List.copyOf(steps), elapsed(), why);
        }
        Map<Integer, List<String>> overrides = new LinkedHashMap<>();
        List<String> prefix = new ArrayList<>();
        int[] roi = large ? narrow(pool, nz, all, shape, overrides, prefix, List.of(WIDE_WINDOW)) : null;
        String roiText0 = roi == null ? "" : " (with the ROI)";
        ProbeResult none = run(pool, List.of(nz.argv(List.of(), overrides, prefix)), List.of(everything + roiText0)).get(0);

        // 1. ddmin over the elements
        List<Integer> kept = none.verdict() == Verdict.FAIL ? List.of()
                : DeltaDebug.minimize(all, tester(pool, nz, overrides, prefix, k -> describe(el, k) + roiText0), parallel);

        // 2. narrow to the divergent pixels (on a large frame: further)
        int[] closer = narrow(pool, nz, kept, shape, overrides, prefix, List.of(1, WINDOW));
        roi = closer != null ? closer : roi;

        // 3. necessity, one at a time
        List<Integer> start = kept;
        String roiText = roi == null ? "" : " (with the ROI)";
        List<Integer> needed = DeltaDebug.necessary(kept, tester(pool, nz, overrides, prefix,
                k -> "necessity: " + String.join("; ", minus(start, k).stream().map(i -> el.get(i).label()).toList())
                        + roiText), parallel);

        Map<Integer, ProbeResult> without = new LinkedHashMap<>();
        for (int i : needed) {
            without.put(i, cache.get(nz.argv(minus(needed, List.of(i)), overrides, prefix)));
        }

        // 4. inside each needed group, drop the members it does not need
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i : needed) {
            Element e = el.get(i);
            members.put(i, e.occurrences());
            if (e.occurrences().size() < 2) {
                continue;
            }
            List<Integer> occ = e.occurrences();
            DeltaDebug.Tester within = configs -> run(pool, configs.stream().map(k -> nz.argv(needed,
                    dropOthers(overrides, occ, k), prefix)).toList(), configs.stream().map(k -> "within " + e.label()
                    + ": drop " + String.join(" ", minus(occ, k).stream().map(o -> nz.model().occurrences().get(o).text())
                    .toList()) + roiText).toList()).stream().map(ProbeResult::verdict).toList();
            List<Integer> rem = DeltaDebug.necessary(occ, within, parallel);
            if (!rem.isEmpty() && rem.size() < occ.size()) {
                overrides.putAll(dropOthers(Map.of(), occ, rem));
                members.put(i, rem);
            }
        }

        // 5. smallest failing count of each needed count
        Map<Integer, Integer> smallest = new LinkedHashMap<>();
        for (int i : needed) {
            Element e = el.get(i);
            if (e.count() < 0 || !members.get(i).contains(e.count())) {
                continue;
            }
            ArgvModel.Occurrence o = nz.model().occurrences().get(e.count());
            int lo = e.neutral();
            int hi = Integer.parseInt(o.args().get(0));
            while (hi - lo > 1) {
                int mid = lo + (hi - lo) / 2;
                Map<Integer, List<String>> ov = new LinkedHashMap<>(overrides);
                ov.put(o.index(), List.of(o.flag(), Integer.toString(mid)));
                List<String> a = nz.argv(needed, ov, prefix);
                if (run(pool, List.of(a), List.of(o.text() + " to " + mid + roiText)).get(0).verdict() == Verdict.FAIL) {
                    hi = mid;
                    overrides.put(o.index(), ov.get(o.index()));
                } else {
                    lo = mid;
                }
            }
            smallest.put(i, hi);
        }

        List<String> minimal = nz.argv(needed, overrides, prefix);
        ProbeResult last = run(pool, List.of(minimal), List.of("minimal argv")).get(0);
        List<ShrinkResult.Need> needs = new ArrayList<>();
        List<ShrinkResult.Need> required = new ArrayList<>();
        for (int i : needed) {
            Element e = el.get(i);
            List<String> texts = new ArrayList<>();
            List<String> flags = new ArrayList<>();
            for (int o : members.get(i)) {
                ArgvModel.Occurrence oc = nz.model().occurrences().get(o);
                texts.add(smallest.containsKey(i) && o == e.count() ? oc.flag() + " >= " + smallest.get(i) : oc.text());
                if (!flags.contains(oc.flag())) {
                    flags.add(oc.flag());
                }
            }
            String text = texts.isEmpty() ? e.text() : String.join(" ", texts);
            ProbeResult w = without.get(i);
            if (w != null && w.verdict() == Verdict.ERROR) {
                required.add(new ShrinkResult.Need(flags, text + " (without it a side cannot run)"));
                continue;
            }
            if (w != null && w.cEmpty()) {
                required.add(new ShrinkResult.Need(flags, text + " (without it the C image is empty: nothing to compare)"));
                continue;
            }
            needs.add(new ShrinkResult.Need(flags, text));
        }
        String msg = last.verdict() == Verdict.FAIL ? null
                : "the minimal argv gave " + last.verdict() + " when probed again: the failure is not deterministic";
        return new ShrinkResult(caseId, "shrunk", argv, minimal, needs, required, last.divergent(), roi, labels,
                List.copyOf(steps), elapsed(), msg);
    }

    /**
     * Tries {@code -roi} windows around the worst divergent pixel of the current configuration
     * ({@code windows}: side lengths, 1 = the pixel alone), then the bounding box of every
     * divergent pixel, smallest first; keeps the first that still fails (replacing any earlier ROI
     * in {@code overrides}/{@code prefix}) and returns it as {@code [xmin, xmax, ymin, ymax]}
     * (x fast, y slow, inclusive), or null.
     */
    private int[] narrow(ExecutorService pool, Neutralizations nz, List<Integer> kept, ImageShape shape,
                         Map<Integer, List<String>> overrides, List<String> prefix, List<Integer> windows) {
        ProbeResult r = cache.get(nz.argv(kept, overrides, prefix));
        if (r == null || r.divergent().isEmpty() || shape.pixels() <= 1) {
            return null;
        }
        int[] w = r.divergent().get(0);
        List<int[]> boxes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int[] win = null;
        for (int side : windows) {
            int h = side / 2;
            win = new int[] {Math.max(0, w[1] - h), Math.min(shape.fast() - 1, w[1] + h),
                    Math.max(0, w[0] - h), Math.min(shape.slow() - 1, w[0] + h)};
            boxes.add(win);
            texts.add(side == 1 ? "ROI: the worst pixel (" + w[0] + ", " + w[1] + ") alone"
                    : "ROI: " + side + "x" + side + " window around (" + w[0] + ", " + w[1] + ")");
        }
        int[] b = r.box();
        int[] bb = {b[2], b[3], b[0], b[1]};
        if ((win == null || area(bb) > area(win)) && area(bb) < shape.pixels()) {
            boxes.add(bb);
            texts.add("ROI: bounding box of the divergent pixels, s " + b[0] + "-" + b[1] + ", f " + b[2] + "-" + b[3]);
        }
        Integer roiOcc = nz.model().occurrences().stream().filter(o -> "-roi".equals(o.flag())).map(o -> o.index())
                .reduce((a, c) -> c).orElse(null);
        for (int i = 0; i < boxes.size(); i += parallel) {
            List<List<String>> argvs = new ArrayList<>();
            List<Map<Integer, List<String>>> ovs = new ArrayList<>();
            List<List<String>> pfs = new ArrayList<>();
            for (int k = i; k < Math.min(boxes.size(), i + parallel); k++) {
                List<String> roi = roiTokens(boxes.get(k));
                Map<Integer, List<String>> ov = new LinkedHashMap<>();
                List<String> pf = new ArrayList<>();
                if (roiOcc != null) {
                    ov.put(roiOcc, roi);
                } else {
                    pf.addAll(roi);
                }
                ovs.add(ov);
                pfs.add(pf);
                argvs.add(nz.argv(kept, ov, pf));
            }
            List<ProbeResult> v = run(pool, argvs, texts.subList(i, i + argvs.size()));
            for (int k = 0; k < v.size(); k++) {
                if (v.get(k).verdict() == Verdict.FAIL) {
                    overrides.putAll(ovs.get(k));
                    prefix.clear(); // it only ever holds an ROI
                    prefix.addAll(pfs.get(k));
                    return boxes.get(i + k);
                }
            }
        }
        return null;
    }

    /** {@code base} plus a drop of every occurrence of {@code all} not in {@code kept}. */
    private static Map<Integer, List<String>> dropOthers(Map<Integer, List<String>> base, List<Integer> all,
                                                         List<Integer> kept) {
        Map<Integer, List<String>> ov = new LinkedHashMap<>(base);
        for (int o : minus(all, kept)) {
            ov.put(o, List.of());
        }
        return ov;
    }

    private static List<String> roiTokens(int[] b) {
        return List.of("-roi", Integer.toString(b[0]), Integer.toString(b[1]), Integer.toString(b[2]),
                Integer.toString(b[3]));
    }

    private static long area(int[] b) {
        return (long) (b[1] - b[0] + 1) * (b[3] - b[2] + 1);
    }

    private DeltaDebug.Tester tester(ExecutorService pool, Neutralizations nz, Map<Integer, List<String>> overrides,
                                     List<String> prefix, Function<List<Integer>, String> describe) {
        return configs -> run(pool, configs.stream().map(k -> nz.argv(k, overrides, prefix)).toList(),
                configs.stream().map(describe).toList()).stream().map(ProbeResult::verdict).toList();
    }

    /** Runs the argvs not probed yet, in parallel; results in order. */
    private List<ProbeResult> run(ExecutorService pool, List<List<String>> argvs, List<String> changes) {
        Map<List<String>, Future<ProbeResult>> pending = new LinkedHashMap<>();
        Map<List<String>, Integer> numbers = new HashMap<>();
        for (int k = 0; k < argvs.size(); k++) {
            List<String> a = argvs.get(k);
            if (cache.containsKey(a) || pending.containsKey(a)) {
                continue;
            }
            numbers.put(a, steps.size() + pending.size() + 1);
            pending.put(a, pool.submit(() -> prober.probe(a)));
        }
        List<ShrinkResult.Step> done = new ArrayList<>();
        for (int k = 0; k < argvs.size(); k++) {
            List<String> a = argvs.get(k);
            Future<ProbeResult> f = pending.remove(a);
            if (f == null) {
                continue;
            }
            ProbeResult r;
            try {
                r = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("shrink interrupted", e);
            } catch (ExecutionException e) {
                r = ProbeResult.error(0, String.valueOf(e.getCause()));
            }
            cache.put(a, r);
            String note = r.verdict() == Verdict.ERROR ? r.message() : r.cEmpty() ? "C image empty" : null;
            ShrinkResult.Step s = new ShrinkResult.Step(numbers.get(a), changes.get(k), a, r.verdict(), r.seconds(), note);
            done.add(s);
            logStep(s);
        }
        done.sort((x, y) -> Integer.compare(x.step(), y.step()));
        steps.addAll(done);
        return argvs.stream().map(cache::get).toList();
    }

    private void record(ShrinkResult.Step s) {
        steps.add(s);
        logStep(s);
    }

    private void logStep(ShrinkResult.Step s) {
        log.accept(String.format(Locale.ROOT, "shrink: probe %d %s in %.1f s (elapsed %.1f s): %s", s.step(),
                s.verdict(), s.seconds(), elapsed(), s.change()));
    }

    private static String describe(List<Element> el, List<Integer> kept) {
        List<Integer> off = minus(IntStream.range(0, el.size()).boxed().toList(), kept);
        if (off.isEmpty()) {
            return "original argv";
        }
        if (kept.isEmpty()) {
            return "neutralize everything";
        }
        if (off.size() <= kept.size()) {
            return "neutralize: " + String.join("; ", off.stream().map(i -> el.get(i).label()).toList());
        }
        return "keep only: " + String.join("; ", kept.stream().map(i -> el.get(i).text()).toList())
                + " (neutralize the other " + off.size() + ")";
    }

    private static List<Integer> minus(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
