package org.nbparity.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-offset encoding at each escape boundary (bytes written out by hand from the CBFlib
 * description), the MIME header of the binary section, and the by-path atomic write the NXmx
 * writer uses (a library failure leaves neither the target nor a temporary file).
 */
class MiniCbfTest {
    @TempDir
    Path dir;

    @Test
    void byteOffsetAtEveryEscapeBoundary() {
        int[] values = {0, 127, 0, 128, 0, -127, -128, 32767 - 128, 65535, 0, 32767, 32767 + 32768};
        byte[] want = {
            0x00,                                   // 0 - 0
            0x7F,                                   // +127: one byte
            (byte) 0x81,                            // -127: one byte
            (byte) 0x80, (byte) 0x80, 0x00,         // +128: escape, int16 LE
            (byte) 0x80, (byte) 0x80, (byte) 0xFF,  // -128: escape, int16 LE
            (byte) 0x81,                            // -127
            (byte) 0xFF,                            // -1
            (byte) 0x80, (byte) 0xFF, 0x7F,         // +32767 (from -128 to 32639)
            (byte) 0x80, 0x00, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, 0x00, // +32896: escape, escape, int32 LE
            (byte) 0x80, 0x00, (byte) 0x80, 0x01, 0x00, (byte) 0xFF, (byte) 0xFF, // -65535
            (byte) 0x80, (byte) 0xFF, 0x7F,         // +32767
            (byte) 0x80, 0x00, (byte) 0x80, 0x00, (byte) 0x80, 0x00, 0x00, // +32768 needs 4 bytes
        };
        assertArrayEquals(want, MiniCbf.byteOffset(values));
    }

    @Test
    void binarySectionHeaderAndData() throws IOException {
        int[] values = {1, 2, 300, 4, 5, 6};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MiniCbf.write(out, "t", List.of("Wavelength 1.0 A"), values, 3, 2);
        byte[] file = out.toByteArray();
        String text = new String(file, StandardCharsets.ISO_8859_1);
        byte[] data = MiniCbf.byteOffset(values);
        assertTrue(text.contains("_array_data.header_convention \"PILATUS_1.2\"\r\n"), text);
        assertTrue(text.contains(";\r\n# Wavelength 1.0 A\r\n;\r\n"), text);
        assertTrue(text.contains("X-Binary-Size: " + data.length + "\r\n"), text);
        assertTrue(text.contains("Content-MD5: " + MiniCbf.md5Base64(data) + "\r\n"), text);
        assertTrue(text.contains("X-Binary-Size-Fastest-Dimension: 3\r\nX-Binary-Size-Second-Dimension: 2\r\n"), text);
        int start = text.indexOf("\u000c\u001a\u0004\u00d5") + 4;
        byte[] got = java.util.Arrays.copyOfRange(file, start, start + data.length);
        assertArrayEquals(data, got);
        assertTrue(text.endsWith("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n"));
        assertThrows(IllegalArgumentException.class,
                () -> MiniCbf.write(new ByteArrayOutputStream(), "t", List.of(), values, 4, 2));
    }

    @Test
    void byPathWriteThatFailsLeavesNothing() throws IOException {
        Path target = dir.resolve("x.nxs");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.DEFAULT.writeFile(target, temp -> {
            Files.write(temp, new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + target + ": disk full", e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
        AtomicFiles.DEFAULT.writeFile(target, temp -> Files.write(temp, new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    /** The decoder inverts the encoder at every escape, and reads the header lines back. */
    @Test
    void readInvertsWrite() throws IOException {
        int[] values = {0, 127, 0, 128, 0, -127, -128, 32767 - 128, 65535, 0, 32767, 32767 + 32768};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MiniCbf.write(out, "t", List.of("Wavelength 1.0 A", "Pixel_size 172e-6 m x 172e-6 m"), values, 4, 3);
        MiniCbf.Decoded d = MiniCbf.read(out.toByteArray());
        assertArrayEquals(values, d.values());
        assertEquals(4, d.fast());
        assertEquals(3, d.slow());
        assertEquals(List.of("Wavelength 1.0 A", "Pixel_size 172e-6 m x 172e-6 m"), d.headerLines());
        assertEquals("1.0 A", d.header("Wavelength"));
        assertEquals(null, d.header("Flux"));
    }

    /** A changed data byte (MD5), a cut file, or a wrong element count: one-line errors. */
    @Test
    void readRefusesDamagedFiles() throws IOException {
        int[] values = {1, 2, 300, 4, 5, 6};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MiniCbf.write(out, "t", List.of(), values, 3, 2);
        byte[] file = out.toByteArray();
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\u000c\u001a\u0004\u00d5") + 4;
        byte[] flipped = file.clone();
        flipped[start] ^= 1;
        assertEquals("miniCBF: Content-MD5 does not match the binary data",
                assertThrows(IOException.class, () -> MiniCbf.read(flipped)).getMessage());
        byte[] cut = java.util.Arrays.copyOf(file, start + 2);
        assertTrue(assertThrows(IOException.class, () -> MiniCbf.read(cut)).getMessage()
                .startsWith("miniCBF: X-Binary-Size "));
        byte[] wrong = text.replace("X-Binary-Number-of-Elements: 6", "X-Binary-Number-of-Elements: 5")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("miniCBF: 5 elements do not fill 3x2",
                assertThrows(IOException.class, () -> MiniCbf.read(wrong)).getMessage());
        assertEquals("miniCBF: 1 bytes of binary data after the last element",
                assertThrows(IOException.class, () -> MiniCbf.byteOffsetDecode(new byte[] {1, 2}, 1)).getMessage());
        assertEquals("not a miniCBF: no binary section",
                assertThrows(IOException.class, () -> MiniCbf.read(new byte[] {1, 2, 3})).getMessage());
    }
}
