package org.nbparity.harness.backend;

/**
 * A way of running a nanoBragg-compatible C program on one case: in a container built from the
 * repository's Dockerfile ({@code docker}), with a local gcc build ({@code local}), a given
 * binary ({@code prebuilt}), or stored upstream outputs ({@code recorded}).
 *
 * <p>Every run happens in a fresh working directory holding only the case inputs (upstream
 * silently reads a stale {@code Fdump.bin} otherwise), with {@code OMP_NUM_THREADS} pinned.
 */
public interface CBackend extends AutoCloseable {
    /** Backend name as given to {@code --c-backend}. */
    String name();

    /**
     * Runs the C program once.
     *
     * @param request what to run
     * @return exit code, output streams, and the directory holding every output file
     * @throws BackendException when the environment or oracle fails (exit code 3 of nbparity)
     */
    CRun run(CRunRequest request) throws BackendException;

    /**
     * The digest naming the program this backend runs, known before any run (the key of facts
     * cached about the program, such as its trace dialect): the binary's sha256, or the id of its
     * container image. Null when there is no single program (a recorded oracle).
     *
     * @throws BackendException when the program cannot be prepared (e.g. its image does not build)
     */
    default String programDigest() throws BackendException {
        return null;
    }

    @Override
    default void close() {
    }
}
