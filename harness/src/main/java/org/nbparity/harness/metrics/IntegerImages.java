package org.nbparity.harness.metrics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Byte-for-byte comparison of SMV and PGM images (header and data separately). */
public final class IntegerImages {
    private static final int LIST = 20;

    private IntegerImages() {
    }

    /** Compares two SMV files (optionally .gz); the shapes must agree. */
    public static IntegerImageComparison compareSmv(Path a, Path b) {
        byte[] x = FloatImage.readBytes(a);
        byte[] y = FloatImage.readBytes(b);
        SmvHeader ha = SmvHeader.parse(x, a.toString());
        SmvHeader hb = SmvHeader.parse(y, b.toString());
        if (!ha.shape().equals(hb.shape())) {
            throw new IllegalArgumentException("SMV shapes differ: " + a + " " + ha.shape() + ", " + b + " " + hb.shape());
        }
        List<String> hd = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(ha.fields().keySet());
        keys.addAll(hb.fields().keySet());
        for (String k : keys) {
            String va = ha.fields().get(k);
            String vb = hb.fields().get(k);
            if (va == null ? vb != null : !va.equals(vb)) {
                if (hd.size() < LIST) {
                    hd.add(k + ": " + va + " | " + vb);
                }
            }
        }
        byte[] headA = Arrays.copyOfRange(x, 0, (int) ha.dataOffset());
        byte[] headB = Arrays.copyOfRange(y, 0, (int) hb.dataOffset());
        boolean headerEqual = Arrays.equals(headA, headB);
        if (!headerEqual && hd.isEmpty()) {
            hd.add("(fields equal; padding or layout differs: " + headA.length + " vs " + headB.length + " bytes)");
        }
        return data("smv", x, y, (int) ha.dataOffset(), (int) hb.dataOffset(), 2, ha.littleEndian(), ha.shape(),
                headerEqual, hd);
    }

    /** Compares two binary PGM (P5, maxval <= 255) files (optionally .gz). */
    public static IntegerImageComparison comparePgm(Path a, Path b) {
        byte[] x = FloatImage.readBytes(a);
        byte[] y = FloatImage.readBytes(b);
        int[] pa = pgmHeader(x, a.toString());
        int[] pb = pgmHeader(y, b.toString());
        if (pa[0] != pb[0] || pa[1] != pb[1]) {
            throw new IllegalArgumentException("PGM shapes differ: " + a + " vs " + b);
        }
        ImageShape shape = new ImageShape(pa[1], pa[0]);
        List<String> hd = new ArrayList<>();
        List<String> la = new String(x, 0, pa[2], StandardCharsets.ISO_8859_1).lines().toList();
        List<String> lb = new String(y, 0, pb[2], StandardCharsets.ISO_8859_1).lines().toList();
        for (int i = 0; i < Math.max(la.size(), lb.size()) && hd.size() < LIST; i++) {
            String u = i < la.size() ? la.get(i) : null;
            String v = i < lb.size() ? lb.get(i) : null;
            if (u == null ? v != null : !u.equals(v)) {
                hd.add("line " + (i + 1) + ": " + u + " | " + v);
            }
        }
        boolean headerEqual = Arrays.equals(Arrays.copyOfRange(x, 0, pa[2]), Arrays.copyOfRange(y, 0, pb[2]));
        return data("pgm", x, y, pa[2], pb[2], 1, true, shape, headerEqual, hd);
    }

    /** {width, height, dataOffset} of a P5 file whose data are the last width*height bytes. */
    static int[] pgmHeader(byte[] x, String name) {
        String head = new String(x, 0, Math.min(x.length, 4096), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("P5")) {
            throw new IllegalArgumentException(name + ": not a binary PGM (no P5)");
        }
        List<String> tokens = new ArrayList<>();
        int i = 2;
        while (tokens.size() < 3 && i < head.length()) {
            char c = head.charAt(i);
            if (c == '#') {
                while (i < head.length() && head.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int j = i;
                while (j < head.length() && !Character.isWhitespace(head.charAt(j))) {
                    j++;
                }
                tokens.add(head.substring(i, j));
                i = j;
            }
        }
        if (tokens.size() < 3) {
            throw new IllegalArgumentException(name + ": truncated PGM header");
        }
        int w = Integer.parseInt(tokens.get(0));
        int h = Integer.parseInt(tokens.get(1));
        if (Integer.parseInt(tokens.get(2)) > 255) {
            throw new IllegalArgumentException(name + ": PGM maxval > 255 not supported");
        }
        int off = x.length - w * h;
        if (off < i + 1) {
            throw new IllegalArgumentException(name + ": PGM file too short for " + w + "x" + h);
        }
        return new int[]{w, h, off};
    }

    private static IntegerImageComparison data(String kind, byte[] x, byte[] y, int offA, int offB, int bpp, boolean le,
                                               ImageShape shape, boolean headerEqual, List<String> hd) {
        long diff = 0;
        long maxAbs = 0;
        List<PixelDiff> first = new ArrayList<>();
        int n = shape.pixels();
        for (int p = 0; p < n; p++) {
            int va = value(x, offA + p * bpp, bpp, le);
            int vb = value(y, offB + p * bpp, bpp, le);
            if (va != vb) {
                diff++;
                maxAbs = Math.max(maxAbs, Math.abs(va - vb));
                if (first.size() < LIST) {
                    first.add(new PixelDiff(p / shape.fast(), p % shape.fast(), va, vb, Math.abs(va - vb), -1));
                }
            }
        }
        boolean identical = Arrays.equals(x, y);
        return new IntegerImageComparison(kind, identical, headerEqual, hd, diff == 0, shape, diff, maxAbs, first);
    }

    private static int value(byte[] b, int off, int bpp, boolean le) {
        if (bpp == 1) {
            return b[off] & 0xff;
        }
        int lo = b[off] & 0xff;
        int hi = b[off + 1] & 0xff;
        return le ? lo | hi << 8 : hi | lo << 8;
    }
}
