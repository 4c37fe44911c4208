package org.nbparity.sim.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all-or-nothing: the content goes to a temporary file in the target's directory,
 * which is flushed to disk and then renamed over the target. On any failure the temporary file is
 * removed and an {@link UncheckedIOException} with a one-line message naming the target is thrown
 * (the CLI maps it to exit code 3); the target is then either absent or untouched.
 *
 * <p>Upstream opens its outputs with {@code fopen(name, "wb")}, which truncates in place; this
 * class deliberately differs so that an interrupted run never leaves a half-written image.
 * An existing target or a directory that nobody may write (no write permission bit at all) is
 * refused even when running as root, so the behaviour does not depend on the user.
 */
public final class AtomicFiles {
    /** Produces the bytes of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Produces a file through a library that writes by path (the NXmx writer): it creates and
     * writes {@code temp}, which does not exist yet, and closes it before returning.
     */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path temp) throws IOException;
    }

    /** Opens the temporary file for writing (replaceable in tests to inject write failures). */
    @FunctionalInterface
    public interface Opener {
        OutputStream open(Path temp) throws IOException;
    }

    /** Real files, forced to the device before the rename. */
    public static final AtomicFiles DEFAULT = new AtomicFiles(AtomicFiles::openSynced);

    private static final Set<PosixFilePermission> WRITE_BITS = Set.of(
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Opener opener;

    /** @param opener how the temporary file is opened */
    public AtomicFiles(Opener opener) {
        this.opener = opener;
    }

    /** {@link #write(Path, Content)} with real files. */
    public static void writeAtomically(Path target, Content content) {
        DEFAULT.write(target, content);
    }

    /**
     * Writes {@code target} from {@code content} via a temporary file and a rename.
     *
     * @throws UncheckedIOException with message {@code "cannot write <target>: <reason>"}
     */
    public void write(Path target, Content content) {
        writeVia(target, temp -> {
            try (OutputStream out = new BufferedOutputStream(opener.open(temp), 1 << 16)) {
                content.writeTo(out);
            }
        });
    }

    /**
     * As {@link #write(Path, Content)} for content written by path: the temporary file is forced
     * to the device after {@code content} closed it, then renamed over {@code target}.
     *
     * @throws UncheckedIOException with message {@code "cannot write <target>: <reason>"}
     */
    public void writeFile(Path target, FileContent content) {
        writeVia(target, temp -> {
            content.writeTo(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        });
    }

    private void writeVia(Path target, FileContent content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "no such directory " + dir);
            }
            if (nobodyMayWrite(dir)) {
                throw new AccessDeniedException(dir.toString(), null, "directory " + dir + " is not writable");
            }
            if (Files.isDirectory(absolute)) {
                throw new FileSystemException(target.toString(), null, "is a directory");
            }
            if (Files.exists(absolute) && nobodyMayWrite(absolute)) {
                throw new AccessDeniedException(target.toString(), null, "existing file is read-only");
            }
            // a random suffix, not a secret: the temporary file is opened with CREATE_NEW (O_EXCL),
            // and SecureRandom would cost ~40 ms of provider set-up in a fresh JVM (measured)
            temp = dir.resolve("." + absolute.getFileName() + ".tmp"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            content.writeTo(temp);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
        }
    }

    private static boolean nobodyMayWrite(Path p) throws IOException {
        if (!Files.isWritable(p)) {
            return true;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        return perms.stream().noneMatch(WRITE_BITS::contains);
    }

    /** A single-line reason: the OS reason without the path (the message names the target). */
    static String reason(IOException e) {
        String r;
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            r = fse.getReason();
        } else if (e instanceof NoSuchFileException) {
            r = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            r = "permission denied";
        } else if (e.getMessage() != null) {
            r = e.getMessage();
        } else {
            r = e.getClass().getSimpleName();
        }
        return r.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static OutputStream openSynced(Path temp) throws IOException {
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(ch)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    flush();
                    ch.force(true);
                } finally {
                    out.close();
                }
            }
        };
    }
}
