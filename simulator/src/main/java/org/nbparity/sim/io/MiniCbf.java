package org.nbparity.sim.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The miniCBF layout Pilatus and Eiger detectors write (CBFlib's "mini" header, imgCIF binary
 * section): a {@code _array_data.header_convention "PILATUS_1.2"} text header whose lines the
 * caller supplies, then one binary section of signed 32-bit integers compressed with
 * {@code x-CBF_BYTE_OFFSET}, with its MIME headers ({@code X-Binary-Size}, element type, byte
 * order, {@code Content-MD5}, the dimensions, padding). Lines end in CR LF as a Pilatus writes them.
 *
 * <p>The byte-offset compression (CBFlib documentation, "CBF_BYTE_OFFSET"): each value is stored
 * as its difference from the previous one (the first from 0) in 1 byte when it fits in
 * [-127, 127], else the byte 0x80 and 2 bytes little-endian when it fits in [-32767, 32767], else
 * 0x80 0x00 0x80 and 4 bytes little-endian (the 8-byte escape is never needed: every difference
 * of two int32 values written here fits in 4 bytes because the caller's values are 0..65535).
 */
public final class MiniCbf {
    private static final String CRLF = "\r\n";
    /** The padding a Pilatus writes after the binary data (and announces in the MIME header). */
    private static final int PADDING = 4095;
    /** Start of the binary data: form feed, Ctrl-Z, Ctrl-D, 0xD5 (imgCIF binary section). */
    private static final byte[] BINARY_START = {0x0C, 0x1A, 0x04, (byte) 0xD5};

    private MiniCbf() {
    }

    /**
     * Byte-offset compression of {@code values}.
     *
     * @throws IllegalArgumentException when a difference needs more than 32 bits
     */
    public static byte[] byteOffset(int[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.length + 64);
        long prev = 0;
        for (int v : values) {
            long delta = v - prev;
            prev = v;
            if (delta >= -127 && delta <= 127) {
                out.write((int) delta);
            } else if (delta >= -32767 && delta <= 32767) {
                out.write(0x80);
                out.write((int) delta);
                out.write((int) (delta >> 8));
            } else if (delta >= -2147483647L && delta <= 2147483647L) {
                out.write(0x80);
                out.write(0x00);
                out.write(0x80);
                out.write((int) delta);
                out.write((int) (delta >> 8));
                out.write((int) (delta >> 16));
                out.write((int) (delta >> 24));
            } else {
                throw new IllegalArgumentException("byte-offset difference " + delta + " needs 64 bits");
            }
        }
        return out.toByteArray();
    }

    /**
     * Writes a miniCBF file.
     *
     * @param out         destination
     * @param dataName    the CIF data block name ({@code data_<dataName>})
     * @param headerLines the Pilatus header lines without their leading {@code "# "} and line end
     * @param values      pixel values, fast index varying fastest
     * @param fast        pixels along the fast axis
     * @param slow        pixels along the slow axis
     */
    public static void write(OutputStream out, String dataName, Iterable<String> headerLines,
                             int[] values, int fast, int slow) throws IOException {
        if ((long) fast * slow != values.length) {
            throw new IllegalArgumentException(fast + "x" + slow + " pixels but " + values.length + " values");
        }
        byte[] data = byteOffset(values);
        StringBuilder h = new StringBuilder(2048);
        h.append("###CBF: VERSION 1.5, nanobragg miniCBF writer - PILATUS convention").append(CRLF).append(CRLF);
        h.append("data_").append(dataName).append(CRLF).append(CRLF);
        h.append("_array_data.header_convention \"PILATUS_1.2\"").append(CRLF);
        h.append("_array_data.header_contents").append(CRLF);
        h.append(';').append(CRLF);
        for (String line : headerLines) {
            h.append("# ").append(line).append(CRLF);
        }
        h.append(';').append(CRLF).append(CRLF);
        h.append("_array_data.data").append(CRLF);
        h.append(';').append(CRLF);
        h.append("--CIF-BINARY-FORMAT-SECTION--").append(CRLF);
        h.append("Content-Type: application/octet-stream;").append(CRLF);
        h.append("     conversions=\"x-CBF_BYTE_OFFSET\"").append(CRLF);
        h.append("Content-Transfer-Encoding: BINARY").append(CRLF);
        h.append("X-Binary-Size: ").append(data.length).append(CRLF);
        h.append("X-Binary-ID: 1").append(CRLF);
        h.append("X-Binary-Element-Type: \"signed 32-bit integer\"").append(CRLF);
        h.append("X-Binary-Element-Byte-Order: LITTLE_ENDIAN").append(CRLF);
        h.append("Content-MD5: ").append(md5Base64(data)).append(CRLF);
        h.append("X-Binary-Number-of-Elements: ").append(values.length).append(CRLF);
        h.append("X-Binary-Size-Fastest-Dimension: ").append(fast).append(CRLF);
        h.append("X-Binary-Size-Second-Dimension: ").append(slow).append(CRLF);
        h.append("X-Binary-Size-Padding: ").append(PADDING).append(CRLF);
        h.append(CRLF);
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(BINARY_START);
        out.write(data);
        out.write(new byte[PADDING]);
        out.write((CRLF + "--CIF-BINARY-FORMAT-SECTION----" + CRLF + ';' + CRLF + CRLF)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** Content-MD5 (RFC 1864): base64 of the MD5 digest of the encoded binary data. */
    static String md5Base64(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}
