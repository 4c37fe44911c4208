package org.nbparity.sim.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.nbparity.sim.setup.ParamTangent;
import org.nbparity.sim.setup.Setup;

/**
 * Renders the derivative images of {@code -deriv} (issue 18) with {@link TangentKernel}, in a
 * pass of its own after the forward image (which the forward paths render as without
 * {@code -deriv}). The same row blocks and chunks as {@link Renderer}, each chunk started from
 * the state its upstream thread carries in ({@link Renderer#markEarlierSweeps}), so every value,
 * and hence every derivative, is bitwise the same for every {@code -threads}. With tricubic
 * interpolation (whose switch-off is sticky, quirk 11) or an unsettled polarization axis (quirk
 * 24) the chunks of a block run in order on one thread, as upstream's serial loop does.
 */
public final class DerivativeRenderer {
    private DerivativeRenderer() {
    }

    /**
     * @param setup            the run's setup (read only)
     * @param params           tangents of the parameters ({@code setup.DerivativeSetup})
     * @param omegaFaultFactor the test-only omega fault (1.0 = none), as the forward render had it
     * @param err              progress lines (stderr)
     */
    public static DerivativeResult render(Setup setup, List<ParamTangent> params, double omegaFaultFactor,
                                          PrintStream err) {
        RenderInputs k = new RenderInputs(setup, omegaFaultFactor);
        int threads = setup.render() == null || setup.render().threads() <= 0
                ? Runtime.getRuntime().availableProcessors() : setup.render().threads();
        int cThreads = k.fixed || setup.render() == null ? 1 : Math.max(1, setup.render().compatThreads());
        List<int[]> blocks = new ArrayList<>();
        List<Renderer.Chunk> chunks = Renderer.planChunks(k, cThreads, threads, blocks);
        Renderer.markEarlierSweeps(k, new float[0], blocks, chunks);
        int pixels = k.fpixels * k.spixels;
        double[] value = new double[pixels];
        double[][] images = new double[params.size()][pixels];
        TangentKernel.Tables tables = new TangentKernel.Tables(k, setup.crystal(), params);
        boolean serial = k.interpolate || !k.polarAxisSettles;
        // work items: a chunk each, or with serial blocks the chunks of one block in order
        List<List<Renderer.Chunk>> items = new ArrayList<>();
        for (Renderer.Chunk c : chunks) {
            if (serial && !items.isEmpty() && items.get(items.size() - 1).get(0).block == c.block) {
                items.get(items.size() - 1).add(c);
            } else {
                List<Renderer.Chunk> one = new ArrayList<>();
                one.add(c);
                items.add(one);
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object progressLock = new Object();
        int[] lastTenth = {0};
        Runnable task = () -> {
            try {
                TangentKernel w = new TangentKernel(k, params, tables, value, images);
                for (int i = next.getAndIncrement(); i < items.size() && failure.get() == null; i = next.getAndIncrement()) {
                    List<Renderer.Chunk> item = items.get(i);
                    Renderer.Chunk first = item.get(0);
                    w.startMidBlock(first.earlierSweep, k.interpolate);
                    for (Renderer.Chunk c : item) {
                        for (int s = c.r0; s < c.r1; s++) {
                            for (int f = 0; f < k.fpixels; f++) {
                                if (k.rendered(s, f)) {
                                    w.renderPixel(s, f);
                                }
                            }
                        }
                    }
                    int tenth = done.incrementAndGet() * 10 / items.size();
                    synchronized (progressLock) {
                        if (tenth > lastTenth[0]) {
                            lastTenth[0] = tenth;
                            err.print("nanobragg: derivative images " + tenth * 10 + "% done\n");
                            err.flush();
                        }
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        int n = Math.min(threads, items.size());
        Thread[] ts = new Thread[Math.max(0, n - 1)];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(task, "deriv-" + i);
            ts[i].start();
        }
        task.run();
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("derivative render interrupted", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
        return new DerivativeResult(List.copyOf(params), value, images);
    }
}
