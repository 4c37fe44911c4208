package org.nbparity.sim.crystal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.io.TextTable;

/**
 * Where the structure factors come from (setup.md S9, S23): an {@code -hkl} file, a stale dump
 * file from an earlier run, or {@code -default_F} alone. The dump is read at S9, where upstream
 * decides whether the run can go on; the table is built at S23.
 *
 * <p>With more than one thread ({@code -threads}), the {@code -hkl} file is read and tabled on a
 * background thread from S9 on, while setup goes on with the detector and the cell (which waits
 * for the libm handles, {@code clib.Libm}); S23 then prints the same text and raises the same
 * errors at the same point as reading it there. Measured on a 64 000-line file: ~0.08 s off
 * the serial path.
 *
 * @param dumpPath  the dump file (Fdump.bin) in the run directory
 * @param dumpBytes its content when -hkl is absent and it exists, else null
 * @param hkl       the -hkl file being read in the background, or null (read at S23)
 */
public record StructureFactorInput(Path dumpPath, byte[] dumpBytes, Future<HklLoader.Loaded> hkl) {

    /**
     * What S9, S23 and S24 read of the command line.
     *
     * @param hklFile  the {@code -hkl} name as typed, or null
     * @param dumpFile the dump name ({@code -dump}, default Fdump.bin)
     * @param defaultF {@code -default_F}
     * @param matFile  the {@code -mat} name, or null (S9 checks that a cell is given)
     * @param cellA    the typed cell edge a, Å (0 without {@code -cell})
     * @param stolFile the {@code -stol}/{@code -4stol}/{@code -Q} name, or null
     * @param threads  worker threads: with more than one the HKL file is read ahead
     */
    public record Input(String hklFile, String dumpFile, double defaultF, String matFile, double cellA,
                        String stolFile, int threads) {
    }

    /**
     * S9: finds the structure-factor source and checks, in upstream's single condition, that
     * there is one and that a cell is given.
     *
     * @throws UsageException when either is missing
     */
    public static StructureFactorInput locate(Input c, Path cwd, PrintStream out) {
        byte[] dumpBytes = null;
        Path dumpPath = cwd.resolve(c.dumpFile());
        if (c.hklFile() == null) {
            // Fs from a previous run are reused silently when -hkl is absent (quirk Q20)
            try {
                if (Files.isRegularFile(dumpPath)) {
                    dumpBytes = Files.readAllBytes(dumpPath);
                }
            } catch (IOException e) {
                dumpBytes = null;
            }
            if (dumpBytes == null && c.defaultF() == 0.0) {
                out.print("ERROR: no hkl file and no dump file to read.");
            }
        }
        if ((c.hklFile() == null && dumpBytes == null && c.defaultF() == 0.0)
                || (c.matFile() == null && c.cellA() == 0.0)) {
            out.print("\n");
            if (c.matFile() == null && c.cellA() == 0.0) {
                throw new UsageException("no crystal: give -cell a b c alpha beta gamma or -mat FILE (see -help)");
            }
            throw new UsageException("no structure factors: give -hkl FILE or -default_F F (no "
                    + c.dumpFile() + " to reuse) (see -help)");
        }
        Future<HklLoader.Loaded> hkl = null;
        if (c.hklFile() != null && c.threads() > 1) {
            Path hklPath = cwd.resolve(c.hklFile());
            FutureTask<HklLoader.Loaded> task = new FutureTask<>(() -> HklLoader.load(hklPath, c.hklFile(), c.defaultF()));
            Thread t = new Thread(task, "nanobragg-hkl");
            t.setDaemon(true); // a run that fails before S23 does not wait for it
            t.start();
            hkl = task;
        }
        return new StructureFactorInput(dumpPath, dumpBytes, hkl);
    }

    /** S23: reads the -hkl file (writing the dump) or the dump, or makes the empty table. */
    public StructureFactors load(Input c, Path cwd, PrintStream out) {
        if (c.hklFile() != null) {
            HklLoader.Loaded loaded = hkl != null ? await(hkl)
                    : HklLoader.load(cwd.resolve(c.hklFile()), c.hklFile(), c.defaultF());
            return HklLoader.finish(loaded, dumpPath, c.dumpFile(), out);
        }
        if (dumpBytes != null) {
            return HklLoader.readDump(dumpBytes, c.dumpFile(), c.defaultF(), out);
        }
        return new StructureFactors(new double[0], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, c.defaultF(), 0.0);
    }

    private static HklLoader.Loaded await(Future<HklLoader.Loaded> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * S24: reads and checks the {@code -stol} table (F against sin(theta)/lambda), printing the
     * "reading" line; upstream never uses the values.
     */
    public static void checkStol(Input c, Path cwd, PrintStream out) {
        if (c.stolFile() == null) {
            return;
        }
        out.print("reading " + c.stolFile() + "\n");
        double[][] st;
        try {
            st = TextTable.read(cwd.resolve(c.stolFile()), 2, "-stol: " + c.stolFile());
        } catch (IOException e) {
            throw UsageException.unreadable("-stol", c.stolFile(), e);
        }
        if (st[0].length == 0) {
            throw new UsageException("-stol: no data in " + c.stolFile());
        }
    }
}
