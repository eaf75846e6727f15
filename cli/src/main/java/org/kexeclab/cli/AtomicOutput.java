package org.kexeclab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output file that appears whole or not at all: written to a temporary file in the same
 * directory, moved over the target by {@link #commit}, deleted by {@link #close} otherwise.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Writer writer;
    private boolean committed;

    AtomicOutput(Path target) {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        try {
            this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".partial");
            this.writer = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--out: cannot write '" + target + "' (" + describe(e, dir) + ")");
        }
    }

    private static String describe(Exception e, Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return "no such directory";
        }
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    Writer writer() {
        return writer;
    }

    /** Flushes and moves the finished file into place. */
    void commit() throws IOException {
        writer.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below either way
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more can be done; the name ends in .partial
            }
        }
    }
}
