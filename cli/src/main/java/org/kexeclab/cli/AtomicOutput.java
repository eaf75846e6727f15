package org.kexeclab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A regular output file that appears whole or not at all: written to a temporary file in the
 * target's own directory, moved over the target by {@link #commit}, deleted by {@link #close}
 * otherwise. The temporary file is created with the process's umask, as any new file; when it
 * replaces an existing file it takes that file's permissions. The target is the real file
 * behind any symbolic links, so a link stays a link.
 */
final class AtomicOutput implements OutputFile {
    private static final int ATTEMPTS = 16;

    private final Path given;
    private final Path target;
    private final Path temp;
    private final GuardedWriter writer;
    private boolean committed;

    private AtomicOutput(Path given, Path target, Set<PosixFilePermission> keep) {
        this.given = given;
        this.target = target;
        try {
            this.temp = createTemp(target);
        } catch (IOException e) {
            throw OutputFile.refused(given, "cannot create a file in " + target.getParent() + ": "
                    + OutputFile.reason(e));
        }
        try {
            if (keep != null) {
                Files.setPosixFilePermissions(temp, keep);
            }
            this.writer = new GuardedWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                    StandardCharsets.UTF_8), 1 << 16), given);
        } catch (IOException e) {
            deleteTemp();
            throw OutputFile.refused(given, OutputFile.reason(e));
        }
    }

    /** A new file at {@code target} (absolute), named {@code given} in messages. */
    static AtomicOutput create(Path given, Path target) {
        return new AtomicOutput(given, target, null);
    }

    /** A replacement of the existing regular file {@code target} (its real path), keeping its permissions. */
    static AtomicOutput replace(Path given, Path target) throws IOException {
        Set<PosixFilePermission> keep = Files.getFileStore(target).supportsFileAttributeView("posix")
                ? Files.getPosixFilePermissions(target) : null;
        return new AtomicOutput(given, target, keep);
    }

    /** A fresh {@code .NAME.RANDOM.partial} next to {@code target}, created as any new file (the umask applies). */
    private static Path createTemp(Path target) throws IOException {
        FileAlreadyExistsException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            String name = "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".partial";
            try {
                return Files.createFile(target.resolveSibling(name));
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public Writer writer() {
        return writer;
    }

    @Override
    public void commit() {
        writer.close();
        if (OutputFile.existsAsOtherThanRegularFile(target)) {
            throw new OutputFailedException("--out: '" + given + "' is no longer a regular file, so it was left as "
                    + "it is and nothing was written", null);
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw GuardedWriter.failed(given, e);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                writer.close();
            } catch (OutputFailedException ignored) {
                // the temporary file is deleted below either way
            }
            deleteTemp();
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more can be done; the name ends in .partial
        }
    }
}
