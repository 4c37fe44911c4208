package org.nbparity.harness.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A float32 image, little-endian, row-major with the slow index first. The shape always comes
 * from the case (or the command line), never from the file size: a size that does not match the
 * given shape is an error.
 *
 * @param slow   spixels
 * @param fast   fpixels
 * @param pixels slow*fast values
 */
public record FloatImage(int slow, int fast, float[] pixels) {
    /** Reads a raw (or .gz) float32 file of the given shape. */
    public static FloatImage read(Path file, int slow, int fast) throws IOException {
        byte[] data;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            data = in.readAllBytes();
        }
        long want = 4L * slow * fast;
        if (data.length != want) {
            throw new IOException(file + " has " + data.length + " bytes; shape " + slow + "x" + fast
                    + " needs " + want);
        }
        float[] px = new float[slow * fast];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(px);
        return new FloatImage(slow, fast, px);
    }
}
