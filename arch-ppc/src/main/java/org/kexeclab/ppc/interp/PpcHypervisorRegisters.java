package org.kexeclab.ppc.interp;

/**
 * The privileged special-purpose registers the kernel's {@code mmu_cleanup_all} clears before
 * kexec on a POWER9 in hypervisor mode: LPCR (318) and PTCR (464), which select the MMU mode
 * and the partition table, and the storage-key and breakpoint registers AMR (29), UAMOR (157),
 * IAMR (61) and CIABR (187). This machine has no MMU, storage keys or breakpoints, so each is a
 * plain 64-bit register that reads back what was written: {@code mtspr} and {@code mfspr} move
 * it and nothing else changes. All are 0 at reset.
 */
final class PpcHypervisorRegisters {
    static final int AMR = 29;
    static final int IAMR = 61;
    static final int UAMOR = 157;
    static final int CIABR = 187;
    static final int LPCR = 318;
    static final int PTCR = 464;
    /** The SPR numbers, in {@link #save} order. */
    private static final int[] NUMBERS = {LPCR, PTCR, AMR, UAMOR, IAMR, CIABR};
    /** Longs {@link #save} writes. */
    static final int STATE = NUMBERS.length;

    private final long[] values = new long[NUMBERS.length];

    /** The index of SPR {@code spr} in {@link #values}, or -1 if it is not one of these. */
    private static int index(int spr) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == spr) {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code spr} is one of these registers. */
    static boolean has(int spr) {
        return index(spr) >= 0;
    }

    /** The value of {@code spr} (which {@link #has}). */
    long read(int spr) {
        return values[index(spr)];
    }

    /** Sets {@code spr} (which {@link #has}). */
    void write(int spr, long value) {
        values[index(spr)] = value;
    }

    /** Copies the registers into {@code s[at .. at + STATE)}. */
    void save(long[] s, int at) {
        System.arraycopy(values, 0, s, at, STATE);
    }

    /** Restores what {@link #save} wrote. */
    void restore(long[] s, int at) {
        System.arraycopy(s, at, values, 0, STATE);
    }
}
