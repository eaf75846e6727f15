package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.Step;

/**
 * Opcode 31 XO-form arithmetic (9-bit extended opcode, OE bit, Rc bit): add, subtract and
 * negate with and without carry, extended and zero/minus-one forms, and the multiplies.
 * Divides are not implemented (their undefined results would have to be guessed).
 */
final class PpcXoForms {

    private PpcXoForms() {
    }

    static int execute(PpcCore c, int w) {
        int rt = w >>> 21 & 31;
        long a = c.gpr[w >>> 16 & 31];
        int rbField = w >>> 11 & 31;
        long b = c.gpr[rbField];
        boolean oe = (w & 0x400) != 0;
        int ca = PpcArith.ca(c);
        long r;
        switch (w >>> 1 & 0x1ff) {
            case 266: r = PpcArith.add(c, a, b, 0, false, oe); break;
            case 10: r = PpcArith.add(c, a, b, 0, true, oe); break;
            case 138: r = PpcArith.add(c, a, b, ca, true, oe); break;
            case 40: r = PpcArith.add(c, ~a, b, 1, false, oe); break;
            case 8: r = PpcArith.add(c, ~a, b, 1, true, oe); break;
            case 136: r = PpcArith.add(c, ~a, b, ca, true, oe); break;
            case 202: if (rbField != 0) { return Step.INVALID; } r = PpcArith.add(c, a, 0, ca, true, oe); break;
            case 234: if (rbField != 0) { return Step.INVALID; } r = PpcArith.add(c, a, -1L, ca, true, oe); break;
            case 200: if (rbField != 0) { return Step.INVALID; } r = PpcArith.add(c, ~a, 0, ca, true, oe); break;
            case 232: if (rbField != 0) { return Step.INVALID; } r = PpcArith.add(c, ~a, -1L, ca, true, oe); break;
            case 104: if (rbField != 0) { return Step.INVALID; } r = PpcArith.add(c, ~a, 0, 1, false, oe); break;
            case 235: r = multiplyWord(c, a, b, oe); break;
            case 11: if (oe) { return Step.INVALID; } r = ((a & PpcCore.M32) * (b & PpcCore.M32)) >>> 32; break;
            case 75: if (oe) { return Step.INVALID; } r = ((long) (int) a * (int) b) >> 32; break;
            case 233: if (!c.is64) { return Step.INVALID; } r = multiplyDoubleword(c, a, b, oe); break;
            case 73: if (!c.is64 || oe) { return Step.INVALID; } r = Math.multiplyHigh(a, b); break;
            case 9: if (!c.is64 || oe) { return Step.INVALID; } r = unsignedMultiplyHigh(a, b); break;
            default: return Step.INVALID;
        }
        c.gpr[rt] = r;
        if ((w & 1) != 0) {
            c.cr0(r);
        }
        return Step.NEXT;
    }

    /** mullw: the full 64-bit product of the signed low words; OV if it does not fit 32 bits. */
    private static long multiplyWord(PpcCore c, long a, long b, boolean oe) {
        long p = (long) (int) a * (int) b;
        if (oe) {
            boolean ov = p != (int) p;
            PpcArith.setOverflow(c, ov, ov);
        }
        return p;
    }

    /**
     * mulld: the low doubleword of the product. With OE, OV and OV32 both record whether the product
     * fits 64 bits (Power ISA 3.0 "Multiply Low Doubleword"; measured on qemu-ppc64, see
     * PpcQemuGoldenTest), not whether it fits 32 bits.
     */
    private static long multiplyDoubleword(PpcCore c, long a, long b, boolean oe) {
        long p = a * b;
        if (oe) {
            boolean ov = Math.multiplyHigh(a, b) != (p >> 63);
            PpcArith.setOverflow(c, ov, ov);
        }
        return p;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        long h = Math.multiplyHigh(a, b);
        return h + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
