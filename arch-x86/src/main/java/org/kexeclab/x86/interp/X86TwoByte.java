package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.Step;

/**
 * The 0F opcodes the Java engine executes: jcc rel32, setcc, cmovcc, movzx/movsx, imul Gv,Ev,
 * bt/bts/btr/btc, and the system instructions of the kexec stub: mov to/from CR0/CR2/CR3/CR4
 * (values only: no translation), lgdt/lidt (base and limit loaded, nothing checked), wbinvd
 * (no caches: nothing to do). ud2 and everything else are invalid.
 */
final class X86TwoByte {

    private X86TwoByte() {
    }

    static int execute(X86Core c, int b) {
        if (c.rep != 0) {
            return Step.INVALID;
        }
        if (b >= 0x80 && b <= 0x8f) {
            long rel = c.fetchImm(4);
            return X86Control.jump(c, X86Control.condition(c, b & 0xf), rel);
        }
        if (b >= 0x90 && b <= 0x9f) {
            c.modrm();
            c.writeRm(1, X86Control.condition(c, b & 0xf) ? 1 : 0);
            return Step.NEXT;
        }
        if (b >= 0x40 && b <= 0x4f) {
            return cmov(c, b & 0xf);
        }
        switch (b) {
            case 0x01: return descriptorTable(c);
            case 0x09: return Step.NEXT;
            case 0x20: case 0x22: return movCr(c, b == 0x22);
            case 0xa3: case 0xab: case 0xb3: case 0xbb: return X86Bits.byRegister(c, b >>> 3 & 3);
            case 0xba: return X86Bits.byImmediate(c);
            case 0xaf: return X86Ops.imulImm(c, 0);
            case 0xb6: case 0xb7: case 0xbe: case 0xbf: return extend(c, b);
            default: return Step.INVALID;
        }
    }

    private static int cmov(X86Core c, int cc) {
        int size = c.opsize;
        c.modrm();
        long v = c.readRm(size);
        if (X86Control.condition(c, cc)) {
            c.setReg(c.reg, size, v);
        } else if (size == 4) {
            c.setReg(c.reg, 4, c.getReg(c.reg, 4));
        }
        return Step.NEXT;
    }

    private static int extend(X86Core c, int b) {
        int from = (b & 1) == 0 ? 1 : 2;
        c.modrm();
        long v = c.readRm(from);
        if (b >= 0xbe) {
            v = X86Ops.signExtend(v, from);
        }
        c.setReg(c.reg, c.opsize, v);
        return Step.NEXT;
    }

    /**
     * 0f 01 /2 lgdt, /3 lidt: a 2-byte limit and an 8-byte base from memory (4 bytes in 32-bit
     * mode, of which a 16-bit operand size keeps 24 bits).
     */
    private static int descriptorTable(X86Core c) {
        c.modrm();
        int op = c.reg & 7;
        if (!c.isMem || op != 2 && op != 3) {
            return Step.INVALID;
        }
        long a = c.ea();
        long limit = c.load(a, 2);
        long base = c.long64 ? c.load(a + 2, 8) : c.load(a + 2, 4) & (c.opsize == 2 ? 0xff_ffffL : X86Core.M32);
        if (op == 2) {
            c.gdtLimit = limit;
            c.gdtBase = base;
        } else {
            c.idtLimit = limit;
            c.idtBase = base;
        }
        return Step.NEXT;
    }

    /** 0f 20 / 0f 22: mov r64, crN / mov crN, r64 (the ModRM mod field is ignored, as on hardware). */
    private static int movCr(X86Core c, boolean toCr) {
        int m = c.fetch8();
        int rm = (m & 7) | (c.rex & 1) << 3;
        int cr = (m >>> 3 & 7) | (c.rex & 4) << 1;
        if (cr != 0 && cr != 2 && cr != 3 && cr != 4) {
            return Step.INVALID;
        }
        if (!toCr) {
            c.r[rm] = cr == 0 ? c.cr0 : cr == 2 ? c.cr2 : cr == 3 ? c.cr3 : c.cr4;
            return Step.NEXT;
        }
        long v = c.r[rm];
        switch (cr) {
            case 0: c.cr0 = v; break;
            case 2: c.cr2 = v; break;
            case 3: c.cr3 = v; break;
            default: c.cr4 = v;
        }
        if (cr != 2) {
            c.controlChanged();
        }
        c.rip = c.ip;
        return Step.END_BLOCK;
    }
}
