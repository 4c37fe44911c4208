package org.nbparity.harness.shrink;

import org.nbparity.harness.backend.BackendException;
import org.nbparity.harness.backend.CBackend;
import org.nbparity.harness.backend.CRunRequest;
import org.nbparity.harness.backend.CandidateBackend;
import org.nbparity.harness.backend.JavaSimulator;
import org.nbparity.harness.backend.RunDirs;
import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.cases.ParityCase;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.thresholds.Thresholds;
import org.nbparity.harness.trace.Ulp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One probe: the C side and the Java simulator on an argv (no traces, no bundle), then the image
 * gates of the thresholds file on the case's float image. Thread-safe: every probe has its own
 * fresh directories, removed afterwards.
 */
public final class ProbeRunner {
    /** How many divergent pixels a result lists. */
    public static final int MAX_LISTED = 50;

    /**
     * Everything a probe needs besides the argv.
     *
     * @param pc         the case (mode, float file, shape)
     * @param inputs     input files by the name the programs see
     * @param c          the C side (a live backend)
     * @param java       the Java side
     * @param cTakesMode the C program takes {@code -mode M} (the project's c-reference)
     * @param thresholds the gates
     * @param timeout    per program run
     * @param threads    Java threads
     * @param ompThreads OMP_NUM_THREADS of the C side
     * @param work       scratch directory
     */
    public record Setup(ParityCase pc, Map<String, Path> inputs, CBackend c, JavaSimulator java, boolean cTakesMode,
                        Thresholds thresholds, Duration timeout, int threads, int ompThreads, Path work) {
    }

    private final Setup s;
    private final AtomicInteger seq = new AtomicInteger();

    public ProbeRunner(Setup setup) {
        this.s = setup;
    }

    /** Runs both sides on {@code argv} and applies the image gates. */
    public ProbeResult probe(List<String> argv) {
        long t0 = System.nanoTime();
        Path dir = s.work().resolve("probe" + seq.incrementAndGet());
        try {
            ParityCase pc = s.pc();
            String ff = pc.image().floatFile();
            List<String> cargv = new ArrayList<>();
            if (s.cTakesMode()) {
                cargv.addAll(List.of("-mode", pc.mode()));
            }
            cargv.addAll(argv);
            ImageShape shape = new ImageShape(pc.image().slow(), pc.image().fast());
            FloatImage ci;
            FloatImage ji;
            try {
                s.c().run(new CRunRequest(cargv, s.inputs(), dir.resolve("c"), s.ompThreads(), s.timeout()));
                ci = FloatImage.readChecked(dir.resolve("c").resolve(ff), shape,
                        s.c() instanceof CandidateBackend cb && cb.program().candidate().float64());
                s.java().run(argv, s.inputs(), dir.resolve("j"), pc.mode(), s.threads(), s.timeout());
                ji = FloatImage.readChecked(dir.resolve("j").resolve(ff), shape, s.java().candidate().float64());
            } catch (BackendException | IOException | RuntimeException e) {
                return ProbeResult.error(seconds(t0), e.getMessage());
            }
            return compare(ci, ji, s.thresholds(), seconds(t0));
        } finally {
            RunDirs.remove(dir);
        }
    }

    /**
     * The verdict of the image gates, and where the images differ: the pixels beyond the ULP gate,
     * or (when the failure is only in the bitwise fraction or the sum) every pixel that differs.
     */
    public static ProbeResult compare(FloatImage ci, FloatImage ji, Thresholds th, double seconds) {
        // full-frame gates, as the run judges its image (a probe's -roi leaves zeros on both sides)
        String verdict = ImageMetrics.compare(ci, ji, null, th).verdict();
        float[] a = ci.data();
        float[] b = ji.data();
        int fast = ci.shape().fast();
        long limit = (long) th.image().maxUlpFloat32();
        boolean beyond = false;
        boolean empty = true;
        for (int i = 0; i < a.length; i++) {
            empty &= a[i] == 0f;
            beyond |= ulps(a[i], b[i]) > limit;
        }
        long min = beyond ? limit + 1 : 1;
        int[] box = null;
        PriorityQueue<long[]> worst = new PriorityQueue<>(Comparator.comparingLong((long[] x) -> x[0]));
        for (int i = 0; i < a.length; i++) {
            long u = ulps(a[i], b[i]);
            if (u < min) {
                continue;
            }
            int sl = i / fast;
            int fa = i % fast;
            if (box == null) {
                box = new int[] {sl, sl, fa, fa};
            } else {
                box[0] = Math.min(box[0], sl);
                box[1] = Math.max(box[1], sl);
                box[2] = Math.min(box[2], fa);
                box[3] = Math.max(box[3], fa);
            }
            worst.add(new long[] {u, i});
            if (worst.size() > MAX_LISTED) {
                worst.poll();
            }
        }
        List<long[]> w = new ArrayList<>(worst);
        w.sort(Comparator.comparingLong((long[] x) -> -x[0]).thenComparingLong(x -> x[1]));
        List<int[]> px = w.stream().map(x -> new int[] {(int) (x[1] / fast), (int) (x[1] % fast)}).toList();
        return new ProbeResult(Verdict.valueOf(verdict), seconds, null, px, box, empty);
    }

    private static long ulps(float x, float y) {
        if (Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y)) {
            return 0;
        }
        return Float.isNaN(x) || Float.isNaN(y) ? Long.MAX_VALUE : Ulp.distance(x, y);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
