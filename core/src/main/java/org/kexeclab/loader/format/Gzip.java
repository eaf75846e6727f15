package org.kexeclab.loader.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.kexeclab.loader.plan.LoadRequest;

/**
 * Decompresses gzip files (a distribution's compressed {@code vmlinuz}) with a cap on the
 * decompressed size, so a gzip bomb is an {@link ImageFormatException}, not an
 * {@link OutOfMemoryError}.
 */
public final class Gzip {
    /** The default cap on a decompressed kernel: 256 MiB. */
    public static final long DEFAULT_MAX_SIZE = LoadRequest.DEFAULT_MAX_DECOMPRESSED;

    private Gzip() {
    }

    /** True if {@code file} starts with the gzip magic 1f 8b. */
    public static boolean isGzip(byte[] file) {
        return file.length >= 2 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b;
    }

    /**
     * The decompressed bytes of {@code file}.
     *
     * @param maxSize the most bytes decompression may produce (at most {@code Integer.MAX_VALUE - 8})
     * @throws ImageFormatException if the stream is corrupt, ends early, or exceeds {@code maxSize}
     */
    public static byte[] inflate(byte[] file, long maxSize, String what) throws ImageFormatException {
        long cap = Math.min(maxSize, Integer.MAX_VALUE - 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(file.length * 4, 1 << 20));
        byte[] buf = new byte[64 * 1024];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file), buf.length)) {
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > cap) {
                    throw new ImageFormatException(what, -1, String.format("the gzip stream decompresses to more "
                            + "than the 0x%x-byte limit: a corrupt file or a gzip bomb", cap));
                }
                out.write(buf, 0, n);
            }
        } catch (EOFException e) {
            throw new ImageFormatException(what, -1, "the gzip stream ends early: the file is truncated");
        } catch (ZipException e) {
            throw new ImageFormatException(what, -1, "the gzip stream is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ImageFormatException(what, -1, "the gzip stream cannot be read (" + e.getMessage() + ")");
        }
        return out.toByteArray();
    }
}
