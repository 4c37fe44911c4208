package org.nbparity.harness.metrics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of an SMV image (io-rng.md section 10): {@code {\nKEY=VALUE;\n...}\n} padded.
 * SIZE1 is the fast size, SIZE2 the slow size. The pixels are the last SIZE1*SIZE2*2 bytes of the
 * file (upstream does not truncate a header longer than HEADER_BYTES), so {@link #dataOffset} is
 * computed from the file length, and {@link #headerBytes} is what the header declares.
 *
 * @param fields      KEY -> VALUE in file order
 * @param headerBytes HEADER_BYTES as declared
 * @param size1       SIZE1 (fast)
 * @param size2       SIZE2 (slow)
 * @param littleEndian BYTE_ORDER
 * @param fileBytes   total file length
 * @param dataOffset  fileBytes - SIZE1*SIZE2*2
 */
public record SmvHeader(Map<String, String> fields, int headerBytes, int size1, int size2, boolean littleEndian,
                        long fileBytes, long dataOffset) {

    /** Parses the header of an SMV file (optionally .gz). */
    public static SmvHeader read(Path file) {
        return parse(FloatImage.readBytes(file), file.toString());
    }

    /** Parses SMV bytes; {@code name} is used in error messages. */
    public static SmvHeader parse(byte[] b, String name) {
        if (b.length < 2 || b[0] != '{') {
            throw new IllegalArgumentException(name + ": not an SMV image (no '{' at the start)");
        }
        int end = -1;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '}') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(name + ": SMV header has no closing '}'");
        }
        String text = new String(b, 1, end - 1, StandardCharsets.ISO_8859_1);
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (eq > 0) {
                String v = l.substring(eq + 1);
                if (v.endsWith(";")) {
                    v = v.substring(0, v.length() - 1);
                }
                f.put(l.substring(0, eq), v);
            }
        }
        int hb = intField(f, "HEADER_BYTES", name);
        int s1 = intField(f, "SIZE1", name);
        int s2 = intField(f, "SIZE2", name);
        String type = f.getOrDefault("TYPE", "unsigned_short");
        if (!type.equals("unsigned_short")) {
            throw new IllegalArgumentException(name + ": SMV TYPE " + type + " not supported (unsigned_short only)");
        }
        boolean le = !f.getOrDefault("BYTE_ORDER", "little_endian").startsWith("big");
        long data = 2L * s1 * s2;
        if (data > b.length - (end + 1)) {
            throw new IllegalArgumentException(name + ": SMV file has " + b.length + " bytes, SIZE1*SIZE2*2 = "
                    + data + " after a " + (end + 1) + "-byte header");
        }
        return new SmvHeader(Collections.unmodifiableMap(f), hb, s1, s2, le, b.length, b.length - data);
    }

    private static int intField(Map<String, String> f, String k, String name) {
        String v = f.get(k);
        if (v == null) {
            throw new IllegalArgumentException(name + ": SMV header lacks " + k);
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": SMV header " + k + "=" + v + " is not an integer");
        }
    }

    /** The image shape: (SIZE2 slow, SIZE1 fast). */
    public ImageShape shape() {
        return new ImageShape(size2, size1);
    }
}
