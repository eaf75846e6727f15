package org.kexeclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Where {@code --out PATH} writes, chosen by what PATH is, so that nothing but a regular file
 * is ever replaced:
 * <ul>
 * <li>a regular file (also through symbolic links, which stay as they are) or a name not yet
 *     taken: written whole or not at all by {@link AtomicOutput};</li>
 * <li>{@code -}, a device ({@code /dev/null}), a FIFO, or a descriptor link such as
 *     {@code /dev/stdout}: written through by {@link StreamOutput};</li>
 * <li>a directory, a dangling symbolic link, or a path whose directory is missing: refused
 *     with one sentence (exit 2).</li>
 * </ul>
 */
interface OutputFile extends AutoCloseable {
    /** The kernel's per-process descriptor directories, whose links must be opened, never renamed onto. */
    Pattern DESCRIPTOR_DIRECTORY = Pattern.compile("/proc/[0-9]+(/task/[0-9]+)?/fd");
    /** The most symbolic links followed, as Linux's path walk (ELOOP beyond). */
    int MAX_LINKS = 40;

    /** The writer of the output; its failures are {@link OutputFailedException}s naming the path. */
    Writer writer();

    /** Finishes the output: flushes it and, for a file written aside, moves it into place. */
    void commit();

    /** Releases the output; one never committed leaves nothing behind where that is possible. */
    @Override
    void close();

    /**
     * Opens {@code given} for writing ({@code -}: {@code stdout}).
     *
     * @throws UsageException one sentence naming {@code given} when it cannot be written
     */
    static OutputFile open(Path given, PrintWriter stdout) {
        if (given.toString().equals("-")) {
            return StreamOutput.of(stdout);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(given, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return newFile(given);
        } catch (IOException e) {
            throw refused(given, reason(e));
        }
        if (a.isDirectory()) {
            throw refused(given, "it is a directory; name a file");
        }
        if (!a.isRegularFile() || throughDescriptorLink(given)) {
            return StreamOutput.open(given);
        }
        try {
            return AtomicOutput.replace(given, given.toRealPath());
        } catch (IOException e) {
            throw refused(given, reason(e));
        }
    }

    private static OutputFile newFile(Path given) {
        if (Files.isSymbolicLink(given)) {
            throw refused(given, "it is a symbolic link to a file that does not exist");
        }
        Path dir = given.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw refused(given, "no such directory");
        }
        return AtomicOutput.create(given, given.toAbsolutePath());
    }

    /**
     * True if {@code path}'s chain of symbolic links passes a descriptor link
     * ({@code /dev/stdout -> /proc/self/fd/1}): the file behind it is the one already open,
     * which must be written, not replaced by a new file of the same name.
     */
    private static boolean throughDescriptorLink(Path path) {
        Path p = path.toAbsolutePath();
        try {
            for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(p); hops++) {
                Path dir = p.getParent().toRealPath();
                if (DESCRIPTOR_DIRECTORY.matcher(dir.toString()).matches()) {
                    return true;
                }
                p = dir.resolve(Files.readSymbolicLink(p));
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The sentence for a path that cannot be written (exit 2). */
    static UsageException refused(Path given, String why) {
        return new UsageException("--out: cannot write '" + given + "' (" + why + ")");
    }

    /** The operating system's reason for {@code e}, without the file names Java puts in its messages. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "the file system refused it";
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }

    /** True if {@code path} exists and is not a regular file, without following a final link. */
    static boolean existsAsOtherThanRegularFile(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }
}
