package org.nbparity.harness.trace;

/**
 * Loop extents of a run (render.md section 3). The golden TRACE_C lines and upstream's printout
 * carry no loop indices, so the parser needs these to name records; they come from the case
 * (argv and upstream_facts_from_stdout), never from guessing.
 *
 * @param thicksteps    detector layers (1 when the detector has no thickness)
 * @param oversample    subpixels per side
 * @param sources       sources
 * @param phisteps      phi steps
 * @param mosaicDomains mosaic domains
 */
public record LoopLayout(int thicksteps, int oversample, int sources, int phisteps, int mosaicDomains) {
    public LoopLayout {
        if (thicksteps < 1 || oversample < 1 || sources < 1 || phisteps < 1 || mosaicDomains < 1) {
            throw new IllegalArgumentException("loop layout: every extent must be >= 1");
        }
    }

    /** Subpixel blocks printed per traced pixel by the golden dialect: thicksteps*oversample^2. */
    public int subpixelBlocks() {
        return thicksteps * oversample * oversample;
    }
}
