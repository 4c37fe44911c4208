package org.nbparity.harness.cli;

import org.nbparity.harness.metrics.Gate;
import org.nbparity.harness.cases.Canonical;
import org.nbparity.harness.metrics.FloatImage;
import org.nbparity.harness.metrics.ImageComparison;
import org.nbparity.harness.metrics.ImageMetrics;
import org.nbparity.harness.metrics.ImageShape;
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

/** {@code nbparity image-diff A B --shape S F}. */
@Command(name = "image-diff", mixinStandardHelpOptions = true,
        description = "Compare two float32 images (raw or .gz, little-endian, slow index first) against the image gates.",
        footer = "%nExit: 0 every image gate passes, 1 a gate fails, 3 a file is missing or does not match the shape.")
final class ImageDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "reference image")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "candidate image")
    Path b;

    @Option(names = "--shape", arity = "2", required = true, paramLabel = "N",
            description = "S F: slow and fast pixel counts (never guessed from the file size)")
    int[] shape;

    @Option(names = "--thresholds", paramLabel = "FILE", description = "thresholds file (default: fixtures/thresholds.json)")
    Path thresholds;

    @Override
    public Integer call() throws Exception {
        if (shape[0] <= 0 || shape[1] <= 0) {
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
        FloatImage ia;
        FloatImage ib;
        try {
            ia = FloatImage.readChecked(a, new ImageShape(shape[0], shape[1]));
            ib = FloatImage.readChecked(b, new ImageShape(shape[0], shape[1]));
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
        return pass ? 0 : NbParity.FAIL;
    }
}
