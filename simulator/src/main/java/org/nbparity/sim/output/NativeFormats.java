package org.nbparity.sim.output;

import java.nio.file.Path;

/**
 * The detector-native outputs of a run (issue 15), beyond upstream's SMV, raw float and PGM.
 * File fields are null when that output is off; names stay as typed (stdout prints them).
 *
 * @param cbfFile         {@code -cbffile}: miniCBF (Pilatus convention) of the SMV int image
 * @param cbfNoiseFile    {@code -cbfnoisefile}: miniCBF of the noise image (computes the noise
 *                        image even when no SMV noise file is written)
 * @param nxsFile         {@code -nxsfile}: NeXus/NXmx HDF5 with the int image and the geometry
 * @param nxsFloat        {@code -nxsfloat}: the NXmx file also holds the float image
 * @param nxsCompress     false with {@code -nxs_nocompress}: image datasets contiguous, no filters
 *                        (for readers without deflate); true: chunked, byte shuffle + deflate
 * @param exposureS       {@code -exposure}, s (header value only)
 * @param fluxPerS        {@code -flux}, photons/s (0 = not given; header value only)
 */
public record NativeFormats(Path cbfFile, Path cbfNoiseFile, Path nxsFile, boolean nxsFloat,
                            boolean nxsCompress, double exposureS, double fluxPerS) {
    /** No detector-native output (upstream's outputs only). */
    public static final NativeFormats NONE = new NativeFormats(null, null, null, false, true, 1.0, 0.0);

    /** True when the noise image is needed by one of these outputs. */
    boolean needsNoise() {
        return cbfNoiseFile != null;
    }
}
