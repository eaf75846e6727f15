package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace --out PATH} for every kind of PATH: a regular file is replaced whole (through
 * symbolic links, which stay links), a new file honours the umask, devices, FIFOs and {@code -}
 * are written through and stay what they are, and a directory, a dangling link or a missing
 * directory is refused with one sentence naming the path the user gave.
 */
class TraceOutTest {
    /** File-type bits of {@code st_mode}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    @TempDir
    Path dir;

    private static CliRunner.Result trace(String out) {
        return CliRunner.run("trace", "--arch", "arm", "--image", "one-page", "--limit", "20", "-q", "--out", out);
    }

    /** The trace as {@code trace} writes it to standard output. */
    private static String expectedTrace() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm", "--image", "one-page", "--limit", "20", "-q");
        assertEquals(0, r.status(), r.err());
        return r.out();
    }

    private static int fileType(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
    }

    private static void assertOneSentence(CliRunner.Result r, int status, String... words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("internal error")
                || r.err().contains(".partial"), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r.err());
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void out_regularFile_replacedWholeKeepingItsPermissions() throws IOException {
        Path f = Files.writeString(dir.resolve("t.txt"), "old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, trace(f.toString()).status());
        assertEquals(expectedTrace(), Files.readString(f));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(f));
        assertEquals(List.of(f), entries(), "no temporary file left");
    }

    @Test
    void out_newFile_createdWithTheUmaskLikeAnyNewFile() throws IOException {
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        assumeTrue(!umaskDefault.equals(PosixFilePermissions.fromString("rw-------")),
                "a umask of 077 gives 0600 either way");
        Path f = dir.resolve("new.txt");
        assertEquals(0, trace(f.toString()).status());
        assertEquals(umaskDefault, Files.getPosixFilePermissions(f));
    }

    @Test
    void out_directory_refusedNamingItAndLeftAlone() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        assertOneSentence(trace(d.toString()), 2, "'" + d + "'", "directory");
        assertTrue(Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(d), entries());
    }

    @Test
    void out_missingDirectory_refusedNamingThePathGiven() {
        assertOneSentence(trace(dir.resolve("no/such/t.txt").toString()), 2, "no such directory",
                dir.resolve("no/such/t.txt").toString());
    }

    @Test
    void out_devNull_writtenThroughAndStillACharacterDevice() throws IOException {
        Path dev = Path.of("/dev/null");
        assumeTrue(Files.exists(dev) && fileType(dev) == S_IFCHR);
        assertEquals(0, trace(dev.toString()).status());
        assertEquals(S_IFCHR, fileType(dev), "/dev/null must stay a device");
    }

    @Test
    void out_devFull_writeErrorSentenceExit1AndStillACharacterDevice() throws IOException {
        Path dev = Path.of("/dev/full");
        assumeTrue(Files.exists(dev) && fileType(dev) == S_IFCHR);
        assertOneSentence(trace(dev.toString()), KexecLab.EXIT_FAILED, "cannot write '/dev/full'",
                "No space left on device");
        assertEquals(S_IFCHR, fileType(dev), "/dev/full must stay a device");
    }

    @Test
    void out_symlinkToADevice_writtenThroughAndTheLinkKept() throws IOException {
        Path dev = Path.of("/dev/null");
        assumeTrue(Files.exists(dev));
        Path link = Files.createSymbolicLink(dir.resolve("null-link"), dev);
        assertEquals(0, trace(link.toString()).status());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(dev, Files.readSymbolicLink(link));
    }

    @Test
    void out_fifo_writtenThroughToItsReaderAndStillAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRunner.Result r = trace(fifo.toString());
        if (r.status() != 0) {
            try {
                reader.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException neverOpened) {
                Files.newOutputStream(fifo, java.nio.file.StandardOpenOption.WRITE).close();  // release the reader
            }
        }
        assertEquals(0, r.status(), r.err());
        assertEquals(expectedTrace(), reader.get(30, TimeUnit.SECONDS));
        assertEquals(S_IFIFO, fileType(fifo), "the FIFO must stay a FIFO");
        assertEquals(List.of(fifo), entries(), "no temporary file");
    }

    @Test
    void out_symlinkToRegularFile_targetReplacedAndTheLinkKept() throws IOException {
        Path target = Files.writeString(dir.resolve("target.txt"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
        assertEquals(0, trace(link.toString()).status());
        assertTrue(Files.isSymbolicLink(link), "the link must stay a link");
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(link));
        assertEquals(expectedTrace(), Files.readString(target));
        assertEquals(List.of(link, target), entries());
    }

    @Test
    void out_danglingSymlink_refusedAndNothingCreated() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("missing.txt"));
        assertOneSentence(trace(link.toString()), 2, "'" + link + "'", "symbolic link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of(link), entries(), "nothing created behind the link");
    }

    @Test
    void out_dash_writesStandardOutput() {
        CliRunner.Result r = trace("-");
        assertEquals(0, r.status(), r.err());
        assertEquals(expectedTrace(), r.out());
    }

    @Test
    void out_fileOfProc_refusedNamingThePathGivenNotATemporaryFile() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/version")));
        assertOneSentence(trace("/proc/version"), 2, "cannot write '/proc/version'");
    }
}
