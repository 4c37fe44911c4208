package org.nbparity.harness.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One parity case, as stored in {@code fixtures/cases/<id>.json} (schema {@code nbparity-case},
 * version 1). Paths inside a case are relative to the repository root ({@code ../shared/...} for
 * golden data, which is never copied into the repository).
 *
 * @param schema      always {@code nbparity-case}
 * @param version     schema version (1)
 * @param id          case id, also the file name
 * @param description what the case exercises
 * @param mode        {@code compat} or {@code fixed}; the Java side gets {@code -mode <mode>}
 * @param argv        arguments after the program name, identical for C and Java
 * @param inputs      files the program reads, copied into each fresh run directory
 * @param image       the float image to compare and its shape (never guessed from a file size)
 * @param trace       pixels traced in separate runs, and where {@code -trace_pixel} goes
 * @param oracle      where the reference outputs come from, with provenance
 * @param notes       upstream behaviour the case depends on
 * @param thresholds  the thresholds file holding the gates (repository-relative)
 * @param nativeOutputs detector-native files (miniCBF, NXmx) the Java side writes and the harness
 *                    checks ({@link NativeOutput}); null or empty: none
 */
public record ParityCase(
        String schema,
        int version,
        String id,
        String description,
        String mode,
        List<String> argv,
        List<Input> inputs,
        Image image,
        Trace trace,
        Oracle oracle,
        List<String> notes,
        String thresholds,
        @JsonProperty("native_outputs") List<NativeOutput> nativeOutputs) {

    /** The schema name every case declares. */
    public static final String SCHEMA = "nbparity-case";

    /**
     * An input file.
     *
     * @param name   file name the program sees in its working directory
     * @param source repository-relative path of the file
     * @param sha256 expected digest; a mismatch is an environment error
     */
    public record Input(String name, String source, String sha256) {
    }

    /**
     * The image compared by the gates.
     *
     * @param floatFile name of the float32 output as written by the programs
     * @param shape     {@code [spixels, fpixels]}: slow then fast, row-major with the slow index first
     */
    public record Image(@JsonProperty("float_file") String floatFile, List<Integer> shape) {
        /** Number of slow-axis pixels. */
        @JsonIgnore
        public int slow() {
            return shape.get(0);
        }

        /** Number of fast-axis pixels. */
        @JsonIgnore
        public int fast() {
            return shape.get(1);
        }
    }

    /**
     * Traced pixels.
     *
     * @param pixels   {@code [spixel, fpixel]} pairs
     * @param position {@code after} (append {@code -trace_pixel S F}) or {@code before} (prepend:
     *                 needed when the argv ends in a flag whose meaning depends on being last)
     * @param layout   loop extents for reading foreign trace dialects, or null
     */
    public record Trace(List<List<Integer>> pixels, String position, Layout layout) {
    }

    /**
     * Loop extents of the run, needed to name the records of the golden {@code TRACE_C} dialect
     * (which carries no loop indices); taken from the golden case's upstream facts, never guessed.
     * Optional: protocol-1 traces carry their own indices.
     *
     * @param thicksteps    detector layers
     * @param oversample    subpixels per side
     * @param sources       sources
     * @param phisteps      phi steps
     * @param mosaicDomains mosaic domains
     */
    public record Layout(int thicksteps, int oversample, int sources, int phisteps,
                         @JsonProperty("mosaic_domains") int mosaicDomains) {
    }

    /**
     * The C-side reference.
     *
     * @param kind       {@code golden} (stored upstream outputs under {@code dir}) or {@code live}
     *                   (no stored outputs: the C program must be run)
     * @param dir        repository-relative folder of the stored outputs
     * @param outputs    stored outputs
     * @param stdout     stored stdout
     * @param traces     stored traces (TRACE_C dialect), one per traced pixel
     * @param provenance where the stored outputs come from (upstream commit, build, case.json digest)
     */
    public record Oracle(String kind, String dir, List<Output> outputs, Stored stdout,
                         List<StoredTrace> traces, Map<String, Object> provenance) {
    }

    /**
     * A stored output file.
     *
     * @param name         file name as written by the program
     * @param kind         {@code float32}, {@code smv}, {@code smv_noise}, {@code pgm}
     * @param stored       stored (gzip) file name inside the oracle folder
     * @param sha256       digest of the uncompressed output
     * @param storedSha256 digest of the stored file
     */
    public record Output(String name, String kind, String stored, String sha256,
                         @JsonProperty("stored_sha256") String storedSha256) {
    }

    /**
     * A stored text file.
     *
     * @param stored file name inside the oracle folder
     * @param sha256 its digest
     */
    public record Stored(String stored, String sha256) {
    }

    /**
     * A stored trace.
     *
     * @param pixel  {@code [spixel, fpixel]}
     * @param stored file name inside the oracle folder
     * @param sha256 its digest
     */
    public record StoredTrace(List<Integer> pixel, String stored, String sha256) {
    }

    /**
     * A detector-native output (issue 15) of the Java side. Upstream writes no CBF or NXmx and
     * must not be given the project's flags (its substring matching could take them for others),
     * so only the Java run gets them, in front of the argv ({@link #javaArgv()}; in front, because
     * some upstream flags change meaning when they are the last argument). Its pixels are held
     * against the same run's SMV file (and float image), its geometry against what the C printed.
     *
     * @param name      file name as written by the simulator
     * @param format    {@code cbf} ({@code -cbffile}), {@code cbf_noise} ({@code -cbfnoisefile})
     *                  or {@code nxmx} ({@code -nxsfile})
     * @param smv       the SMV file of the same run that holds the same integers (the case argv's
     *                  {@code -intfile} for cbf and nxmx, {@code -noisefile} for cbf_noise)
     * @param withFloat nxmx only: also write the float image ({@code -nxsfloat}) and hold it
     *                  bitwise against {@code image.float_file}; null means false
     */
    public record NativeOutput(String name, String format, String smv, @JsonProperty("float") Boolean withFloat) {
        /** The formats a case may list. */
        public static final List<String> FORMATS = List.of("cbf", "cbf_noise", "nxmx");

        /** True when the NXmx file also holds the float image. */
        @JsonIgnore
        public boolean hasFloat() {
            return Boolean.TRUE.equals(withFloat);
        }

        /** The simulator flags that write this output. */
        @JsonIgnore
        public List<String> flags() {
            return switch (format) {
                case "cbf" -> List.of("-cbffile", name);
                case "cbf_noise" -> List.of("-cbfnoisefile", name);
                case "nxmx" -> hasFloat() ? List.of("-nxsfile", name, "-nxsfloat") : List.of("-nxsfile", name);
                default -> throw new IllegalStateException("unknown native format " + format);
            };
        }
    }

    /** The native outputs, never null. */
    @JsonIgnore
    public List<NativeOutput> natives() {
        return nativeOutputs == null ? List.of() : nativeOutputs;
    }

    /**
     * The Java side's untraced argv: the flags of the native outputs, then the case argv (the
     * C side gets {@link #argv()} alone).
     */
    @JsonIgnore
    public List<String> javaArgv() {
        if (natives().isEmpty()) {
            return argv;
        }
        List<String> all = new java.util.ArrayList<>();
        natives().forEach(n -> all.addAll(n.flags()));
        all.addAll(argv);
        return List.copyOf(all);
    }

    /** The argv of the traced run of one pixel. */
    public List<String> tracedArgv(int spixel, int fpixel) {
        List<String> extra = List.of("-trace_pixel", Integer.toString(spixel), Integer.toString(fpixel));
        List<String> all = new java.util.ArrayList<>();
        if (trace != null && "before".equals(trace.position())) {
            all.addAll(extra);
            all.addAll(argv);
        } else {
            all.addAll(argv);
            all.addAll(extra);
        }
        return List.copyOf(all);
    }
}
