package org.nbparity.sim.render;

import java.io.PrintStream;
import org.nbparity.sim.setup.Setup;

/**
 * The pixel loop (render.md sections 3-5): turns an immutable {@link Setup} into the float image
 * and the in-loop statistics. Progress, {@code -printout} blocks, the interpolation warning and
 * the {@code -trace_pixel} trace go to {@code out} exactly as upstream prints them.
 */
public final class Renderer {
    private Renderer() {
    }

    /**
     * Renders every pixel.
     *
     * @param setup the state computed before the loop; read only
     * @param out   upstream's stdout
     * @return the float image and statistics
     */
    public static RenderResult render(Setup setup, PrintStream out) {
        throw new UnsupportedOperationException("render loop not implemented yet (issue Simulator II)");
    }
}
