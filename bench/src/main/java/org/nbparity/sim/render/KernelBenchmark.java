package org.nbparity.sim.render;

import java.util.concurrent.TimeUnit;
import org.nbparity.sim.setup.Setup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RenderInputs micro-benchmarks on the supervisor-like perf case (a): the SQUARE lattice factor, the
 * structure-factor lookups, and one pixel's full loop (10 phi steps). Run with
 * {@code mvn -B -Pjmh -pl simulator,bench package -DskipTests} then
 * {@code java -Dnb.shared=../shared -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.foreign,jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class KernelBenchmark {
    private RenderInputs k;
    private PixelKernel w;
    private final double[] h = new double[1024];
    private final double[] kk = new double[1024];
    private final double[] l = new double[1024];
    private int i;

    @org.openjdk.jmh.annotations.Setup(Level.Trial)
    public void setup() throws Exception {
        Setup s = PerfCase.supervisor("1");
        k = new RenderInputs(s);
        w = new PixelKernel(k, new float[k.fpixels * k.spixels]);
        w.startBlock(false);
        // the render loop's SIMD batch, as in a run: warmed up, then used
        Renderer.warmUp();
        for (int n = 0; n < 200 && !Sine.simdReady(); n++) {
            Thread.sleep(50);
        }
        java.util.Random r = new java.util.Random(42);
        for (int j = 0; j < h.length; j++) {
            // inside the table with a margin of 2 for the tricubic nodes
            h[j] = k.hMin + 2 + r.nextDouble() * (k.hRange - 5);
            kk[j] = k.kMin + 2 + r.nextDouble() * (k.kRange - 5);
            l[j] = k.lMin + 2 + r.nextDouble() * (k.lRange - 5);
        }
    }

    private int next() {
        i = (i + 1) & 1023;
        return i;
    }

    /** F_latt for SQUARE: three sincg (six sin) as in render.md 4.19. */
    @Benchmark
    public double latticeFactorSquare() {
        int j = next();
        return CMath.sincg(Math.PI * h[j], k.na) * CMath.sincg(Math.PI * kk[j], k.nb) * CMath.sincg(Math.PI * l[j], k.nc);
    }

    /** One supervisor pixel's 60 lattice-factor sine arguments (10 phi steps x 3 axes x {x, N*x}). */
    private final double[] sinArgs = new double[64];
    private final double[] sinOut = new double[64];

    private void fillSinArgs() {
        for (int j = 0; j < 10; j++) {
            int m = next();
            double[] x = {Math.PI * h[m], Math.PI * kk[m], Math.PI * l[m]};
            double[] n = {k.na, k.nb, k.nc};
            for (int a = 0; a < 3; a++) {
                sinArgs[6 * j + 2 * a] = x[a] * n[a];
                sinArgs[6 * j + 2 * a + 1] = x[a];
            }
        }
        sinArgs[60] = sinArgs[61] = sinArgs[62] = sinArgs[63] = 1.0;
    }

    /** 64 sines with Math.sin (the kernel's sine before the SIMD batch). */
    @Benchmark
    public double sine64Math() {
        fillSinArgs();
        double s = 0;
        for (int j = 0; j < 64; j++) {
            s += Math.sin(sinArgs[j]);
        }
        return s;
    }

    /** 64 sines with the scalar branch-free {@link Sine#sin(double)}. */
    @Benchmark
    public double sine64Scalar() {
        fillSinArgs();
        double s = 0;
        for (int j = 0; j < 64; j++) {
            s += Sine.sin(sinArgs[j]);
        }
        return s;
    }

    /** 64 sines as one SIMD batch ({@link VectorSine}, the render loop's path once compiled). */
    @Benchmark
    public double sine64Batch() {
        fillSinArgs();
        VectorSine.sin(sinArgs, 0, sinOut, 64);
        return sinOut[0] + sinOut[63];
    }

    /** The same with glibc's sin through geometry.Libm (foreign-function downcalls). */
    @Benchmark
    public double latticeFactorSquareGlibc() {
        int j = next();
        double x = Math.PI * h[j];
        double y = Math.PI * kk[j];
        double z = Math.PI * l[j];
        return org.nbparity.sim.clib.Libm.sin(x * k.na) / org.nbparity.sim.clib.Libm.sin(x)
                * (org.nbparity.sim.clib.Libm.sin(y * k.nb) / org.nbparity.sim.clib.Libm.sin(y))
                * (org.nbparity.sim.clib.Libm.sin(z * k.nc) / org.nbparity.sim.clib.Libm.sin(z));
    }

    /** Nearest-neighbour F lookup with the bounds test of render.md 4.22(c). */
    @Benchmark
    public double fCellNearest() {
        int j = next();
        return k.nearestF(PixelKernel.nearest(h[j]), PixelKernel.nearest(kk[j]), PixelKernel.nearest(l[j]));
    }

    /** Tricubic polin3 interpolation of render.md 4.22(b). */
    @Benchmark
    public double fCellTricubic() {
        int j = next();
        return w.interpolate(h[j], kk[j], l[j]);
    }

    /** One pixel near the detector centre: 10 phi steps x 1 source x 1 domain. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void pixelFullLoop() {
        int j = next();
        w.renderPixel(1200 + (j & 31), 1200 + (j >> 5), null);
    }
}
