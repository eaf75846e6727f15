package org.kexeclab.reliability;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.kexeclab.reliability.KernelCorpus.Field;

/**
 * Mutations of a binary file with known header fields: a lie in a field at its exact offset
 * (0, 1, all ones, 2^31, 2^32, 2^63-1, the file length, another field's value, ...), bit flips,
 * byte overwrites, truncation and insertion. Each mutation appends its description to a log.
 */
final class HeaderMutator {
    private static final long[] LIES = {0, 1, 2, -1, 1L << 31, (1L << 31) - 1, 1L << 32, (1L << 32) - 1,
        Long.MAX_VALUE, Long.MIN_VALUE, 0x1000, 0xfff, 0x200000, 0x10000000, 0xffff_f000L, 0xffff_ffff_ffff_f000L};

    private final SplittableRandom r;
    private final ByteOrder order;
    private final List<Field> fields;
    private final StringBuilder log;
    private byte[] d;

    HeaderMutator(byte[] data, ByteOrder order, List<Field> fields, SplittableRandom r, StringBuilder log) {
        this.d = KernelCorpus.copy(data);
        this.order = order;
        this.fields = fields;
        this.r = r;
        this.log = log;
    }

    /** Applies {@code n} random mutations and returns the bytes. */
    byte[] mutate(int n) {
        for (int i = 0; i < n && d.length > 0; i++) {
            int k = r.nextInt(10);
            if (k < 5) {
                lie();
            } else if (k < 7) {
                int at = r.nextInt(d.length);
                int bit = r.nextInt(8);
                d[at] ^= (byte) (1 << bit);
                log.append(String.format(" flip@0x%x.%d", at, bit));
            } else if (k == 7) {
                int at = r.nextInt(d.length);
                d[at] = (byte) r.nextInt(256);
                log.append(String.format(" byte@0x%x", at));
            } else if (k == 8) {
                int len = r.nextBoolean() ? r.nextInt(Math.min(d.length, 0x400)) : r.nextInt(d.length);
                d = Arrays.copyOf(d, len);
                log.append(String.format(" cut@0x%x", len));
            } else {
                insert();
            }
        }
        return d;
    }

    private void lie() {
        Field f = fields.get(r.nextInt(fields.size()));
        if (f.offset() + f.width() > d.length) {
            return;
        }
        long old = read(f);
        long v = switch (r.nextInt(6)) {
            case 0, 1 -> LIES[r.nextInt(LIES.length)];
            case 2 -> d.length + r.nextInt(-2, 3);
            case 3 -> read(fields.get(r.nextInt(fields.size()))) + r.nextInt(-0x1000, 0x1001);
            case 4 -> old + (r.nextBoolean() ? 1 : -1) * (1L << r.nextInt(64));
            default -> r.nextLong();
        };
        write(f, v);
        log.append(String.format(" %s=0x%x", f.name(), read(f)));
    }

    private void insert() {
        int at = r.nextInt(d.length + 1);
        int n = r.nextInt(1, 17);
        byte[] e = new byte[d.length + n];
        System.arraycopy(d, 0, e, 0, at);
        for (int i = 0; i < n; i++) {
            e[at + i] = (byte) r.nextInt(256);
        }
        System.arraycopy(d, at, e, at + n, d.length - at);
        d = e;
        log.append(String.format(" insert%d@0x%x", n, at));
    }

    private long read(Field f) {
        if (f.offset() + f.width() > d.length) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < f.width(); i++) {
            int shift = 8 * (order == ByteOrder.LITTLE_ENDIAN ? i : f.width() - 1 - i);
            v |= (d[f.offset() + i] & 0xffL) << shift;
        }
        return v;
    }

    private void write(Field f, long v) {
        for (int i = 0; i < f.width(); i++) {
            int shift = 8 * (order == ByteOrder.LITTLE_ENDIAN ? i : f.width() - 1 - i);
            d[f.offset() + i] = (byte) (v >>> shift);
        }
    }
}
