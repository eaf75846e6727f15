package org.kexeclab.reliability;

import java.util.SplittableRandom;

/**
 * Addresses and sizes a hostile caller would pick: page-aligned values inside a small
 * machine, values next to 2^32, 2^63 and 2^64, misaligned values and anything at all.
 */
final class HostileValues {
    private static final long PAGE = 4096;

    private HostileValues() {
    }

    /** An address or size, biased to boundaries and the standard machine's RAM. */
    static long any(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> PAGE * r.nextLong(0x8000);
            case 2 -> 0x1_0000_0000L + PAGE * (r.nextInt(5) - 2) + wobble(r);
            case 3 -> Long.MIN_VALUE + PAGE * (r.nextInt(5) - 2) + wobble(r);
            case 4 -> -PAGE * r.nextInt(4) - wobble(r);
            case 5 -> PAGE * r.nextLong(0x8000) + r.nextInt(1, (int) PAGE);
            case 6 -> 0;
            default -> r.nextLong();
        };
    }

    /** A size for {@code bufsz}: 0, small, huge, or just beyond {@code memsz}. */
    static long bufsz(SplittableRandom r, long memsz) {
        return switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> memsz >= 0 ? memsz : Long.MAX_VALUE;
            case 2 -> memsz >= 0 && memsz < Long.MAX_VALUE ? memsz + 1 : Long.MAX_VALUE;
            case 3 -> Long.MAX_VALUE - r.nextInt(4);
            case 4 -> r.nextLong(1L << 24);
            default -> r.nextLong(Long.MAX_VALUE);
        };
    }

    private static long wobble(SplittableRandom r) {
        return r.nextBoolean() ? 0 : r.nextInt(-8, 9);
    }
}
