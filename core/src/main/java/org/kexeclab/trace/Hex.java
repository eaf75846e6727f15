package org.kexeclab.trace;

/** Appends hex without {@code String.format}, so sinks do not allocate per step. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code 0x} and the value's significant hex digits. */
    static void number(StringBuilder b, long v) {
        b.append("0x");
        digits(b, v);
    }

    /** The value's significant hex digits (at least one). */
    static void digits(StringBuilder b, long v) {
        int n = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        for (int i = n - 1; i >= 0; i--) {
            b.append(DIGITS[(int) (v >>> (4 * i)) & 0xf]);
        }
    }

    /** Two hex digits. */
    static void octet(StringBuilder b, int v) {
        b.append(DIGITS[(v >>> 4) & 0xf]).append(DIGITS[v & 0xf]);
    }
}
