package org.kexeclab.arm64.interp;

/** ARM condition codes (shared by A64 and, through its own copy of the rule, A32): flags in bits 31..28. */
final class Cond {
    private Cond() {
    }

    /** True if condition {@code cond} (0..15) holds for flags {@code nzcv} (N = bit 31 ... V = bit 28). */
    static boolean holds(int nzcv, int cond) {
        boolean n = nzcv < 0;
        boolean z = (nzcv & 0x4000_0000) != 0;
        boolean c = (nzcv & 0x2000_0000) != 0;
        boolean v = (nzcv & 0x1000_0000) != 0;
        boolean r;
        switch (cond >>> 1) {
            case 0: r = z; break;
            case 1: r = c; break;
            case 2: r = n; break;
            case 3: r = v; break;
            case 4: r = c && !z; break;
            case 5: r = n == v; break;
            case 6: r = n == v && !z; break;
            default: return true;
        }
        return (cond & 1) != 0 ? !r : r;
    }

    /** N and Z of a 64-bit (or sign-extended 32-bit) result with C = V = 0, for logical operations. */
    static int nz(long result) {
        return (result < 0 ? 0x8000_0000 : 0) | (result == 0 ? 0x4000_0000 : 0);
    }
}
