package org.kexeclab.compress;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.kexeclab.loader.format.ImageFormatException;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZFormatException;

/**
 * Decompresses one xz stream (the compression Debian uses for the x86 bzImage payload and
 * the arm zImage's kernel) with a cap on the decompressed size. Bytes after the stream's
 * footer are ignored, as the kernel's own decompressor ignores them.
 */
public final class Xz {
    /** The xz stream header magic: FD '7' 'z' 'X' 'Z' 00. */
    private static final byte[] MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private Xz() {
    }

    /** True if {@code buf} holds the xz magic at {@code offset}. */
    public static boolean isXz(byte[] buf, int offset) {
        if (offset < 0 || buf.length - offset < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the next xz magic at or after {@code from}, or -1. */
    public static int nextMagic(byte[] buf, int from) {
        for (int i = Math.max(0, from); i <= buf.length - MAGIC.length; i++) {
            if (buf[i] == MAGIC[0] && isXz(buf, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The decompressed bytes of the xz stream in {@code buf[offset, offset + length)}.
     *
     * @param maxSize  the most bytes decompression may produce (at most {@code Integer.MAX_VALUE - 8})
     * @param sizeHint the expected decompressed size if known (a size trailer), else 0; only sizes the buffer
     * @param what     what is being decompressed, for the error sentence
     * @throws ImageFormatException if the stream is corrupt, ends early, or exceeds {@code maxSize}
     */
    public static byte[] decompress(byte[] buf, int offset, int length, long maxSize, long sizeHint, String what)
            throws ImageFormatException {
        int cap = (int) Math.min(maxSize, Integer.MAX_VALUE - 8);
        byte[] out = new byte[(int) Math.min(cap, sizeHint > 0 ? sizeHint : Math.max(1 << 16, 4L * length))];
        int pos = 0;
        try (SingleXZInputStream in = new SingleXZInputStream(new ByteArrayInputStream(buf, offset, length))) {
            while (true) {
                if (pos == out.length) {
                    int probe = in.read();
                    if (probe < 0) {
                        break;
                    }
                    if (pos >= cap) {
                        throw new ImageFormatException(what, offset, String.format("the xz stream decompresses to "
                                + "more than the 0x%x-byte limit: a corrupt file or an xz bomb", cap));
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
                    out[pos++] = (byte) probe;
                }
                int n = in.read(out, pos, out.length - pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
        } catch (XZFormatException e) {
            throw new ImageFormatException(what, offset, "there is no xz stream header here");
        } catch (EOFException e) {
            throw new ImageFormatException(what, offset, "the xz stream ends early: the file is truncated");
        } catch (CorruptedInputException | UnsupportedOptionsException e) {
            throw new ImageFormatException(what, offset, "the xz stream is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ImageFormatException(what, offset, "the xz stream cannot be read (" + e.getMessage() + ")");
        }
        return pos == out.length ? out : Arrays.copyOf(out, pos);
    }
}
