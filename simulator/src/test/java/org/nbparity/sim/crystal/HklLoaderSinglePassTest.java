package org.nbparity.sim.crystal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.CScanner;
import org.nbparity.sim.clib.UsageException;

/**
 * HklLoader keeps the pass-1 records for pass 2 while every index is a plain integer token; on
 * any input the table, the stdout and the errors must be those of upstream's two scans, here
 * re-done the straightforward way (second scan with %d%d%d%lg over the same bytes).
 */
class HklLoaderSinglePassTest {
    @TempDir
    Path dir;

    private static final String[] INDEX = {"3", "-2", "+1", "0", "-0", "007", "12", "-11"};
    private static final String[] ODD_INDEX = {"1.0", "2e0", "3.", "-1.6", "0x2", "4.4", "+.5e1"};
    private static final String[] F = {"23.00", "0.5", "1e3", "-7.25", "12345.678", "0", "3", "1.5E-2",
        "0x1p3", "inf", "123456789012345678", "2.5e-30"};
    private static final String[] SPACE = {" ", "  ", "\t", " \t "};

    @Test
    void sameTableStdoutAndErrorsAsTwoFullScans() throws IOException {
        Random r = new Random(11);
        for (int file = 0; file < 400; file++) {
            StringBuilder text = new StringBuilder();
            int records = 1 + r.nextInt(40);
            boolean odd = file % 3 == 0; // a third of the files have a non-plain index somewhere
            int oddAt = r.nextInt(records);
            for (int i = 0; i < records; i++) {
                for (int c = 0; c < 3; c++) {
                    text.append(SPACE[r.nextInt(SPACE.length)]);
                    text.append(odd && i == oddAt && c == r.nextInt(3)
                            ? ODD_INDEX[r.nextInt(ODD_INDEX.length)] : INDEX[r.nextInt(INDEX.length)]);
                }
                text.append(SPACE[r.nextInt(SPACE.length)]).append(F[r.nextInt(F.length)]);
                text.append(r.nextInt(10) == 0 ? "\r\n" : r.nextInt(10) == 0 ? " " : "\n");
            }
            if (file % 7 == 0) {
                text.append("\n  \n");
            }
            String t = text.toString();
            Path hkl = dir.resolve("f" + file + ".hkl");
            Files.writeString(hkl, t, StandardCharsets.ISO_8859_1);
            double defaultF = file % 5 == 0 ? 1.5 : 0.0;
            String got = describe(out -> HklLoader.readHkl(hkl, "x.hkl", defaultF, dir.resolve("Fdump.bin"),
                    "Fdump.bin", out));
            String want = describe(out -> reference(t, defaultF, out));
            assertEquals(want, got, t);
        }
    }

    /** stdout (without the dump line), then the table or the error. */
    private static String describe(java.util.function.Function<PrintStream, StructureFactors> load) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1);
        StringBuilder d = new StringBuilder();
        try {
            StructureFactors sf = load.apply(out);
            d.append(sf.hMin()).append(' ').append(sf.hMax()).append(' ').append(sf.kMin()).append(' ')
                    .append(sf.kMax()).append(' ').append(sf.lMin()).append(' ').append(sf.lMax()).append(' ')
                    .append(sf.hkls()).append(' ').append(Double.doubleToRawLongBits(sf.lastReadF())).append('\n');
            for (double v : sf.f()) {
                d.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
            }
        } catch (UsageException e) {
            d.append("error: ").append(e.getMessage());
        }
        return bytes.toString(StandardCharsets.ISO_8859_1).replace("writing dump file for next time: Fdump.bin\n", "")
                + "\n" + d;
    }

    /** Upstream's two scans, written plainly with the boxed scanner calls. */
    private static StructureFactors reference(String text, double defaultF, PrintStream out) {
        CScanner sc = new CScanner(text);
        long hkls = 0;
        int hMin = 1000000000, kMin = 1000000000, lMin = 1000000000;
        int hMax = -1000000000, kMax = -1000000000, lMax = -1000000000;
        double lastF = 0.0;
        out.print("counting entries in x.hkl\n");
        while (true) {
            int before = sc.position();
            Double h = sc.nextDouble();
            Double k = h == null ? null : sc.nextDouble();
            Double l = k == null ? null : sc.nextDouble();
            Double f = l == null ? null : sc.nextDouble();
            if (f == null) {
                sc.rewindTo(before);
                if (!sc.atEnd()) {
                    throw new UsageException("-hkl: x.hkl line " + sc.line() + ": not an 'h k l F' record");
                }
                break;
            }
            if (h != Math.ceil(h - 0.4)) out.print(CFormat.sprintf("WARNING: non-integer value for h (%g) at line %d\n", h, (int) hkls));
            if (k != Math.ceil(k - 0.4)) out.print(CFormat.sprintf("WARNING: non-integer value for k (%g) at line %d\n", k, (int) hkls));
            if (l != Math.ceil(l - 0.4)) out.print(CFormat.sprintf("WARNING: non-integer value for l (%g) at line %d\n", l, (int) hkls));
            if (hMin > h) hMin = (int) (double) h;
            if (kMin > k) kMin = (int) (double) k;
            if (lMin > l) lMin = (int) (double) l;
            if (hMax < h) hMax = (int) (double) h;
            if (kMax < k) kMax = (int) (double) k;
            if (lMax < l) lMax = (int) (double) l;
            lastF = f;
            ++hkls;
        }
        HklLoader.Padded p = new HklLoader.Padded();
        p.hMin = hMin; p.hMax = hMax; p.kMin = kMin; p.kMax = kMax; p.lMin = lMin; p.lMax = lMax;
        p.hRange = hMax - hMin + 1;
        p.kRange = kMax - kMin + 1;
        p.lRange = lMax - lMin + 1;
        if (p.hRange < 0 || p.kRange < 0 || p.lRange < 0) {
            out.print(CFormat.sprintf("h: %d - %d\n", hMin, hMax));
            out.print(CFormat.sprintf("k: %d - %d\n", kMin, kMax));
            out.print(CFormat.sprintf("l: %d - %d\n", lMin, lMax));
            out.print("ERROR: not enough HKL indices in x.hkl\n");
            throw new UsageException("-hkl: not enough HKL indices in x.hkl");
        }
        p.f = new double[(p.hRange + 1) * (p.kRange + 1) * (p.lRange + 1)];
        if (defaultF != 0.0) {
            out.print(CFormat.sprintf("initializing to default_F = %g:\n", defaultF));
            for (int h0 = 0; h0 < p.hRange; h0++) {
                for (int k0 = 0; k0 < p.kRange; k0++) {
                    for (int l0 = 0; l0 < p.lRange; l0++) {
                        p.f[p.idx(h0, k0, l0)] = defaultF;
                    }
                }
            }
            out.print("done initializing:\n");
        }
        out.print("re-reading x.hkl\n");
        sc.rewind();
        while (true) {
            Integer h0 = sc.nextInt();
            Integer k0 = h0 == null ? null : sc.nextInt();
            Integer l0 = k0 == null ? null : sc.nextInt();
            Double f = l0 == null ? null : sc.nextDouble();
            if (f == null) {
                break;
            }
            int hi = h0 - hMin, ki = k0 - kMin, li = l0 - lMin;
            if (hi < 0 || hi > p.hRange || ki < 0 || ki > p.kRange || li < 0 || li > p.lRange) {
                throw new UsageException("-hkl: x.hkl: record " + h0 + " " + k0 + " " + l0
                        + " falls outside the index ranges of the first pass");
            }
            p.f[p.idx(hi, ki, li)] = f;
            lastF = f;
        }
        return p.toRecord(hkls, defaultF, lastF);
    }

    @Test
    void dumpBytesRoundTrip() {
        HklLoader.Padded p = new HklLoader.Padded();
        p.hMin = -1; p.hMax = 1; p.kMin = 0; p.kMax = 2; p.lMin = -3; p.lMax = 0;
        p.hRange = 3; p.kRange = 3; p.lRange = 4;
        p.f = new double[4 * 4 * 5];
        for (int i = 0; i < p.f.length; i++) {
            p.f[i] = i * 1.25 - 7;
        }
        byte[] bytes = HklLoader.dumpBytes(p);
        String head = "-1 1 0 2 -3 0\n\f";
        assertEquals(head, new String(bytes, 0, head.length(), StandardCharsets.ISO_8859_1));
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < p.f.length; i++) {
            assertEquals(Double.doubleToRawLongBits(p.f[i]), Double.doubleToRawLongBits(bb.getDouble(head.length() + 8 * i)));
        }
        StructureFactors back = HklLoader.readDump(bytes, "Fdump.bin", 0.0, new PrintStream(new ByteArrayOutputStream()));
        assertArrayEquals(p.toRecord(0, 0, 0).f(), back.f());
    }
}
