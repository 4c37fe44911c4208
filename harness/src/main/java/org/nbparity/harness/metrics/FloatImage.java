package org.nbparity.harness.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A float image (upstream's -floatfile: little-endian float32, row-major, slow index first; a
 * port may write float64, whose values are kept exactly in {@code wide}).
 *
 * @param shape its shape
 * @param data  slow*fast values, index {@code s*fast + f} (a float64 image's values rounded to float32)
 * @param wide  the float64 values, or null for a float32 image
 */
public record FloatImage(ImageShape shape, float[] data, double[] wide) {
    public FloatImage {
        if (data.length != shape.pixels() || wide != null && wide.length != shape.pixels()) {
            throw new IllegalArgumentException("image data has " + data.length + " values, shape " + shape.slow()
                    + "x" + shape.fast() + " needs " + shape.pixels());
        }
    }

    /** A float32 image. */
    public FloatImage(ImageShape shape, float[] data) {
        this(shape, data, null);
    }

    /** True when the file held float64 values. */
    public boolean float64() {
        return wide != null;
    }

    /** The value at index {@code i} as the file held it (float32 widened exactly, or float64). */
    public double value(int i) {
        return wide != null ? wide[i] : data[i];
    }

    /** Reads a raw file of float64 ({@code float64}) or float32 values with the given shape. */
    public static FloatImage read(Path file, ImageShape shape, boolean float64) {
        return float64 ? of64(readBytes(file), shape, file.toString()) : read(file, shape);
    }

    /** {@link #read(Path, ImageShape, boolean)} with a bad file as an {@link IOException}. */
    public static FloatImage readChecked(Path file, ImageShape shape, boolean float64) throws IOException {
        try {
            return read(file, shape, float64);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The image in {@code b}: little-endian float64, exactly slow*fast*8 bytes. */
    public static FloatImage of64(byte[] b, ImageShape shape, String what) {
        long need = 8L * shape.pixels();
        if (b.length != need) {
            throw new IllegalArgumentException(what + " has " + b.length + " bytes; shape " + shape.slow() + "x"
                    + shape.fast() + " needs " + need + " (float64)");
        }
        double[] w = new double[shape.pixels()];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(w);
        float[] d = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = (float) w[i];
        }
        return new FloatImage(shape, d, w);
    }

    /**
     * Reads a raw float file ({@code .gz} is decompressed) with the given shape; the file must hold
     * exactly slow*fast*4 bytes.
     */
    public static FloatImage read(Path file, ImageShape shape) {
        return of(readBytes(file), shape, file.toString());
    }

    /**
     * The image in {@code b} (little-endian float32, exactly slow*fast*4 bytes; {@code what} names
     * its origin in the error), e.g. an output read back from a bundle.
     */
    public static FloatImage of(byte[] b, ImageShape shape, String what) {
        long need = 4L * shape.pixels();
        if (b.length != need) {
            throw new IllegalArgumentException(what + " has " + b.length + " bytes; shape " + shape.slow() + "x"
                    + shape.fast() + " needs " + need);
        }
        float[] d = new float[shape.pixels()];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(d);
        return new FloatImage(shape, d);
    }

    /**
     * As {@link #read}, for callers that report bad input files as I/O errors (the harness CLI
     * and bundle verification): a size that does not match the shape, or a file that cannot be
     * read, is an {@link IOException} with the same message.
     */
    public static FloatImage readChecked(Path file, ImageShape shape) throws IOException {
        try {
            return read(file, shape);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes the image as little-endian float32. */
    public void write(Path file) {
        ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(data);
        try {
            Files.write(file, bb.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** All bytes of a file, gunzipped when the name ends in .gz. */
    static byte[] readBytes(Path file) {
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Value at (slow, fast). */
    public float get(int s, int f) {
        return data[s * shape.fast() + f];
    }
}
