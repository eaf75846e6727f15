package org.kexeclab.x86;

/**
 * The code size x86 code is written, decoded and executed in: the one fact that separates the
 * x86_64 and i386 halves of this module's assembler, length decoder and Java-engine core.
 */
public enum X86Mode {
    /** 64-bit long mode: REX prefixes, RIP-relative addressing, 64-bit addresses and stack slots. */
    LONG(64),
    /**
     * 32-bit protected mode: no REX ({@code 40}-{@code 4f} are {@code inc} and {@code dec}), no
     * RIP-relative form ({@code [disp32]} is absolute), 32-bit addresses and stack slots.
     */
    PROTECTED(32);

    private final int bits;

    X86Mode(int bits) {
        this.bits = bits;
    }

    /** The default address size and stack slot, in bits: 64 or 32. */
    public int bits() {
        return bits;
    }

    /** True for 64-bit long mode. */
    public boolean isLong() {
        return this == LONG;
    }
}
