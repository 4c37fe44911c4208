package org.nbparity.harness.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for the Java simulator in harness tests (the real one lives on other branches):
 * {@code FakeSimulator GOLDEN_DIR FAULT [-mode M -threads N] argv...}. It writes the golden
 * outputs of GOLDEN_DIR into the working directory and, with {@code -trace_pixel S F}, prints the
 * golden trace of that pixel (TRACE_C dialect, read with the case's loop layout). FAULT injects a known defect:
 * {@code none}; {@code scale} (float image x 1.26); {@code fluence} (image and the traced fluence x 1.26); {@code onebit} (pixel 0 one ULP up);
 * {@code tracechanges} (traced runs write a different image); {@code trace:KEY} (KEY's values
 * x 1.001 in the trace); {@code crash} (exit 134); {@code sleep} (hangs 60 s).
 */
public final class FakeSimulator {
    private FakeSimulator() {
    }

    public static void main(String[] args) throws Exception {
        Path golden = Path.of(args[0]);
        String fault = args[1];
        List<String> argv = new ArrayList<>(List.of(args).subList(2, args.length));
        int s = -1;
        int f = -1;
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("-trace_pixel")) {
                s = Integer.parseInt(argv.get(i + 1));
                f = Integer.parseInt(argv.get(i + 2));
            }
        }
        if (fault.equals("crash")) {
            System.err.println("fake simulator: deliberate crash");
            System.exit(134);
        }
        if (fault.equals("sleep")) {
            Thread.sleep(60_000);
        }
        try (Stream<Path> files = Files.list(golden)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".gz")).toList()) {
                String name = p.getFileName().toString().replaceAll("\\.gz$", "");
                Path out = Path.of(name);
                try (InputStream in = new GZIPInputStream(Files.newInputStream(p)); OutputStream o = Files.newOutputStream(out)) {
                    in.transferTo(o);
                }
                if (name.equals("float.bin")) {
                    perturb(out, fault, s >= 0);
                }
            }
        }
        System.out.println("fake simulator");
        if (s >= 0) {
            Path t = golden.resolve("trace_s" + s + "_f" + f + ".txt");
            if (Files.isRegularFile(t)) {
                for (String line : Files.readAllLines(t)) {
                    if (!line.startsWith("TRACE_C: ")) {
                        continue;
                    }
                    String l = line; // the golden dialect as is: the harness reads any dialect on either side
                    String key = l.split(" ")[1];
                    boolean hit = fault.startsWith("trace:") && key.equals(fault.substring(6))
                            || fault.equals("fluence") && key.equals("fluence_photons_per_m2");
                    double factor = fault.equals("fluence") ? 1.26 : 1.001;
                    if (hit) {
                        String[] parts = l.split(" ");
                        StringBuilder sb = new StringBuilder(parts[0] + " " + parts[1]);
                        for (int i = 2; i < parts.length; i++) {
                            sb.append(' ').append(Double.parseDouble(parts[i]) * factor);
                        }
                        l = sb.toString();
                    }
                    System.out.println(l);
                }
            }
        }
    }

    private static void perturb(Path file, String fault, boolean traced) throws IOException {
        if (fault.equals("none") || fault.startsWith("trace:") || (fault.equals("tracechanges") && !traced)) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.capacity() / 4;
        for (int i = 0; i < n; i++) {
            float v = b.getFloat(4 * i);
            if (fault.equals("scale") || fault.equals("fluence")) {
                b.putFloat(4 * i, v * 1.26f);
            } else if (i == 0) {
                b.putFloat(4 * i, Math.nextUp(v));
            }
        }
        Files.write(file, b.array());
    }
}
