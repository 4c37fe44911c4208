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

    @Override
    default void close() {
    }
}
