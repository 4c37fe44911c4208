package org.nbparity.sim.crystal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.CScanner;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.io.MemoryBudget;

/**
 * Structure factors (setup.md S23): the two-pass HKL text reader with default_F prefill, the
 * Fdump.bin writer and reader, byte-compatible with upstream's (quirks Q19, Q20).
 */
public final class HklLoader {
    private HklLoader() {
    }

    /** A padded table as upstream allocates it: (hRange+1)*(kRange+1)*(lRange+1), l fastest. */
    static final class Padded {
        int hMin, hMax, kMin, kMax, lMin, lMax, hRange, kRange, lRange;
        double[] f;

        int idx(int h0, int k0, int l0) {
            return (h0 * (kRange + 1) + k0) * (lRange + 1) + l0;
        }

        StructureFactors toRecord(long hkls, double defaultF, double lastReadF) {
            double[] g = new double[Math.max(0, hRange) * Math.max(0, kRange) * Math.max(0, lRange)];
            int n = 0;
            for (int h = 0; h < hRange; h++) {
                for (int k = 0; k < kRange; k++) {
                    // one l row of the padded table is contiguous (l fastest)
                    System.arraycopy(f, idx(h, k, 0), g, n, Math.max(0, lRange));
                    n += Math.max(0, lRange);
                }
            }
            return new StructureFactors(g, hMin, hMax, kMin, kMax, lMin, lMax, hRange, kRange, lRange,
                    hkls, defaultF, lastReadF);
        }
    }

    /**
     * Case C of S23: reads the HKL text file, prints upstream's messages, writes the dump file.
     *
     * @param hklName  the name as typed (messages)
     * @param dumpName the dump name as typed (messages)
     */
    public static StructureFactors readHkl(Path hklFile, String hklName, double defaultF,
                                           Path dumpFile, String dumpName, PrintStream out) {
        return finish(load(hklFile, hklName, defaultF), dumpFile, dumpName, out);
    }

    /**
     * Everything case C computes from the HKL file before the dump file: the stdout text of the
     * two passes, then the table or the error to raise after that text. Computing it prints
     * nothing, so it may run ahead on another thread ({@link StructureFactorInput}).
     */
    public static final class Loaded {
        private final String text;
        private final UsageException error;
        private final StructureFactors table;
        private final byte[] dump;

        private Loaded(String text, UsageException error, StructureFactors table, byte[] dump) {
            this.text = text;
            this.error = error;
            this.table = table;
            this.dump = dump;
        }
    }

    /** Reads and tables the HKL file without printing (case C up to the dump file). */
    public static Loaded load(Path hklFile, String hklName, double defaultF) {
        StringBuilder out = new StringBuilder();
        try {
            Padded p = new Padded();
            StructureFactors table = scan(hklFile, hklName, defaultF, out, p);
            return new Loaded(out.toString(), null, table, dumpBytes(p));
        } catch (UsageException e) {
            return new Loaded(out.toString(), e, null, null);
        }
    }

    /** Prints what {@link #load} computed, raises its error or writes the dump file (S23 step 7). */
    public static StructureFactors finish(Loaded loaded, Path dumpFile, String dumpName, PrintStream out) {
        out.print(loaded.text);
        if (loaded.error != null) {
            throw loaded.error;
        }
        writeDump(loaded.dump, dumpFile, dumpName, out);
        return loaded.table;
    }

    /**
     * Upstream's two passes over the file into the padded table {@code p}; {@code out} receives
     * the stdout text.
     */
    private static StructureFactors scan(Path hklFile, String hklName, double defaultF, StringBuilder out,
                                         Padded p) {
        byte[] text;
        try {
            // upstream reads the file twice from disk; once into memory gives the same bytes
            text = Files.readAllBytes(hklFile);
        } catch (IOException e) {
            throw UsageException.unreadable("-hkl", hklName, e);
        }
        CScanner sc = new CScanner(text);
        long hkls = 0;
        int hMin = 1000000000, kMin = 1000000000, lMin = 1000000000;
        int hMax = -1000000000, kMax = -1000000000, lMax = -1000000000;
        double lastF = 0.0;
        // While every index is a plain integer token, pass 2 (%d%d%d%lg) would read exactly the
        // records pass 1 (%lg x4) read, from the same bytes: keep them and skip the second scan.
        Records records = new Records(text.length / 16 + 16);
        out.append("counting entries in " + hklName + "\n");
        while (true) {
            int before = sc.position();
            // four %lg conversions; h, k and l also checked for what %d would read
            boolean plain = records != null && sc.nextIsPlainInt();
            boolean read = sc.readDouble();
            double h = sc.lastDouble();
            if (read) {
                plain = plain && sc.nextIsPlainInt();
                read = sc.readDouble();
            }
            double k = sc.lastDouble();
            if (read) {
                plain = plain && sc.nextIsPlainInt();
                read = sc.readDouble();
            }
            double l = sc.lastDouble();
            read = read && sc.readDouble();
            double f = sc.lastDouble();
            if (!read) {
                sc.rewindTo(before);
                endOfPass1(sc, hklName);
                break;
            }
            if (h != Math.ceil(h - 0.4)) out.append(CFormat.sprintf("WARNING: non-integer value for h (%g) at line %d\n", h, (int) hkls));
            if (k != Math.ceil(k - 0.4)) out.append(CFormat.sprintf("WARNING: non-integer value for k (%g) at line %d\n", k, (int) hkls));
            if (l != Math.ceil(l - 0.4)) out.append(CFormat.sprintf("WARNING: non-integer value for l (%g) at line %d\n", l, (int) hkls));
            // int = double assignments truncate toward zero as in C
            if (hMin > h) hMin = (int) h;
            if (kMin > k) kMin = (int) k;
            if (lMin > l) lMin = (int) l;
            if (hMax < h) hMax = (int) h;
            if (kMax < k) kMax = (int) k;
            if (lMax < l) lMax = (int) l;
            lastF = f;
            ++hkls;
            if (plain) {
                records.add((int) h, (int) k, (int) l, f);
            } else {
                records = null;
            }
        }
        p.hMin = hMin; p.hMax = hMax; p.kMin = kMin; p.kMax = kMax; p.lMin = lMin; p.lMax = lMax;
        if (tooWide(hMin, hMax) || tooWide(kMin, kMax) || tooWide(lMin, lMax)) {
            // int ranges that overflow (C: undefined) cannot index any table
            throw new UsageException("-hkl: index ranges of " + hklName + " are too large");
        }
        p.hRange = hMax - hMin + 1;
        p.kRange = kMax - kMin + 1;
        p.lRange = lMax - lMin + 1;
        if (p.hRange < 0 || p.kRange < 0 || p.lRange < 0) {
            out.append(CFormat.sprintf("h: %d - %d\n", hMin, hMax));
            out.append(CFormat.sprintf("k: %d - %d\n", kMin, kMax));
            out.append(CFormat.sprintf("l: %d - %d\n", lMin, lMax));
            out.append("ERROR: not enough HKL indices in " + hklName + "\n");
            throw new UsageException("-hkl: not enough HKL indices in " + hklName);
        }
        long cells = (long) (p.hRange + 1) * (p.kRange + 1) * (p.lRange + 1);
        if (cells > 400_000_000L) {
            throw new UsageException("-hkl: index ranges of " + hklName + " are too large");
        }
        // the padded table, its record copy and the dump file's bytes are alive at once
        MemoryBudget.require(24 * cells, "-hkl: the index ranges of " + hklName);
        p.f = new double[(int) cells];
        if (defaultF != 0.0) {
            out.append(CFormat.sprintf("initializing to default_F = %g:\n", defaultF));
            // the fill stops before the padding planes (quirk Q20)
            for (int h0 = 0; h0 < p.hRange; h0++) {
                for (int k0 = 0; k0 < p.kRange; k0++) {
                    for (int l0 = 0; l0 < p.lRange; l0++) {
                        p.f[p.idx(h0, k0, l0)] = defaultF;
                    }
                }
            }
            out.append("done initializing:\n");
        }
        out.append("re-reading " + hklName + "\n");
        if (records != null) {
            for (int i = 0; i < records.size; i++) {
                double f = records.f[i];
                store(p, hklName, records.hkl[3 * i], records.hkl[3 * i + 1], records.hkl[3 * i + 2], f);
                lastF = f;
            }
        } else {
            sc.rewind();
            while (true) {
                // %d%d%d%lg: an index written "1.0" stops this pass at once (quirk Q19)
                if (!sc.readInt()) {
                    break;
                }
                int h0 = sc.lastInt();
                if (!sc.readInt()) {
                    break;
                }
                int k0 = sc.lastInt();
                if (!sc.readInt()) {
                    break;
                }
                int l0 = sc.lastInt();
                if (!sc.readDouble()) {
                    break;
                }
                double f = sc.lastDouble();
                store(p, hklName, h0, k0, l0, f);
                lastF = f;
            }
        }
        return p.toRecord(hkls, defaultF, lastF);
    }

    /**
     * Pass 1 stopped before a record: upstream ends it silently at the first non-numeric token
     * (quirk Q19); the project reports such a line (or a truncated last record) as bad input.
     */
    private static void endOfPass1(CScanner sc, String hklName) {
        if (!sc.atEnd()) {
            throw new UsageException("-hkl: " + hklName + " line " + sc.line()
                    + ": not an 'h k l F' record");
        }
    }

    /** One pass-2 record into the padded table. */
    private static void store(Padded p, String hklName, int h0, int k0, int l0, double f) {
        int hi = h0 - p.hMin, ki = k0 - p.kMin, li = l0 - p.lMin;
        if (hi < 0 || hi > p.hRange || ki < 0 || ki > p.kRange || li < 0 || li > p.lRange) {
            throw new UsageException("-hkl: " + hklName + ": record " + h0 + " " + k0 + " " + l0
                    + " falls outside the index ranges of the first pass");
        }
        p.f[p.idx(hi, ki, li)] = f;
    }

    /** The records of pass 1, in file order, while all of them have plain integer indices. */
    private static final class Records {
        int[] hkl;
        double[] f;
        int size;

        Records(int capacity) {
            hkl = new int[3 * capacity];
            f = new double[capacity];
        }

        void add(int h, int k, int l, double value) {
            if (size == f.length) {
                f = java.util.Arrays.copyOf(f, 2 * size);
                hkl = java.util.Arrays.copyOf(hkl, 6 * size);
            }
            hkl[3 * size] = h;
            hkl[3 * size + 1] = k;
            hkl[3 * size + 2] = l;
            f[size++] = value;
        }
    }

    /** The dump bytes exactly as upstream writes them (S23 step 7). */
    static byte[] dumpBytes(Padded p) {
        byte[] head = String.format(java.util.Locale.ROOT, "%d %d %d %d %d %d\n\f",
                p.hMin, p.hMax, p.kMin, p.kMax, p.lMin, p.lMax).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bb = ByteBuffer.allocate(head.length + 8 * p.f.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(head);
        bb.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(p.f);
        return bb.array();
    }

    private static void writeDump(byte[] bytes, Path dumpFile, String dumpName, PrintStream out) {
        Path dir = dumpFile.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            // not Files.createTempFile: its SecureRandom costs ~40 ms in a fresh JVM (measured);
            // CREATE_NEW (O_EXCL) already rules out reusing or following an existing name
            tmp = dir.resolve(".Fdump" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                    .nextLong() & Long.MAX_VALUE) + ".tmp");
            Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.move(tmp, dumpFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, dumpFile, StandardCopyOption.REPLACE_EXISTING);
            }
            out.print("writing dump file for next time: " + dumpName + "\n");
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to clean up
                }
            }
            // upstream goes on without a dump file
            out.print("WARNING: unable to open dump file: " + dumpName + "\n");
        }
    }

    /**
     * Case A of S23: reads a dump file written by a previous run. The header scan
     * "%d%d%d%d%d%d\n\f" skips every white-space byte after the sixth integer, including leading
     * payload bytes 0x09-0x0D/0x20, which shifts the whole grid (quirk Q20).
     */
    public static StructureFactors readDump(byte[] bytes, String dumpName, double defaultF, PrintStream out) {
        out.print("reading Fs from " + dumpName + "\n");
        CScanner sc = new CScanner(bytes);
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            Integer x = sc.nextInt();
            if (x == null) {
                throw new UsageException(dumpName + ": not a structure-factor dump file (bad header)");
            }
            v[i] = x;
        }
        sc.atEnd(); // the "\n\f" directives: skip all white space
        int pos = sc.position();
        Padded p = new Padded();
        p.hMin = v[0]; p.hMax = v[1]; p.kMin = v[2]; p.kMax = v[3]; p.lMin = v[4]; p.lMax = v[5];
        if (tooWide(v[0], v[1]) || tooWide(v[2], v[3]) || tooWide(v[4], v[5])) {
            throw new UsageException(dumpName + ": bad index ranges in the dump header");
        }
        p.hRange = p.hMax - p.hMin + 1;
        p.kRange = p.kMax - p.kMin + 1;
        p.lRange = p.lMax - p.lMin + 1;
        if (p.hRange < 0 || p.kRange < 0 || p.lRange < 0
                || (long) (p.hRange + 1) * (p.kRange + 1) * (p.lRange + 1) > 400_000_000L) {
            throw new UsageException(dumpName + ": bad index ranges in the dump header");
        }
        // the padded table and its record copy (a short file still leaves zeros, as upstream)
        MemoryBudget.require(16L * (p.hRange + 1) * (p.kRange + 1) * (p.lRange + 1),
                dumpName + ": the index ranges in the dump header");
        p.f = new double[(p.hRange + 1) * (p.kRange + 1) * (p.lRange + 1)];
        int n = Math.min(p.f.length, (bytes.length - pos) / 8);
        ByteBuffer.wrap(bytes, pos, bytes.length - pos).slice().order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer().get(p.f, 0, n);
        // a short file leaves zeros, as fread into calloc'd rows does
        long hkls = (long) p.hRange * p.kRange * p.lRange;
        return p.toRecord(hkls, defaultF, 0.0);
    }

    /** True when max - min + 1 (+1 for the padding plane) would not fit an int index. */
    private static boolean tooWide(int min, int max) {
        return (long) max - min + 2 > Integer.MAX_VALUE;
    }
}
