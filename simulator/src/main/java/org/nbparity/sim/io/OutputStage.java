package org.nbparity.sim.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.nbparity.sim.geometry.DetectorGeometry;
import org.nbparity.sim.geometry.DetectorReport;
import org.nbparity.sim.geometry.Roi;
import org.nbparity.sim.render.RenderResult;
import org.nbparity.sim.rng.Poisson;
import org.nbparity.sim.rng.Ran1;
import org.nbparity.sim.setup.Setup;

/**
 * Everything after the render loop (io-rng.md sections 9-11, upstream lines 3091-3283): the
 * end-of-run stdout lines, the float, SMV int, PGM and noise files, in upstream's order. Every file
 * is written to a temporary file in the target directory and renamed into place
 * ({@link AtomicFiles}).
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

    /** The writer behind both public overloads; tests inject failing {@code files}. */
    static void write(Setup setup, OutputOptions options, RenderResult result, Ran1 rng,
                      PrintStream out, Path workDir, AtomicFiles files) {
        DetectorGeometry det = setup.detector();
        int fpixels = det.fpixels();
        int spixels = det.spixels();
        int pixels = fpixels * spixels;
        float[] image = result.floatImage();
        Roi roi = det.roi();

        // U3091-3093
        out.print("\n");
        out.print(CFormat.sprintf("solid angle subtended by detector = %g steradian ( %g%% sphere)\n",
                result.omegaSum() / setup.steps(), 100 * result.omegaSum() / setup.steps() / 4 / Math.PI));

        Statistics stats = statistics(result, fpixels, spixels, roi);

        ByteOrder order = options.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (options.floatFile() != null) {
            out.print(CFormat.sprintf("writing %s as %d %lu-byte floats\n", options.floatFile(), pixels, 4));
            files.write(resolve(workDir, options.floatFile()), o -> writeFloats(o, image, order));
        }

        out.print(CFormat.sprintf("max_I = %g  at %g %g\n", result.maxI(), result.maxIx(), result.maxIy()));
        out.print(CFormat.sprintf("mean= %g rms= %g rmsd= %g\n", stats.avg(), stats.rms(), stats.rmsd()));
        double intfileScale = options.intfileScale();
        if (intfileScale <= 0.0) {
            intfileScale = 1.0;
            if (result.maxI() > 0.0) {
                intfileScale = 55000.0 / result.maxI();
            }
        }
        out.print(CFormat.sprintf("intfile_scale = %g\n", intfileScale));
        // upstream's one 16-bit buffer: the noise stage overwrites ROI pixels only (U3140-3158, U3244)
        short[] intimage = new short[pixels];
        double adc = options.adcOffset();
        for (int s = 0; s < spixels; ++s) {
            for (int f = 0; f < fpixels; ++f) {
                if (!roi.contains(f, s)) {
                    continue;
                }
                int idx = s * fpixels + f;
                double test = image[idx] * intfileScale + adc;
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
        if (options.intFile() != null) {
            out.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.intFile(), 2));
            byte[] header = smvHeader(setup, options, false);
            files.write(resolve(workDir, options.intFile()), o -> writeSmv(o, header, intimage, order));
        }

        if (options.pgmFile() != null) {
            double pgmScale = options.pgmScale();
            if (pgmScale <= 0.0) {
                pgmScale = intfileScale;
                if (stats.rmsd() > 0.0) {
                    pgmScale = 250.0 / (5.0 * stats.rmsd());
                }
            }
            out.print(CFormat.sprintf("pgm_scale = %g\n", pgmScale));
            byte[] pgm = new byte[pixels];
            for (int s = 0; s < spixels; ++s) {
                for (int f = 0; f < fpixels; ++f) {
                    if (!roi.contains(f, s)) {
                        continue;
                    }
                    int idx = s * fpixels + f;
                    double test = image[idx] * pgmScale;
                    if (test > 255.0) {
                        test = 255.0;
                    }
                    // (unsigned char)test: x86 truncates to int and keeps the low byte; no lower clamp
                    pgm[idx] = (byte) (int) test;
                }
            }
            out.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.pgmFile(), 1));
            String pgmHeader = CFormat.sprintf("P5\n%d %d\n", fpixels, spixels)
                    + CFormat.sprintf("# pixels scaled by %lg\n", pgmScale) + "255\n";
            files.write(resolve(workDir, options.pgmFile()), o -> {
                o.write(pgmHeader.getBytes(StandardCharsets.US_ASCII));
                o.write(pgm);
            });
        }

        if (options.noiseFile() == null) {
            return;
        }
        // U3233-3256: one poidev per ROI pixel, serial row-major, on the run's shared table
        Poisson poisson = new Poisson(rng);
        Ran1.Seed seed = new Ran1.Seed(options.seed());
        double sum = 0.0;
        int overloads = 0;
        for (int s = 0; s < spixels; ++s) {
            for (int f = 0; f < fpixels; ++f) {
                if (!roi.contains(f, s)) {
                    continue;
                }
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
                intimage[idx] = (short) (int) test;
            }
        }
        out.print(CFormat.sprintf("%.0f photons on noise image (%d overloads)\n", sum, overloads));
        out.print(CFormat.sprintf("writing %s as %lu-byte integers\n", options.noiseFile(), 2));
        byte[] header = smvHeader(setup, options, true);
        files.write(resolve(workDir, options.noiseFile()), o -> writeSmv(o, header, intimage, order));
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
        for (int s = 0; s < spixels; ++s) {
            for (int f = 0; f < fpixels; ++f) {
                if (!roi.contains(f, s)) {
                    continue;
                }
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

    /** Header, spaces up to byte 512 (none if the header is longer: no truncation, U3182), data. */
    private static void writeSmv(OutputStream o, byte[] header, short[] data, ByteOrder order)
            throws IOException {
        o.write(header);
        for (int pos = header.length; pos < SMV_HEADER_BYTES; pos++) {
            o.write(' ');
        }
        ByteBuffer buf = ByteBuffer.allocate(data.length * 2).order(order);
        buf.asShortBuffer().put(data);
        o.write(buf.array());
    }

    private static void writeFloats(OutputStream o, float[] image, ByteOrder order) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(image.length * 4).order(order);
        buf.asFloatBuffer().put(image);
        o.write(buf.array());
    }

    private static Path resolve(Path workDir, Path file) {
        return workDir == null ? file : workDir.resolve(file);
    }
}
