package org.nbparity.sim.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.nbparity.sim.clib.CFormat;
import org.nbparity.sim.clib.UsageException;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.io.AtomicFiles;
import org.nbparity.sim.io.MiniCbf;
import org.nbparity.sim.io.OrderedWrites;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Poisson;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Setup;

/**
 * Everything after the render loop (io-rng.md sections 9-11, upstream lines 3091-3283): the
 * end-of-run stdout lines, the float, SMV int, PGM and noise files, in upstream's order; with the
 * project flags of {@link NativeFormats} also a miniCBF right after the SMV file of the same image
 * and the NXmx file after the PGM. Every file is written to a temporary file in the target
 * directory and renamed into place ({@link AtomicFiles}).
 *
 * <p>Only the ROI matters here, never the mask: upstream's statistics, int, PGM and noise loops
 * test the ROI bounds only, so masked pixels inside the ROI take part with their float value 0.
 *
 * <p>stdout prints each file name exactly as {@link OutputOptions} holds it, as upstream prints
 * the name typed on the command line; callers should therefore pass the names as typed and the
 * run directory as {@code workDir}. A null float or int file (only with
 * {@code -no_default_outputs}) skips that file and its "writing" line; the statistics and
 * {@code intfile_scale} lines are still printed because the PGM scale depends on them.
 */
public final class OutputStage {
    /** RTD = 180*M_1_PI as upstream defines it (not 180/Math.PI, which can differ in the last bit). */
    static final double RTD = 180.0 * 0.318309886183790671537767526745028724;
    private static final int SMV_HEADER_BYTES = 512;

    private OutputStage() {
    }

    /**
     * Refuses, before the render, detector-native outputs this run's geometry cannot be written
     * into (issue 15 item 5): an NXmx chain needs finite, non-zero, non-parallel axes
     * ({@link NexusLimits}), a Pilatus header finite numbers. Bad input, so a
     * {@link UsageException} naming the flag (exit 2), and nothing is written at all.
     */
    public static void refuseInexpressible(Setup setup, OutputOptions options) {
        NativeFormats formats = options.formats();
        if (formats.nxsFile() != null) {
            String why = NexusLimits.inexpressible(setup);
            if (why != null) {
                throw new UsageException("-nxsfile: NXmx cannot express this geometry: " + why);
            }
        }
        for (String flag : new String[] {"-cbffile", "-cbfnoisefile"}) {
            if ((flag.equals("-cbffile") ? formats.cbfFile() : formats.cbfNoiseFile()) != null) {
                String bad = PilatusHeader.nonFinite(setup, formats);
                if (bad != null) {
                    throw new UsageException(flag + ": the miniCBF header cannot hold a non-finite " + bad);
                }
            }
        }
    }

    /**
     * Upstream's statistics of the rendered image (io-rng.md 11.2 item 3).
     *
     * @param avg  mean over rendered pixels
     * @param rms  sqrt(sumsqr/(n-1)) over rendered pixels
     * @param rmsd root-mean-square deviation from avg over all ROI pixels, masked ones included
     */
    public record Statistics(double avg, double rms, double rmsd) {
    }

    /**
     * Writes the outputs and prints upstream's end-of-run lines; relative file names resolve
     * against the process working directory.
     *
     * @param setup   the run's setup
     * @param options what to write
     * @param result  the rendered image and statistics
     * @param rng     the run's shared ran1 table (already used by misset and mosaic draws)
     * @param out     upstream's stdout
     * @throws java.io.UncheckedIOException on an I/O failure (the CLI maps it to exit code 3)
     */
    public static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                             PrintStream out) {
        write(setup, options, result, rng, out, null, AtomicFiles.DEFAULT);
    }

    /**
     * As {@link #write(Setup, OutputOptions, RenderResult, Ran1, PrintStream)}, resolving relative
     * file names against {@code workDir} (stdout still prints the names as given, like upstream).
     */
    public static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                             PrintStream out, Path workDir) {
        write(setup, options, result, rng, out, workDir, AtomicFiles.DEFAULT);
    }

    /**
     * The writer behind both public overloads; tests inject failing {@code files}. With more than
     * one thread ({@code -threads}) the files are written by a background thread while the next
     * image is converted ({@link OrderedWrites}: same files, order and stdout, also on failure)
     * and the int and PGM conversions are split into bands of rows, one per thread.
     */
    static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                      PrintStream out, Path workDir, AtomicFiles files) {
        write(setup, options, result, rng, out, workDir, files,
                setup.render() == null ? 1 : setup.render().threads());
    }

    /** As above with an explicit thread count (tests). */
    static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                      PrintStream out, Path workDir, AtomicFiles files, int threadCount) {
        int threads = Math.max(1, threadCount);
        try (OrderedWrites w = new OrderedWrites(out, files, threads > 1)) {
            write(setup, options, result, rng, w, workDir, threads);
            w.finish();
        }
    }

    private static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                              OrderedWrites w, Path workDir, int threads) {
        DetectorGeometry det = setup.detector();
        int fpixels = det.fpixels();
        int spixels = det.spixels();
        int pixels = fpixels * spixels;
        float[] image = result.floatImage();
        Roi roi = det.roi();
        Box box = Box.of(roi, fpixels, spixels);

        // U3091-3093
        w.print("\n");
        w.print(CFormat.sprintf("solid angle subtended by detector = %g steradian ( %g%% sphere)\n",
                result.omegaSum() / setup.steps(), 100 * result.omegaSum() / setup.steps() / 4 / Math.PI));

        ByteOrder order = options.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        // the float file does not depend on the statistics (upstream computes them first but
        // prints nothing in between), so its write starts before them
        if (options.floatFile() != null) {
            w.print(CFormat.sprintf("writing %s as %d %lu-byte floats\n", options.floatFile(), pixels, 4));
            w.write(resolve(workDir, options.floatFile()), o -> writeFloats(o, image, order));
        }
        Statistics stats = statistics(result, fpixels, spixels, roi);

        w.print(CFormat.sprintf("max_I = %g  at %g %g\n", result.maxI(), result.maxIx(), result.maxIy()));
        w.print(CFormat.sprintf("mean= %g rms= %g rmsd= %g\n", stats.avg(), stats.rms(), stats.rmsd()));
        double intfileScale = options.intfileScale();
        if (intfileScale <= 0.0) {
            intfileScale = 1.0;
            if (result.maxI() > 0.0) {
                intfileScale = 55000.0 / result.maxI();
            }
        }
        w.print(CFormat.sprintf("intfile_scale = %g\n", intfileScale));
        // upstream's one 16-bit buffer: the noise stage overwrites ROI pixels only (U3140-3158,
        // U3244); pixels outside the ROI stay 0 in both images
        short[] intimage = new short[pixels];
        double adc = options.adcOffset();
        double scale = intfileScale;
        inBands(threads, box, (s0, s1) -> {
            for (int s = s0; s < s1; ++s) {
                for (int f = box.f0(); f < box.f1(); ++f) {
                    int idx = s * fpixels + f;
                    double test = image[idx] * scale + adc;
                    if (test > 65535.0) {
                        test = 65535.0;
                    }
                    if (test < 0.0) {
                        test = 0.0;
                    }
                    // quirk Q30 (U3156): +0.5 in double, rounded to float, then floorf
                    intimage[idx] = (short) (int) (float) Math.floor((float) (test + 0.5));
                }
            }
        });
        if (options.intFile() != null) {
            w.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.intFile(), 2));
            byte[] header = smvHeader(setup, options, false);
            w.write(resolve(workDir, options.intFile()), o -> writeSmv(o, header, intimage, order));
        }
        NativeFormats formats = options.formats();
        if (formats.cbfFile() != null) {
            writeCbf(w, setup, formats, resolve(workDir, formats.cbfFile()), formats.cbfFile(), intimage);
        }

        if (options.pgmFile() != null) {
            double pgmScale = options.pgmScale();
            if (pgmScale <= 0.0) {
                pgmScale = intfileScale;
                if (stats.rmsd() > 0.0) {
                    pgmScale = 250.0 / (5.0 * stats.rmsd());
                }
            }
            w.print(CFormat.sprintf("pgm_scale = %g\n", pgmScale));
            byte[] pgm = new byte[pixels];
            double pscale = pgmScale;
            inBands(threads, box, (s0, s1) -> {
                for (int s = s0; s < s1; ++s) {
                    for (int f = box.f0(); f < box.f1(); ++f) {
                        int idx = s * fpixels + f;
                        double test = image[idx] * pscale;
                        if (test > 255.0) {
                            test = 255.0;
                        }
                        // (unsigned char)test: x86 truncates to int and keeps the low byte; no lower clamp
                        pgm[idx] = (byte) (int) test;
                    }
                }
            });
            w.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.pgmFile(), 1));
            String pgmHeader = CFormat.sprintf("P5\n%d %d\n", fpixels, spixels)
                    + CFormat.sprintf("# pixels scaled by %lg\n", pgmScale) + "255\n";
            w.write(resolve(workDir, options.pgmFile()), o -> {
                o.write(pgmHeader.getBytes(StandardCharsets.US_ASCII));
                o.write(pgm);
            });
        }

        if (formats.nxsFile() != null) {
            w.print(CFormat.sprintf("writing %s as NeXus/NXmx HDF5%s\n", formats.nxsFile(),
                    formats.nxsCompress() ? "" : " (uncompressed)"));
            w.writeFile(resolve(workDir, formats.nxsFile()), temp -> {
                try {
                    NexusWriter.write(temp, setup, formats, intimage, image);
                } catch (NoClassDefFoundError e) {
                    // nanobragg.jar copied without its lib/ directory (the manifest's Class-Path)
                    throw new java.io.IOException("the HDF5 library io.jhdf:jhdf is not on the class path ("
                            + e.getMessage() + ")", e);
                }
            });
        }

        if (options.noiseFile() == null && !formats.needsNoise()) {
            return;
        }
        // U3233-3256: one poidev per ROI pixel, serial row-major, on the run's shared table. A
        // fresh buffer instead of upstream's reused one: the int file may still be being written;
        // outside the ROI both hold 0, so the noise file is the same
        short[] noiseimage = new short[pixels];
        Poisson poisson = new Poisson(rng);
        Ran1.Seed seed = new Ran1.Seed(options.seed());
        double sum = 0.0;
        int overloads = 0;
        for (int s = box.s0(); s < box.s1(); ++s) {
            for (int f = box.f0(); f < box.f1(); ++f) {
                int idx = s * fpixels + f;
                double test = poisson.poidev(image[idx], seed);
                sum += test;
                test += adc;
                if (test > 65535.0) {
                    test = 65535.0;
                    ++overloads;
                }
                // (unsigned short)test truncates; a negative value (only with a negative -adc) is
                // undefined in C, x86 keeps the low 16 bits of the int conversion
                noiseimage[idx] = (short) (int) test;
            }
        }
        w.print(CFormat.sprintf("%.0f photons on noise image (%d overloads)\n", sum, overloads));
        if (options.noiseFile() != null) {
            w.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.noiseFile(), 2));
            byte[] header = smvHeader(setup, options, true);
            w.write(resolve(workDir, options.noiseFile()), o -> writeSmv(o, header, noiseimage, order));
        }
        if (formats.cbfNoiseFile() != null) {
            writeCbf(w, setup, formats, resolve(workDir, formats.cbfNoiseFile()), formats.cbfNoiseFile(),
                    noiseimage);
        }
    }

    /**
     * A miniCBF of a 16-bit image ({@link MiniCbf}): the same unsigned values as the SMV file of
     * that image, as signed 32-bit counts.
     */
    private static void writeCbf(OrderedWrites w, Setup setup, NativeFormats formats, Path target, Path name,
                                 short[] image) {
        DetectorGeometry det = setup.detector();
        List<String> header = PilatusHeader.lines(setup, formats);
        w.print(CFormat.sprintf("writing %s as miniCBF %lu-byte integers\n", name, 4));
        w.write(target, o -> {
            int[] counts = new int[image.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = image[i] & 0xFFFF;
            }
            MiniCbf.write(o, "nanobragg", header, counts, det.fpixels(), det.spixels());
        });
    }

    /**
     * The ROI clipped to the image, half-open: rows {@code [s0, s1)}, columns {@code [f0, f1)}.
     * Upstream tests {@code roi.contains} per pixel inside full-image loops; walking the clipped
     * box row-major visits the same pixels in the same order.
     */
    record Box(int f0, int f1, int s0, int s1) {
        static Box of(Roi roi, int fpixels, int spixels) {
            int f0 = Math.max(0, roi.xmin());
            int f1 = (int) Math.min(fpixels, roi.xmax() + 1L);
            int s0 = Math.max(0, roi.ymin());
            int s1 = (int) Math.min(spixels, roi.ymax() + 1L);
            return f0 < f1 && s0 < s1 ? new Box(f0, f1, s0, s1) : new Box(0, 0, 0, 0);
        }
    }

    /** Rows {@code [s0, s1)} of a per-pixel conversion (no pixel depends on another). */
    @FunctionalInterface
    interface Rows {
        void run(int s0, int s1);
    }

    /**
     * Runs {@code rows} over the box's rows in {@code threads} contiguous bands, the first on the
     * caller's thread. Each pixel is written by exactly one band, so the result does not depend
     * on the thread count.
     */
    static void inBands(int threads, Box box, Rows rows) {
        int n = box.s1() - box.s0();
        int bands = (int) Math.min(threads, Math.max(1, n / 64)); // small images: not worth a thread
        if (bands <= 1) {
            rows.run(box.s0(), box.s1());
            return;
        }
        Thread[] helpers = new Thread[bands - 1];
        Throwable[] failure = new Throwable[bands];
        for (int b = 1; b < bands; b++) {
            int from = box.s0() + (int) ((long) n * b / bands);
            int to = box.s0() + (int) ((long) n * (b + 1) / bands);
            int slot = b;
            helpers[b - 1] = new Thread(() -> {
                try {
                    rows.run(from, to);
                } catch (Throwable t) {
                    failure[slot] = t;
                }
            }, "nanobragg-convert-" + b);
            helpers[b - 1].start();
        }
        rows.run(box.s0(), box.s0() + (int) ((long) n / bands));
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable t : failure) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /**
     * Upstream's mean, rms and rmsd (U3096-3119). The rmsd pass covers every ROI pixel including
     * masked ones (which are 0), unlike sum/sumsqr/sumn from the render loop.
     */
    public static Statistics statistics(RenderResult result, int fpixels, int spixels, Roi roi) {
        double sumn = result.sumn();
        if (sumn <= 0) {
            sumn = 1;
        }
        double avg = result.sum() / sumn;
        if (sumn <= 1) {
            sumn = 2;
        }
        double rms = Math.sqrt(result.sumsqr() / (sumn - 1));
        float[] image = result.floatImage();
        double sumsqr = 0.0;
        double n = 0;
        Box box = Box.of(roi, fpixels, spixels);
        for (int s = box.s0(); s < box.s1(); ++s) {
            for (int f = box.f0(); f < box.f1(); ++f) {
                double test = image[s * fpixels + f] - avg;
                sumsqr += test * test;
                ++n;
            }
        }
        if (n <= 1) {
            n = 2;
        }
        return new Statistics(avg, rms, Math.sqrt(sumsqr / (n - 1)));
    }

    /**
     * The SMV header text up to and including {@code "}\f"} (U3167-3181, U3268-3281), without the
     * padding. The noise file differs only in lines 17-18 ({@code +0.0*pixel_size} instead of
     * {@code -0.0*pixel_size}), which matters when the beam value is -0.0 (prints "-0" vs "0").
     */
    static byte[] smvHeader(Setup setup, OutputOptions options, boolean noiseFile) {
        DetectorGeometry det = setup.detector();
        DetectorReport r = det.report();
        double px = det.pixelSize();
        double[] dials = r.dialsOrigin();
        double denzoX = noiseFile ? (r.sbeam() + 0.0 * px) * 1000.0 : (r.sbeam() - 0.0 * px) * 1000.0;
        double denzoY = noiseFile ? (r.fbeam() + 0.0 * px) * 1000 : (r.fbeam() - 0.0 * px) * 1000;
        double phi0 = setup.crystal().phi0();
        StringBuilder h = new StringBuilder(512);
        h.append(CFormat.sprintf("{\nHEADER_BYTES=512;\nDIM=2;\nBYTE_ORDER=%s;\nTYPE=unsigned_short;\n",
                options.bigEndian() ? "big_endian" : "little_endian"));
        h.append(CFormat.sprintf("SIZE1=%d;\nSIZE2=%d;\nPIXEL_SIZE=%g;\nDISTANCE=%g;\n",
                det.fpixels(), det.spixels(), px * 1000.0, det.distance() * 1000.0));
        h.append(CFormat.sprintf("WAVELENGTH=%g;\n", setup.sources().lambda0() * 1e10));
        h.append(CFormat.sprintf("BEAM_CENTER_X=%g;\nBEAM_CENTER_Y=%g;\n", r.xbeam() * 1000.0, r.ybeam() * 1000));
        h.append(CFormat.sprintf("ADXV_CENTER_X=%g;\nADXV_CENTER_Y=%g;\n",
                r.fbeam() * 1000.0, (r.detsizeS() - r.sbeam()) * 1000));
        h.append(CFormat.sprintf("MOSFLM_CENTER_X=%g;\nMOSFLM_CENTER_Y=%g;\n",
                (r.sbeam() - 0.5 * px) * 1000.0, (r.fbeam() - 0.5 * px) * 1000));
        h.append(CFormat.sprintf("DENZO_X_BEAM=%g;\nDENZO_Y_BEAM=%g;\n", denzoX, denzoY));
        // quirk Q37: no semicolon after DIALS_ORIGIN
        h.append(CFormat.sprintf("DIALS_ORIGIN=%g,%g,%g\n", dials[0], dials[1], dials[2]));
        h.append(CFormat.sprintf("XDS_ORGX=%g;\nXDS_ORGY=%g;\n", r.orgx(), r.orgy()));
        h.append(CFormat.sprintf("CLOSE_DISTANCE=%g;\n", det.closeDistance() * 1000.0));
        h.append(CFormat.sprintf("PHI=%g;\nOSC_START=%g;\nOSC_RANGE=%g;\n",
                phi0 * RTD, phi0 * RTD, setup.crystal().osc() * RTD));
        h.append(CFormat.sprintf("TWOTHETA=%g;\n", r.twotheta() * RTD));
        h.append("DETECTOR_SN=000;\n");
        h.append("BEAMLINE=fake;\n");
        h.append("}\f");
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Bytes of the image data per chunk: the data goes out through one reused buffer rather than
     * one array as large as the file (measured: a 25 MB temporary array made the float write take
     * ~0.27 s, most of it a young-generation collection that copied the image).
     */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Header, spaces up to byte 512 (none if the header is longer: no truncation, U3182), data. */
    private static void writeSmv(OutputStream o, byte[] header, short[] data, ByteOrder order)
            throws IOException {
        o.write(header);
        for (int pos = header.length; pos < SMV_HEADER_BYTES; pos++) {
            o.write(' ');
        }
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, data.length * 2)];
        ShortBuffer view = ByteBuffer.wrap(chunk).order(order).asShortBuffer();
        int per = chunk.length / 2;
        for (int off = 0; off < data.length; off += per) {
            int len = Math.min(per, data.length - off);
            view.clear();
            view.put(data, off, len);
            o.write(chunk, 0, len * 2);
        }
    }

    private static void writeFloats(OutputStream o, float[] image, ByteOrder order) throws IOException {
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, image.length * 4)];
        FloatBuffer view = ByteBuffer.wrap(chunk).order(order).asFloatBuffer();
        int per = chunk.length / 4;
        for (int off = 0; off < image.length; off += per) {
            int len = Math.min(per, image.length - off);
            view.clear();
            view.put(image, off, len);
            o.write(chunk, 0, len * 4);
        }
    }

    private static Path resolve(Path workDir, Path file) {
        return workDir == null ? file : workDir.resolve(file);
    }
}
