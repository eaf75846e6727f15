package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A64 branches, exception generation and system instructions: {@code b/bl/b.cond/cbz/cbnz/
 * tbz/tbnz/br/blr/ret}, {@code svc} (CPU exception {@link A64Core#EXCP_SWI}, as Unicorn reports
 * it) and, through {@link A64System}, hints, barriers, cache and TLB maintenance, {@code msr daifset/
 * daifclr} and {@code mrs/msr} of the system registers the kexec stubs use.
 */
final class A64Control {
    private A64Control() {
    }

    /** Executes a word of the branch/exception/system group; sets the PC itself. */
    static int execute(A64Core c, int w, long cia) {
        int top = w >>> 26;
        if ((top & 31) == 5) {
            if (top == 0x25) {
                c.x[30] = cia + 4;
            }
            c.pc = cia + ((long) (w << 6 >> 6) << 2);
            return Step.END_BLOCK;
        }
        int top8 = w >>> 24;
        if (top8 == 0x54) {
            if ((w & 0x10) != 0) {
                return Step.INVALID;
            }
            c.pc = c.holds(w & 15) ? cia + ((long) (w << 8 >> 13) << 2) : cia + 4;
            return Step.END_BLOCK;
        }
        if ((top8 & 0x7e) == 0x34) {
            long v = c.xr(w & 31);
            if (w >= 0 ? (int) v == 0 : v == 0) {
                c.pc = (top8 & 1) == 0 ? cia + ((long) (w << 8 >> 13) << 2) : cia + 4;
            } else {
                c.pc = (top8 & 1) != 0 ? cia + ((long) (w << 8 >> 13) << 2) : cia + 4;
            }
            return Step.END_BLOCK;
        }
        if ((top8 & 0x7e) == 0x36) {
            int bit = (w >>> 31) << 5 | (w >>> 19 & 31);
            boolean set = (c.xr(w & 31) >>> bit & 1) != 0;
            c.pc = set == ((top8 & 1) != 0) ? cia + ((long) (w << 13 >> 18) << 2) : cia + 4;
            return Step.END_BLOCK;
        }
        if (top8 == 0xd4) {
            return exceptionGeneration(c, w, cia);
        }
        if ((w >>> 22) == 0x354) {
            return A64System.execute(c, w, cia);
        }
        if ((w >>> 25) == 0x6b) {
            return branchRegister(c, w, cia);
        }
        return Step.INVALID;
    }

    private static int exceptionGeneration(A64Core c, int w, long cia) {
        if ((w & 0xffe0001f) == 0xd4000001) {
            c.exception = A64Core.EXCP_SWI;
            c.pc = cia + 4;
            return Step.EXCEPTION;
        }
        return Step.INVALID;
    }

    private static int branchRegister(A64Core c, int w, long cia) {
        if ((w & 0xfc1f) != 0 || (w >>> 16 & 31) != 31) {
            return Step.INVALID;
        }
        int opc = w >>> 21 & 15;
        if (opc > 2) {
            return Step.INVALID;
        }
        long target = c.xr(w >>> 5 & 31);
        if (opc == 1) {
            c.x[30] = cia + 4;
        }
        c.pc = target;
        return Step.END_BLOCK;
    }

    /** True if {@code w} ends a basic block: branches, exception generation, and system writes that change state. */
    static boolean endsBlock(int w) {
        int top = w >>> 26;
        int top8 = w >>> 24;
        return (top & 31) == 5 || top8 == 0x54 || (top8 & 0x7c) == 0x34 || top8 == 0xd4 || (w >>> 25) == 0x6b
                || (w & 0xfffff0ff) == 0xd50330df;
    }
}
