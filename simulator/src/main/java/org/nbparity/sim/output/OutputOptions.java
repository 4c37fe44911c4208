package org.nbparity.sim.output;

import java.nio.file.Path;

/**
 * What to write after the render loop and how (io-rng.md sections 9-11). File fields are null
 * when that output is off.
 *
 * @param floatFile    {@code -floatfile}, default {@code floatimage.bin}
 * @param intFile      {@code -intfile}, default {@code intimage.img}
 * @param pgmFile      {@code -pgmfile}, default {@code image.pgm}; null with {@code -nopgm}
 * @param noiseFile    {@code -noisefile}, default {@code noiseimage.img}; null with {@code -nonoise}
 * @param intfileScale {@code -scale} (<= 0: automatic 55000/max_I)
 * @param pgmScale     {@code -pgmscale} (<= 0: automatic)
 * @param adcOffset    {@code -adc}, default 40
 * @param seed         noise seed variable as upstream holds it: {@code -atoi(N)} for {@code -seed N},
 *                     else {@link #upstreamDefaultSeed()}; a positive value continues the shared
 *                     ran1 table (quirk Q39)
 * @param bigEndian    host byte order for the SMV headers and data (x86: false)
 * @param formats      the detector-native outputs (miniCBF, NXmx); never null
 */
public record OutputOptions(Path floatFile, Path intFile, Path pgmFile, Path noiseFile,
                            double intfileScale, double pgmScale, double adcOffset, long seed,
                            boolean bigEndian, NativeFormats formats) {
    /** Upstream's outputs only (no miniCBF, no NXmx). */
    public OutputOptions(Path floatFile, Path intFile, Path pgmFile, Path noiseFile,
                         double intfileScale, double pgmScale, double adcOffset, long seed,
                         boolean bigEndian) {
        this(floatFile, intFile, pgmFile, noiseFile, intfileScale, pgmScale, adcOffset, seed, bigEndian,
                NativeFormats.NONE);
    }

    /** Canonical constructor: a null {@code formats} means none. */
    public OutputOptions {
        formats = formats == null ? NativeFormats.NONE : formats;
    }

    /**
     * Upstream's default seed variable, {@code -time(NULL)} (io-rng.md 3, U354-355): minus the
     * whole seconds since the epoch. Compat mode uses it when {@code -seed} is absent; the
     * pre-render summary prints it ({@code "  seed: %ld"}).
     */
    public static long upstreamDefaultSeed() {
        return -Math.floorDiv(System.currentTimeMillis(), 1000L);
    }
}
