package org.nbparity.sim.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nbparity.sim.clib.CNum;
import org.nbparity.sim.clib.UsageException;

/**
 * Upstream's SMV header reader GetFrame/ValueOf (setup.md H11): header text, width, height and
 * the native-endian unsigned 16-bit pixels.
 */
public final class SmvHeader {
    /** Header text up to its first NUL (C string semantics). */
    public final String header;
    public final int headerSize;
    public final int width;
    public final int height;
    /** unsigned 16-bit pixels read in host (little-endian) order, never swapped (quirk Q11). */
    public final int[] pixels;

    private SmvHeader(String header, int headerSize, int width, int height, int[] pixels) {
        this.header = header;
        this.headerSize = headerSize;
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Reads an SMV file as GetFrame does. Upstream ignores an unreadable file (perror) and runs
     * on with an uninitialised header size for a non-SMV file; this project reports both as bad
     * input naming the flag and the file.
     */
    public static SmvHeader read(Path file, String name, String flag) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw UsageException.unreadable(flag, name, e);
        }
        return of(all, name, flag);
    }

    /**
     * As {@link #read} on the bytes of a file (the harness reads SMV outputs stored in a bundle);
     * a malformed frame is a {@link UsageException} naming {@code flag} and {@code name}.
     */
    public static SmvHeader of(byte[] all, String name, String flag) {
        if (all.length < 512) {
            throw new UsageException(flag + ": " + name + " is not an SMV frame (shorter than 512 bytes)");
        }
        String first = cString(all, 512);
        // only the first 12 characters are compared (H11)
        if (!first.startsWith("{\nHEADER_BYT")) {
            throw new UsageException(flag + ": " + name + " does not look like an ADSC/SMV frame");
        }
        int headerSize = (int) valueOf("HEADER_BYTES", first);
        String header = first;
        if (headerSize != 512) {
            if (headerSize <= 0 || headerSize > all.length) {
                throw new UsageException(flag + ": " + name + " has a bad HEADER_BYTES value");
            }
            header = cString(all, headerSize);
        }
        int width = (int) valueOf("SIZE1", header);
        int height = (int) valueOf("SIZE2", header);
        if (width == 0) {
            width = height = (int) valueOf("DETECTOR_DIMENSIONS", header);
        }
        long need = 2L * width * height + headerSize;
        if (width < 0 || height < 0 || need > all.length) {
            throw new UsageException(flag + ": " + name + " is shorter than its header says ("
                    + width + "x" + height + " pixels)");
        }
        int[] px = new int[width * height];
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < px.length; i++) {
            px[i] = bb.getShort(headerSize + 2 * i) & 0xffff;
        }
        return new SmvHeader(header, headerSize, width, height, px);
    }

    /** ValueOf on this header. */
    public double valueOf(String key) {
        return valueOf(key, header);
    }

    /**
     * ValueOf (H11): the text after the '=' that follows the LAST occurrence of key as a
     * substring (quirk Q11: DISTANCE finds CLOSE_DISTANCE=, ORGX finds XDS_ORGX=); NaN if the
     * key never occurs, 0.0 if no '=' follows.
     */
    public static double valueOf(String key, String header) {
        int pos = -1;
        int from = 0;
        while (true) {
            int p = header.indexOf(key, from);
            if (p < 0) {
                break;
            }
            pos = p + key.length();
            from = pos;
        }
        if (pos < 0) {
            return Double.NaN;
        }
        int eq = header.indexOf('=', pos);
        if (eq < 0) {
            return 0.0;
        }
        return CNum.atof(header.substring(eq + 1));
    }

    private static String cString(byte[] b, int len) {
        int n = Math.min(len, b.length);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                n = i;
                break;
            }
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
}
