package org.nbparity.sim.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.setup.RenderOptions;
import org.nbparity.sim.setup.Setup;
import org.nbparity.sim.trace.TraceLevel;
import org.nbparity.sim.trace.TraceRequest;
import org.nbparity.sim.trace.TraceWriter;

/**
 * The pixel loop (render.md sections 3-5): turns an immutable {@link Setup} into the float image
 * and the in-loop statistics. Progress, {@code -printout} blocks, the interpolation warning and
 * the {@code -trace_pixel} trace go to {@code out} exactly as upstream prints them.
 *
 * <p>Parallel scheme, bitwise identical for every Java thread count: the rows are split into
 * upstream's OpenMP row blocks (render.md 5.1; one block for a serial upstream), each block into
 * chunks of rows. A chunk starts from the state the upstream thread would carry into its first
 * row (derived exactly, see {@link PixelKernel#startMidBlock}). The sticky interpolation switch-off is
 * resolved after the fact: chunks behind the first triggering chunk (in serial order) that ran
 * with interpolation on are rendered again with it off. Statistics, progress lines, printout and
 * the pixel trace are then produced in one serial pass in upstream's processing order.
 */
public final class Renderer {
    private Renderer() {
    }

    /** One contiguous run of rows inside one upstream row block. */
    static final class Chunk {
        final int index;
        final int block;
        final int r0;
        final int r1;
        boolean earlierSweep;
        boolean startInterp;
        /** Serial pixel index from which interpolation is off (re-render), or Long.MAX_VALUE. */
        long forceOff = Long.MAX_VALUE;
        long trigger = -1;
        String warning;
        /** Rendered (pass 1): the statistics pass may consume it. */
        volatile boolean done;
        String trace;
        List<LastValues.Printout> prints;
        // worker state at the end of the chunk, for -printout stale values
        /** last mosaic iteration of the chunk, or null if it ran none */
        LastValues.Mosaic mos;
        boolean fcellKnown;
        double fcell;

        Chunk(int index, int block, int r0, int r1) {
            this.index = index;
            this.block = block;
            this.r0 = r0;
            this.r1 = r1;
        }
    }

    /**
     * Lets the JIT compile the SIMD lattice-factor code on an idle core while the caller parses
     * and sets up (see {@link Sine#warmUpInBackground}); optional, results do not depend on it.
     */
    public static void warmUp() {
        Sine.warmUpInBackground();
    }

    /**
     * {@link System#nanoTime()} at which the lattice factor switched to SIMD lanes, or 0 if it has
     * not; for the phase timings ({@code -Dnb.timing=true}), since the render before it is slower.
     */
    public static long simdReadyNanos() {
        return Sine.simdReadyNanos();
    }

    /**
     * Renders every pixel.
     *
     * @param setup the state computed before the loop; read only
     * @param out   upstream's stdout
     * @return the float image and statistics
     */
    public static RenderResult render(Setup setup, PrintStream out) {
        return render(setup, out, 1.0);
    }

    /**
     * Renders every pixel with every solid angle multiplied by {@code omegaFaultFactor}: the
     * hidden test-only omega fault of {@link org.nbparity.sim.setup.TestFault} (1.0 = none).
     */
    public static RenderResult render(Setup setup, PrintStream out, double omegaFaultFactor) {
        return render(setup, out, omegaFaultFactor, KernelPaths.fromSystemProperty());
    }

    /** {@link #render(Setup, PrintStream, double)} with the given fast paths (the contract test). */
    static RenderResult render(Setup setup, PrintStream out, double omegaFaultFactor, KernelPaths paths) {
        Sine.renderStarted();
        final RenderInputs k = new RenderInputs(setup, omegaFaultFactor);
        final RenderOptions opt = setup.render();
        final int threads = opt == null || opt.threads() <= 0
                ? Runtime.getRuntime().availableProcessors() : opt.threads();
        final int cThreads = k.fixed || opt == null ? 1 : Math.max(1, opt.compatThreads());
        final TraceRequest tr = opt == null ? null : opt.trace();
        final boolean printout = opt != null && opt.printout();
        final int prF = opt == null ? -1 : opt.printoutFpixel();
        final int prS = opt == null ? -1 : opt.printoutSpixel();

        if (tr != null) {
            out.print(runBlock(setup, k, tr));
        }

        List<int[]> blocks = new ArrayList<>();
        List<Chunk> chunks = planChunks(k, cThreads, threads, blocks);
        final float[] img = new float[k.fpixels * k.spixels];

        markEarlierSweeps(k, img, blocks, chunks);

        // pass 1: every block from its own start; a trigger switches interpolation off for the
        // later chunks of the same block (quirk 11, per upstream thread)
        final AtomicIntegerArray firstTrigger = new AtomicIntegerArray(blocks.size());
        for (int b = 0; b < blocks.size(); b++) {
            firstTrigger.set(b, Integer.MAX_VALUE);
        }
        for (Chunk c : chunks) {
            c.forceOff = Long.MAX_VALUE;
        }
        boolean progress = opt != null && opt.progressMeter();
        long progressPixels = opt == null ? 0 : opt.progressPixels();
        StatsPass stats = new StatsPass(k, img, chunks, !k.interpolate && tr == null && !printout, out,
                tr, printout, prF, prS, progress, progressPixels);
        runChunks(chunks, threads, k, paths, img, tr, printout, prF, prS, firstTrigger, stats.concurrent ? stats : null);
        Chunk trigChunk = null;
        if (k.interpolate) {
            // quirk 28 / render.md 5.4: the switch is shared by all upstream threads. With one block
            // this is exact (serial order). With T > 1 upstream is timing dependent. Model: the block
            // whose trigger comes first (by position within its block) behaves as serially, and
            // every other block sees interpolation off from its first pixel. This is the outcome the
            // OpenMP build shows in 4 of 5 recorded runs of golden v07 (omp_check: 6271 pixels).
            long tStar = Long.MAX_VALUE;
            for (int b = 0; b < blocks.size(); b++) {
                int ci = firstTrigger.get(b);
                if (ci != Integer.MAX_VALUE) {
                    long local = chunks.get(ci).trigger - (long) blocks.get(b)[0] * k.fpixels;
                    if (local < tStar) {
                        tStar = local;
                        trigChunk = chunks.get(ci);
                    }
                }
            }
            if (trigChunk != null) {
                List<Chunk> redo = new ArrayList<>();
                for (Chunk c : chunks) {
                    int ci = firstTrigger.get(c.block);
                    long blockStart = (long) blocks.get(c.block)[0] * k.fpixels;
                    long ownLocal = ci == Integer.MAX_VALUE ? Long.MAX_VALUE : chunks.get(ci).trigger - blockStart;
                    if (ownLocal == tStar) {
                        // this block triggers first: later chunks of it start with interpolation off
                        if (c.index > ci && c.startInterp) {
                            c.forceOff = (long) c.r0 * k.fpixels;
                            redo.add(c);
                        }
                    } else {
                        long off = blockStart;
                        if ((long) c.r1 * k.fpixels > off && (c.startInterp || c.trigger >= 0)) {
                            c.forceOff = off;
                            redo.add(c);
                        }
                    }
                }
                runChunks(redo, threads, k, paths, img, tr, printout, prF, prS, null, null);
            }
        }

        // serial pass in upstream's processing order (already done during pass 1 when concurrent)
        if (!stats.concurrent) {
            stats.trigChunk = trigChunk;
            for (Chunk c : chunks) {
                stats.consume(c);
            }
        } else {
            stats.drain();
        }
        return stats.finish();
    }

    /**
     * Upstream's OpenMP row blocks (render.md 5.1: static partition of all spixels over the
     * upstream threads) into {@code blocks}, each cut into chunks of rows; returns the chunks.
     */
    static List<Chunk> planChunks(RenderInputs k, int cThreads, int threads, List<int[]> blocks) {
        int sRows = k.spixels;
        int rowsEach = sRows / cThreads;
        int r = sRows % cThreads;
        List<Chunk> chunks = new ArrayList<>();
        int rowsPerChunk = Math.max(1, Math.min(8, sRows / Math.max(1, threads * 8)));
        if (!k.polarAxisSettles) {
            // quirk 24: the axis would depend on the exact number of earlier polarization calls
            rowsPerChunk = sRows;
        }
        int nb = 0;
        for (int t = 0; t < cThreads; t++) {
            int n = t < r ? rowsEach + 1 : rowsEach;
            int start = t < r ? t * (rowsEach + 1) : t * rowsEach + r;
            if (n == 0) {
                continue;
            }
            blocks.add(new int[] {start, start + n});
            for (int row = start; row < start + n; row += rowsPerChunk) {
                chunks.add(new Chunk(chunks.size(), nb, row, Math.min(start + n, row + rowsPerChunk)));
            }
            nb++;
        }

        return chunks;
    }

    /** Carried orientation at each chunk start: did an earlier pixel of the same block sweep phi? */
    static void markEarlierSweeps(RenderInputs k, float[] img, List<int[]> blocks, List<Chunk> chunks) {
        long[] firstSweep = new long[blocks.size()];
        {
            PixelKernel probe = new PixelKernel(k, img, KernelPaths.REFERENCE);
            for (int b = 0; b < blocks.size(); b++) {
                firstSweep[b] = Long.MAX_VALUE;
                int[] bl = blocks.get(b);
                boolean needed = false;
                for (Chunk c : chunks) {
                    needed |= c.block == b && c.r0 != bl[0];
                }
                if (!needed) {
                    continue;
                }
                search:
                for (int s = bl[0]; s < bl[1]; s++) {
                    for (int f = 0; f < k.fpixels; f++) {
                        if (probe.hasSweep(s, f)) {
                            firstSweep[b] = (long) s * k.fpixels + f;
                            break search;
                        }
                    }
                }
            }
        }
        for (Chunk c : chunks) {
            c.earlierSweep = firstSweep[c.block] < (long) c.r0 * k.fpixels;
        }

    }

    /**
     * The statistics pass (render.md 4.25, 5.3): max_I, the sums, the omega sum, and what is
     * printed between pixels (trace, interpolation warning, -printout, progress), chunk by chunk
     * in upstream's processing order, with OpenMP's per-block partial sums. Without interpolation,
     * trace and -printout it runs concurrently with the render: whichever render thread finishes
     * the next chunk in serial order consumes it ({@link #drain}), so the pass costs no serial
     * time (it recomputes each pixel's solid angle, about 0.15 s on the supervisor frame) and its
     * sums keep their serial order.
     */
    private static final class StatsPass {
        final RenderInputs k;
        final float[] img;
        final List<Chunk> chunks;
        final boolean concurrent;
        final PrintStream out;
        final TraceRequest tr;
        final boolean printout;
        final int prF;
        final int prS;
        /** Whether upstream's progress meter prints (render.md 4.27: never with -printout). */
        final boolean progressLines;
        final long progressPixels;
        final PixelKernel ow;
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        volatile int nextIdx;
        Chunk trigChunk;

        double sum;
        double sumsqr;
        double sumn;
        double omegaSum;
        double maxI;
        double maxIx;
        double maxIy;
        int bi = -1;
        double psum;
        double psumsqr;
        int pn;
        double pomega;
        long progressPixel;
        LastValues.Printout carry;

        StatsPass(RenderInputs k, float[] img, List<Chunk> chunks, boolean concurrent, PrintStream out,
                  TraceRequest tr, boolean printout, int prF, int prS, boolean progress, long progressPixels) {
            this.k = k;
            this.img = img;
            this.chunks = chunks;
            this.concurrent = concurrent;
            this.out = out;
            this.tr = tr;
            this.printout = printout;
            this.prF = prF;
            this.prS = prS;
            this.progressLines = progress && !printout && progressPixels / 100 > 0;
            this.progressPixels = progressPixels;
            this.ow = new PixelKernel(k, img, KernelPaths.REFERENCE);
        }

        /** Consumes every rendered chunk that is next in serial order, unless another thread is at it. */
        void drain() {
            while (lock.tryLock()) {
                try {
                    int i = nextIdx;
                    while (i < chunks.size() && chunks.get(i).done) {
                        consume(chunks.get(i));
                        i++;
                        nextIdx = i;
                    }
                } finally {
                    lock.unlock();
                }
                // a chunk finished while this thread held the lock: its thread saw the lock taken
                int i = nextIdx;
                if (i >= chunks.size() || !chunks.get(i).done) {
                    return;
                }
            }
        }

        private void endBlock() {
            if (bi >= 0) {
                // OpenMP reduction(+): private partial sums combined in block order
                sum += psum;
                sumsqr += psumsqr;
                sumn += pn;
                omegaSum += pomega;
            }
        }

        void consume(Chunk c) {
            if (c.block != bi) {
                endBlock();
                bi = c.block;
                psum = 0.0;
                psumsqr = 0.0;
                pn = 0;
                pomega = 0.0;
                progressPixel = 0;
                // -printout stale values carried through the block (render.md 4.26)
                carry = new LastValues.Printout();
                carry.mos = LastValues.Mosaic.ENTRY;
                carry.fcellKnown = true;
                carry.fcell = k.lastReadF;
            }
            int pi = 0;
            // Progress lines are printed after the chunk's pixels unless the chunk also prints a
            // trace or a warning, whose order among them must stay upstream's. Out of the loop,
            // their rare branches no longer make C2 recompile this method at each new kind of
            // line (measured: several recompiles per supervisor run).
            boolean inlineProgress = progressLines && (c.trace != null || trigChunk == c);
            long firstPixel = progressPixel;
            for (int s = c.r0; s < c.r1; s++) {
                for (int f = 0; f < k.fpixels; f++) {
                    if (!k.rendered(s, f)) {
                        continue;
                    }
                    int idx = s * k.fpixels + f;
                    if (tr != null && s == tr.spixel() && f == tr.fpixel() && c.trace != null) {
                        out.print(c.trace);
                    }
                    if (trigChunk == c && c.trigger == idx) {
                        out.print(c.warning);
                    }
                    float v = img[idx];
                    if (v > maxI) {
                        maxI = v;
                        // quirk 17 (U3042-3046): Fdet/Sdet of the pixel's last subpixel
                        maxIx = k.subpixelSize * (f * k.oversample + k.oversample - 1) + k.subpixelSize / 2.0;
                        maxIy = k.subpixelSize * (s * k.oversample + k.oversample - 1) + k.subpixelSize / 2.0;
                    }
                    psum += v;
                    // quirk 16 (U3048): float product
                    psumsqr += (double) (v * v);
                    pn++;
                    pomega = ow.addOmega(pomega, s, f);
                    if (printout) {
                        if ((f == prF && s == prS) || prF < 0) {
                            LastValues.Printout p = c.prints.get(pi++);
                            if (p.mos == null) {
                                p.mos = carry.mos;
                            }
                            if (!p.fcellKnown) {
                                p.fcell = carry.fcell;
                            }
                            out.print(printBlock(k, p));
                        }
                    } else if (inlineProgress && ProgressMeter.lineAt(progressPixel, progressPixels)) {
                        printProgress(progressPixel);
                    }
                    progressPixel++;
                }
            }
            if (progressLines && !inlineProgress) {
                for (long p = ProgressMeter.nextLine(firstPixel, progressPixels); p < progressPixel;
                        p = ProgressMeter.nextLine(p + 1, progressPixels)) {
                    printProgress(p);
                }
            }
            if (c.mos != null) {
                carry.mos = c.mos;
            }
            if (c.fcellKnown) {
                carry.fcell = c.fcell;
            }
        }

        private void printProgress(long p) {
            out.print(CFormat.sprintf("%lu%% done\n", p * 100 / progressPixels));
            out.flush();
        }

        RenderResult finish() {
            endBlock();
            return new RenderResult(img, maxI, maxIx, maxIy, sum, sumsqr, sumn, omegaSum);
        }
    }

    private static void runChunks(List<Chunk> todo, int threads, RenderInputs k, KernelPaths paths, float[] img,
                                  TraceRequest tr, boolean printout, int prF, int prS,
                                  AtomicIntegerArray firstTrigger, StatsPass stats) {
        if (todo.isEmpty()) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable task = () -> {
            PixelKernel w = new PixelKernel(k, img, paths);
            try {
                for (int i = next.getAndIncrement(); i < todo.size(); i = next.getAndIncrement()) {
                    Chunk c = todo.get(i);
                    boolean on;
                    if (firstTrigger == null) {
                        on = k.interpolate && (long) c.r0 * k.fpixels < c.forceOff;
                    } else {
                        on = k.interpolate && firstTrigger.get(c.block) > c.index;
                        c.startInterp = on;
                    }
                    renderChunk(c, w, k, tr, printout, prF, prS, on);
                    if (firstTrigger != null && c.trigger >= 0) {
                        firstTrigger.accumulateAndGet(c.block, c.index, Math::min);
                    }
                    if (stats != null) {
                        c.done = true;
                        stats.drain();
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        int n = Math.min(threads, todo.size());
        if (n <= 1) {
            task.run();
        } else {
            Thread[] ts = new Thread[n];
            for (int i = 0; i < n; i++) {
                ts[i] = new Thread(task, "render-" + i);
                ts[i].start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("render interrupted", e);
                }
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
    }

    private static void renderChunk(Chunk c, PixelKernel w, RenderInputs k, TraceRequest tr, boolean printout,
                                    int prF, int prS, boolean interpOn) {
        w.startMidBlock(c.earlierSweep, interpOn);
        w.trigger = -1;
        w.warning = null;
        c.trace = null;
        c.prints = printout ? new ArrayList<>() : null;
        for (int s = c.r0; s < c.r1; s++) {
            for (int f = 0; f < k.fpixels; f++) {
                if (!k.rendered(s, f)) {
                    continue;
                }
                if ((long) s * k.fpixels + f >= c.forceOff) {
                    w.interp = false;
                }
                TraceWriter tw = null;
                if (tr != null && s == tr.spixel() && f == tr.fpixel() && tr.level() != TraceLevel.RUN) {
                    tw = new TraceWriter(tr.level(), k.thicksteps, k.oversample, k.oversample, k.nsrc,
                            k.phisteps, k.mosaicDomains);
                }
                w.renderPixel(s, f, tw);
                if (tw != null) {
                    c.trace = tw.text();
                }
                if (printout && ((f == prF && s == prS) || prF < 0)) {
                    c.prints.add(w.last.printout(f, s));
                }
            }
        }
        c.trigger = w.trigger;
        c.warning = w.warning;
        c.mos = w.last.mosaicOrNull();
        c.fcellKnown = w.last.fcellKnown();
        c.fcell = w.last.fcell();
    }

    /** Upstream's -printout block (U3051-3072). */
    private static String printBlock(RenderInputs k, LastValues.Printout p) {
        LastValues.Mosaic m = p.mos;
        double twotheta = CMath.atan2(Math.sqrt(p.p2 * p.p2 + p.p3 * p.p3), p.p1);
        double test = CMath.sin(twotheta / 2.0) / (k.lambda0 * 1e10);
        double a1;
        double a2;
        double a3;
        double b1;
        double b2;
        double b3;
        double c1;
        double c2;
        double c3;
        if (m.ob() < 0) {
            a1 = k.a0[0];
            a2 = k.a0[1];
            a3 = k.a0[2];
            b1 = k.b0[0];
            b2 = k.b0[1];
            b3 = k.b0[2];
            c1 = k.c0[0];
            c2 = k.c0[1];
            c3 = k.c0[2];
        } else {
            double[] o = k.orient;
            a1 = o[m.ob()];
            a2 = o[m.ob() + 1];
            a3 = o[m.ob() + 2];
            b1 = o[m.ob() + 3];
            b2 = o[m.ob() + 4];
            b3 = o[m.ob() + 5];
            c1 = o[m.ob() + 6];
            c2 = o[m.ob() + 7];
            c3 = o[m.ob() + 8];
        }
        StringBuilder b = new StringBuilder();
        b.append(CFormat.sprintf("%4d %4d : stol = %g or %g\n", p.fpixel, p.spixel, p.stol, test));
        b.append(CFormat.sprintf("at %g %g %g\n", p.p1, p.p2, p.p3));
        b.append(CFormat.sprintf("hkl= %f %f %f  hkl0= %d %d %d\n", m.h(), m.k(), m.l(), m.h0(), m.k0(), m.l0()));
        b.append(CFormat.sprintf(" F_cell=%g  F_latt=%g   I = %g\n", p.fcell, m.flatt(), p.i));
        b.append(CFormat.sprintf("I/steps %15.10g\n", p.i / k.steps));
        b.append(CFormat.sprintf("polar   %15.10g\n", p.polar));
        b.append(CFormat.sprintf("omega   %15.10g\n", p.omega));
        b.append(CFormat.sprintf("capfrac %15.10g\n", p.capture));
        b.append(CFormat.sprintf("pixel   %15.10g\n", (double) p.pixel));
        b.append("real-space cell vectors (Angstrom):\n");
        b.append(CFormat.sprintf("     %-10s  %-10s  %-10s\n", "a", "b", "c"));
        b.append(CFormat.sprintf("X: %11.8f %11.8f %11.8f\n", a1 * 1e10, b1 * 1e10, c1 * 1e10));
        b.append(CFormat.sprintf("Y: %11.8f %11.8f %11.8f\n", a2 * 1e10, b2 * 1e10, c2 * 1e10));
        b.append(CFormat.sprintf("Z: %11.8f %11.8f %11.8f\n", a3 * 1e10, b3 * 1e10, c3 * 1e10));
        return b.toString();
    }

    /** Trace protocol 1 header and run block (trace-protocol.md section 2.1). */
    private static String runBlock(Setup s, RenderInputs k, TraceRequest tr) {
        TraceWriter w = new TraceWriter(tr.level());
        w.header(tr.spixel(), tr.fpixel());
        w.d("lambda_meters", s.sources().lambda0());
        w.d("fluence", k.fluence);
        w.d("r_e_sqr", k.rESqr);
        w.i("steps", k.steps);
        w.i("sources", k.nsrc);
        w.i("phisteps", k.phisteps);
        w.i("mosaic_domains", k.mosaicDomains);
        w.i("oversample", k.oversample);
        w.i("thicksteps", k.thicksteps);
        w.d("Na", k.na);
        w.d("Nb", k.nb);
        w.d("Nc", k.nc);
        w.d("default_F", k.defaultF);
        w.i("hkl_range", k.hMin, k.hMax, k.kMin, k.kMax, k.lMin, k.lMax);
        w.i("interpolate", k.interpolate ? 1 : 0);
        w.d("distance_meters", k.distance);
        w.d("close_distance_meters", k.closeDistance);
        w.d("pixel_size_meters", k.pixelSize);
        w.d("fdet_vec", k.fdet);
        w.d("sdet_vec", k.sdet);
        w.d("odet_vec", k.odet);
        w.d("beam_vec", k.beam);
        w.d("polar_vec", k.polar0);
        w.d("spindle_vec", s.crystal().spindle());
        w.d("pix0_vector_meters", k.pix0);
        if (s.detector().report() != null) {
            w.d("Fbeam_Sbeam", s.detector().report().fbeam(), s.detector().report().sbeam());
            w.d("Fclose_Sclose", s.detector().report().fclose(), s.detector().report().sclose());
        }
        w.d("a0", k.a0);
        w.d("b0", k.b0);
        w.d("c0", k.c0);
        w.d("a_star", k.as1, k.as2, k.as3);
        w.d("b_star", k.bs1, k.bs2, k.bs3);
        w.d("c_star", k.cs1, k.cs2, k.cs3);
        w.d("V_cell", s.crystal().vCell());
        w.d("I_bg", k.iBg);
        w.text("mode", s.mode().label());
        return w.text();
    }
}
