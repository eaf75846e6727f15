package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.Step;

/**
 * bt, bts, btr and btc: CF receives the selected bit; ZF is unchanged; OF, SF, AF and PF are
 * undefined in the SDM and left unchanged here. With a register bit offset and a memory operand
 * the offset is signed and may select a bit outside the addressed operand (the address moves by
 * whole operands, as on hardware, within the address size).
 */
final class X86Bits {
    private static final int BT = 0;
    private static final int BTS = 1;
    private static final int BTR = 2;

    private X86Bits() {
    }

    /** 0f a3 / ab / b3 / bb: bit offset in a register. */
    static int byRegister(X86Core c, int kind) {
        int size = c.opsize;
        c.modrm();
        long offset = c.getReg(c.reg, size);
        int bits = size * 8;
        if (!c.isMem) {
            return apply(c, kind, c.getReg(c.rm, size), (int) offset & (bits - 1), size, 0, false);
        }
        long shift = X86Ops.signExtend(offset, size) >> (size == 8 ? 6 : size == 4 ? 5 : 4);
        // The displacement by whole operands is part of the address computation, so it wraps
        // at the address size too (a 0x67 prefix keeps the sum in 32 bits).
        long address = c.wrap(c.ea() + shift * size);
        return apply(c, kind, c.load(address, size), (int) offset & (bits - 1), size, address, true);
    }

    /** 0f ba /4 .. /7: bit offset in an imm8. */
    static int byImmediate(X86Core c) {
        int size = c.opsize;
        c.modrm();
        int op = c.reg & 7;
        if (op < 4) {
            return Step.INVALID;
        }
        int bit = c.fetch8() & (size * 8 - 1);
        if (!c.isMem) {
            return apply(c, op - 4, c.getReg(c.rm, size), bit, size, 0, false);
        }
        long address = c.ea();
        return apply(c, op - 4, c.load(address, size), bit, size, address, true);
    }

    private static int apply(X86Core c, int kind, long value, int bit, int size, long address, boolean memory) {
        long m = 1L << bit;
        boolean set = (value & m) != 0;
        if (kind != BT) {
            long v = kind == BTS ? value | m : kind == BTR ? value & ~m : value ^ m;
            if (memory) {
                c.store(address, size, v);
            } else {
                c.setReg(c.rm, size, v);
            }
        }
        c.flags = set ? c.flags | X86Core.CF : c.flags & ~X86Core.CF;
        return Step.NEXT;
    }
}
