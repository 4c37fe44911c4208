package org.nbparity.harness.cli;

import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageShape;
import org.nbparity.harness.metrics.NativeImage;
import org.nbparity.harness.metrics.Pictures;
import org.nbparity.harness.thresholds.Thresholds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nbparity image-diff A B [--shape S F] [--nxs-float] [--png DIR]}: two images against the
 * image gates, each a raw float32 file or a detector-native file of the simulator (miniCBF, NXmx),
 * with PNG pictures on request.
 */
@Command(name = "image-diff", mixinStandardHelpOptions = true,
        description = {"Compare two images against the image gates: raw float32 (or .gz; little-endian, slow index first; "
                + "needs --shape), or a miniCBF (.cbf) or NeXus/NXmx (.nxs, .h5) file of the simulator, whose integer "
                + "image (or with --nxs-float its float image) is read with its own shape.",
                "With --png DIR also writes DIR/a.png, DIR/b.png (same log scale) and DIR/diff.png."},
        footer = "%nExit: 0 every image gate passes, 1 a gate fails, 3 a file is missing, unreadable or does not match the shape.")
final class ImageDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "reference image")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "candidate image")
    Path b;

    @Option(names = "--shape", arity = "2", paramLabel = "N",
            description = "S F: slow and fast pixel counts of a raw float image (never guessed from the file size); "
                    + "a .cbf/.nxs/.h5 file must have this shape when given")
    int[] shape;

    @Option(names = "--nxs-float", description = "read an NXmx file's float image (/entry/data/float_image) instead of its integers")
    boolean nxsFloat;

    @Option(names = "--png", paramLabel = "DIR", description = "write a.png, b.png and diff.png into DIR (created if missing)")
    Path png;

    @Option(names = "--thresholds", paramLabel = "FILE", description = "thresholds file (default: fixtures/thresholds.json)")
    Path thresholds;

    @Override
    public Integer call() throws Exception {
        boolean raw = NativeImage.formatOf(a.getFileName().toString()) == null
                || NativeImage.formatOf(b.getFileName().toString()) == null;
        if (shape == null && raw) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--shape=N' (for a raw float image; .cbf/.nxs/.h5 files carry their shape)");
        }
        if (shape != null && (shape[0] <= 0 || shape[1] <= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shape needs two positive integers");
        }
        for (Path p : new Path[] {a, b}) {
            if (!Files.isRegularFile(p)) {
                throw new EnvironmentException("image not found: " + p);
            }
        }
        Path thr = thresholds != null ? thresholds : NbParity.repoRoot().resolve("fixtures/thresholds.json");
        Thresholds t;
        try {
            t = Thresholds.parse(Files.readAllBytes(thr));
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException(e.getMessage());
        }
        ImageShape want = shape == null ? null : new ImageShape(shape[0], shape[1]);
        FloatImage ia;
        FloatImage ib;
        try {
            ia = image(a, want);
            ib = image(b, want == null ? ia.shape() : want);
        } catch (IOException e) {
            throw new EnvironmentException(e.getMessage());
        }
        ImageComparison s = ImageMetrics.compare(ia, ib, null, t, List.of(a.toString(), b.toString()));
        List<Gate> gates = s.gates();
        PrintWriter out = spec.commandLine().getOut();
        out.print(Canonical.write(s.full().toJson()));
        boolean pass = true;
        for (Gate g : gates) {
            out.printf("%-4s %-30s value %s limit %s margin %s%n", g.pass() ? "pass" : "FAIL", g.name(), g.value(), g.limit(), g.margin());
            pass &= g.pass();
        }
        if (png != null) {
            Pictures.Encoded pics = Pictures.encode(ia, ib, a.getFileName().toString(), b.getFileName().toString());
            Files.createDirectories(png);
            Files.write(png.resolve("a.png"), pics.reference());
            Files.write(png.resolve("b.png"), pics.candidate());
            Files.write(png.resolve("diff.png"), pics.difference());
        }
        return pass ? 0 : NbParity.FAIL;
    }

    /** A raw float file of shape {@code want}, or a native file's image (which must have {@code want} when given). */
    private FloatImage image(Path p, ImageShape want) throws IOException {
        if (NativeImage.formatOf(p.getFileName().toString()) == null) {
            return FloatImage.readChecked(p, want);
        }
        NativeImage n = NativeImage.read(p);
        FloatImage im;
        if (nxsFloat) {
            if (n.floats() == null) {
                throw new IOException(p + ": no float image (" + NativeImage.NX_FLOAT + "; written with -nxsfloat)");
            }
            im = new FloatImage(n.shape(), n.floats());
        } else {
            im = n.countsAsFloat();
        }
        if (want != null && !want.equals(im.shape())) {
            throw new IOException(p + " is " + im.shape().slow() + "x" + im.shape().fast() + ", not " + want.slow() + "x"
                    + want.fast());
        }
        return im;
    }
}
