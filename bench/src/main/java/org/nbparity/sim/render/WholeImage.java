package org.nbparity.sim.render;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nbparity.sim.setup.Setup;

/**
 * Rough whole-image wall time of the render loop for perf case (a) (setup excluded):
 * {@code java -cp bench/target/benchmarks.jar -Dnb.shared=../shared org.nbparity.sim.render.WholeImage [threads] [runs] [upstream-float-image]};
 * with a third argument the last image is compared with an upstream float image of the same case.
 * The first runs include the JIT's warm-up; the later ones show the render's warm speed and, run
 * with 1 and with 2 threads, how the kernel alone scales.
 */
public final class WholeImage {
    private WholeImage() {
    }

    public static void main(String[] args) throws Exception {
        String threads = args.length > 0 ? args[0] : "2";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        Renderer.warmUp(); // as the CLI does: without it the batch never leaves the scalar sine
        Setup s = PerfCase.supervisor(threads);
        System.out.printf("setup: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        RenderResult r = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r = Renderer.render(s, new PrintStream(OutputStream.nullOutputStream()));
            System.out.printf("render threads=%s: %.2f s (sum %.6g)%n", threads, (System.nanoTime() - t) / 1e9, r.sum());
        }
        if (args.length > 2 && r != null) {
            byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[2]));
            float[] up = new float[b.length / 4];
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(up);
            int same = 0;
            for (int i = 0; i < up.length; i++) {
                if (Float.floatToRawIntBits(up[i]) == Float.floatToRawIntBits(r.floatImage()[i])) {
                    same++;
                }
            }
            System.out.printf("bitwise equal to upstream: %d of %d pixels%n", same, up.length);
        }
    }
}
