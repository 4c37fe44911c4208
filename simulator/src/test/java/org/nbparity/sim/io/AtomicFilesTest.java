package org.nbparity.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static final byte[] DATA = new byte[100_000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31);
        }
    }

    private List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertOneLine(UncheckedIOException e, String fileName) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
    }

    @Test
    void writesAndReplacesWithoutLeavingTempFiles() throws IOException {
        Path target = dir.resolve("int.img");
        Files.writeString(target, "old contents");
        AtomicFiles.writeAtomically(target, o -> o.write(DATA));
        assertArrayEquals(DATA, Files.readAllBytes(target));
        assertEquals(List.of("int.img"), listing(dir));
    }

    @Test
    void missingDirectoryIsAOneLineError() {
        Path target = dir.resolve("nowhere/int.img");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeAtomically(target, o -> o.write(DATA)));
        assertOneLine(e, "nowhere/int.img");
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void unwritableDirectoryIsRefusedEvenForRoot() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> AtomicFiles.writeAtomically(ro.resolve("noise.img"), o -> o.write(DATA)));
            assertOneLine(e, "noise.img");
            assertEquals(List.of(), listing(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void readOnlyExistingTargetIsLeftUntouched() throws IOException {
        Path target = dir.resolve("image.pgm");
        Files.writeString(target, "keep me");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeAtomically(target, o -> o.write(DATA)));
        assertOneLine(e, "image.pgm");
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("keep me", Files.readString(target));
        assertEquals(List.of("image.pgm"), listing(dir));
    }

    /** An injected stream that fills up after 4096 bytes, as a full disk does. */
    @Test
    void diskFullMidWriteRemovesTheTempFile() throws IOException {
        Path target = dir.resolve("float.bin");
        AtomicFiles full = new AtomicFiles(temp -> new OutputStream() {
            private final OutputStream real = Files.newOutputStream(temp);
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 4096) {
                    throw new IOException("No space left on device");
                }
                real.write(b);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        });
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> full.write(target, o -> o.write(DATA)));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals(List.of(), listing(dir));
    }

    /** The kernel's own ENOSPC: the temp file's bytes go to /dev/full. */
    @Test
    void realEnospcFromDevFull() throws IOException {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(devFull), "no /dev/full on this system");
        Path target = dir.resolve("noise.img");
        Files.writeString(target, "previous run");
        AtomicFiles full = new AtomicFiles(temp -> {
            Files.createFile(temp);
            return new FileOutputStream(devFull.toFile());
        });
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> full.write(target, o -> o.write(DATA)));
        assertOneLine(e, "noise.img");
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("previous run", Files.readString(target));
        assertEquals(List.of("noise.img"), listing(dir));
    }

    @Test
    void failingContentLeavesNothing() throws IOException {
        Path target = dir.resolve("int.img");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeAtomically(target, o -> {
            o.write(DATA);
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void directoryAsTargetIsAnError() throws IOException {
        Path target = Files.createDirectory(dir.resolve("int.img"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeAtomically(target, o -> o.write(DATA)));
        assertOneLine(e, "int.img");
        assertEquals(List.of("int.img"), listing(dir));
    }
}
