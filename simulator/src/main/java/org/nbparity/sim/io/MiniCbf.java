package org.nbparity.sim.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

    /**
     * A decoded miniCBF: the Pilatus header lines (without {@code "# "}) and the pixel values.
     *
     * @param headerLines the lines between {@code _array_data.header_contents} and its closing ';'
     * @param values      the signed 32-bit values, fast index varying fastest
     * @param fast        X-Binary-Size-Fastest-Dimension
     * @param slow        X-Binary-Size-Second-Dimension
     */
    public record Decoded(List<String> headerLines, int[] values, int fast, int slow) {
        /** The value of the header line starting with {@code key + " "}, or null. */
        public String header(String key) {
            for (String l : headerLines) {
                if (l.startsWith(key + " ")) {
                    return l.substring(key.length() + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * Reads a miniCBF as {@link #write} writes it (and as a Pilatus does): the header lines, then
     * the binary section, whose {@code X-Binary-Size}, {@code Content-MD5}, element type, byte
     * order, element count and dimensions are all checked. The one decoder of the format in this
     * project (the harness reads CBF outputs with it).
     *
     * @throws IOException naming what is wrong, one line
     */
    public static Decoded read(byte[] file) throws IOException {
        int start = indexOf(file, BINARY_START);
        if (start < 0) {
            throw new IOException("not a miniCBF: no binary section");
        }
        String text = new String(file, 0, start, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("###CBF: VERSION")) {
            throw new IOException("not a miniCBF: no ###CBF line");
        }
        List<String> header = new ArrayList<>();
        int h = text.indexOf("_array_data.header_contents");
        if (h >= 0) {
            boolean in = false;
            for (String l : text.substring(h).split("\r?\n")) {
                if (l.equals(";")) {
                    if (in) {
                        break;
                    }
                    in = true;
                } else if (in) {
                    header.add(l.startsWith("# ") ? l.substring(2) : l);
                }
            }
        }
        if (!text.contains("x-CBF_BYTE_OFFSET")) {
            throw new IOException("miniCBF: conversion is not x-CBF_BYTE_OFFSET");
        }
        String type = mime(text, "X-Binary-Element-Type");
        if (!"\"signed 32-bit integer\"".equals(type)) {
            throw new IOException("miniCBF: element type " + type + ", not \"signed 32-bit integer\"");
        }
        String order = mime(text, "X-Binary-Element-Byte-Order");
        if (!"LITTLE_ENDIAN".equals(order)) {
            throw new IOException("miniCBF: byte order " + order + ", not LITTLE_ENDIAN");
        }
        long size = number(text, "X-Binary-Size");
        long count = number(text, "X-Binary-Number-of-Elements");
        long fast = number(text, "X-Binary-Size-Fastest-Dimension");
        long slow = number(text, "X-Binary-Size-Second-Dimension");
        int dataStart = start + BINARY_START.length;
        if (size < 0 || size > file.length - (long) dataStart) {
            throw new IOException("miniCBF: X-Binary-Size " + size + " but " + (file.length - dataStart)
                    + " bytes follow the binary start");
        }
        if (fast < 1 || slow < 1 || fast * slow != count || count > Integer.MAX_VALUE) {
            throw new IOException("miniCBF: " + count + " elements do not fill " + fast + "x" + slow);
        }
        byte[] data = java.util.Arrays.copyOfRange(file, dataStart, dataStart + (int) size);
        String md5 = mime(text, "Content-MD5");
        if (md5 != null && !md5.equals(md5Base64(data))) {
            throw new IOException("miniCBF: Content-MD5 does not match the binary data");
        }
        return new Decoded(List.copyOf(header), byteOffsetDecode(data, (int) count), (int) fast, (int) slow);
    }

    /**
     * Decodes {@code count} values of byte-offset data (the inverse of {@link #byteOffset}; the
     * 8-byte escape is refused: no 32-bit element needs it).
     *
     * @throws IOException when the data ends early, needs the 64-bit escape or is longer
     */
    public static int[] byteOffsetDecode(byte[] data, int count) throws IOException {
        int[] out = new int[count];
        int pos = 0;
        int prev = 0;
        try {
            for (int i = 0; i < count; i++) {
                int d = data[pos++];
                if (d == -128) {
                    d = (short) ((data[pos] & 0xFF) | (data[pos + 1] << 8));
                    pos += 2;
                    if (d == -32768) {
                        d = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                                | data[pos + 3] << 24;
                        pos += 4;
                        if (d == Integer.MIN_VALUE) {
                            throw new IOException("miniCBF: 64-bit byte-offset escape at element " + i);
                        }
                    }
                }
                prev += d;
                out[i] = prev;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IOException("miniCBF: binary data ends before element " + count);
        }
        if (pos != data.length) {
            throw new IOException("miniCBF: " + (data.length - pos) + " bytes of binary data after the last element");
        }
        return out;
    }

    private static String mime(String text, String key) {
        for (String l : text.split("\r?\n")) {
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1).trim();
            }
        }
        return null;
    }

    private static long number(String text, String key) throws IOException {
        String v = mime(text, key);
        if (v == null) {
            throw new IOException("miniCBF: no " + key);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException("miniCBF: " + key + " is not a number: " + v);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
