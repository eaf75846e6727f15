package org.kexeclab.loader.format;

import java.nio.ByteOrder;

/**
 * Bounded reads of a file's bytes in one byte order: every read names the field it reads,
 * so a truncated file fails with "the file ends at 0x.. before field F at 0x..". Length
 * fields are never trusted: {@link #checkRange} bounds any slice by the file size.
 */
public final class FileBytes {
    private final byte[] data;
    private final String format;
    private final ByteOrder order;

    public FileBytes(byte[] data, String format, ByteOrder order) {
        this.data = data;
        this.format = format;
        this.order = order;
    }

    /** The same bytes read in {@code other} byte order. */
    public FileBytes withOrder(ByteOrder other) {
        return new FileBytes(data, format, other);
    }

    public int length() {
        return data.length;
    }

    public byte[] data() {
        return data;
    }

    public String format() {
        return format;
    }

    public ByteOrder order() {
        return order;
    }

    public int u8(long offset, String field) throws ImageFormatException {
        checkRange(offset, 1, field);
        return data[(int) offset] & 0xff;
    }

    public int u16(long offset, String field) throws ImageFormatException {
        return (int) read(offset, 2, field);
    }

    public long u32(long offset, String field) throws ImageFormatException {
        return read(offset, 4, field);
    }

    public long u64(long offset, String field) throws ImageFormatException {
        return read(offset, 8, field);
    }

    /** An unsigned word of {@code size} (1, 2, 4 or 8) bytes. */
    public long read(long offset, int size, String field) throws ImageFormatException {
        checkRange(offset, size, field);
        int o = (int) offset;
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = data[o + (order == ByteOrder.BIG_ENDIAN ? i : size - 1 - i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** A copy of {@code [offset, offset + len)}, checked against the file size first. */
    public byte[] slice(long offset, long len, String what) throws ImageFormatException {
        checkRange(offset, len, what);
        byte[] out = new byte[(int) len];
        System.arraycopy(data, (int) offset, out, 0, (int) len);
        return out;
    }

    /** Fails unless {@code [offset, offset + len)} lies inside the file. */
    public void checkRange(long offset, long len, String what) throws ImageFormatException {
        if (offset < 0 || len < 0 || offset > data.length || len > data.length - offset) {
            throw new ImageFormatException(format, offset, String.format(
                    "the file is truncated: %s needs 0x%x bytes but the file is only 0x%x bytes long",
                    what, len, data.length));
        }
    }

    /** A corrupt-field error at {@code offset}. */
    public ImageFormatException error(long offset, String message) {
        return new ImageFormatException(format, offset, message);
    }
}
