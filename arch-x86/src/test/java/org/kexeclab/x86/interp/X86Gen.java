package org.kexeclab.x86.interp;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Builds one random x86-64 instruction of a given form and the random machine state it runs in:
 * random general registers and arithmetic flags, and for a memory operand a random addressing
 * form (base + disp8/disp32, SIB with scaled index, RIP-relative, 64-bit wrap-around, 32-bit
 * address size) whose effective address lands inside the data area.
 */
final class X86Gen {
    static final long CODE = 0x10000;
    /** Bytes of code space per case: Unicorn 2.0.1 keeps translated code after a write, so each case runs at a fresh address. */
    static final int SLOT = 16;
    static final int CODE_SIZE = 0x2000;
    static final long DATA = 0x20000;
    static final int DATA_SIZE = 0x4000;
    static final long ARITH = 0x8d5;

    final Random rnd;
    final long[] regs = new long[16];
    long flags;
    /** Where the current case's instruction is placed. */
    long codeAt = CODE;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int rex;
    private byte[] modrm;
    private int ripRelAt;
    private long ripTarget;

    X86Gen(long seed) {
        rnd = new Random(seed);
    }

    /** New random registers and flags (DF clear). */
    void reset() {
        for (int i = 0; i < 16; i++) {
            regs[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(256) - 128 : rnd.nextLong();
        }
        flags = 2 | rnd.nextLong() & ARITH;
        ripRelAt = -1;
    }

    int reg() {
        return rnd.nextInt(16);
    }

    /** A register number other than rsp. */
    int regNotSp() {
        int r = rnd.nextInt(15);
        return r >= 4 ? r + 1 : r;
    }

    /**
     * One instruction: optional prefix {@code legacy} (0 = none), REX (with W if {@code w};
     * forced on randomly for byte registers), {@code opcode} bytes, ModRM with {@code reg} and a
     * register or memory r/m ({@code mem}), then {@code imm} random immediate bytes.
     */
    byte[] insn(int legacy, boolean w, int[] opcode, int reg, boolean mem, int imm) {
        out.reset();
        rex = (w ? 8 : 0) | (reg & 8) >>> 1;
        modrm = mem ? memory(reg & 7) : new byte[] {(byte) (0xc0 | (reg & 7) << 3 | registerRm())};
        if (legacy != 0) {
            out.write(legacy);
        }
        if (mem && rnd.nextInt(10) == 0) {
            out.write(0x67);
            addr32 = true;
        }
        if (rex != 0 || rnd.nextInt(4) == 0) {
            out.write(0x40 | rex);
        }
        for (int b : opcode) {
            out.write(b);
        }
        int modrmAt = out.size();
        out.write(modrm, 0, modrm.length);
        for (int i = 0; i < imm; i++) {
            out.write(rnd.nextInt(256));
        }
        byte[] code = out.toByteArray();
        if (ripRelAt >= 0) {
            int at = modrmAt + ripRelAt;
            long disp = ripTarget - (codeAt + code.length);
            for (int i = 0; i < 4; i++) {
                code[at + i] = (byte) (disp >>> (8 * i));
            }
        }
        if (addr32) {
            fixAddr32();
        }
        addr32 = false;
        return code;
    }

    private boolean addr32;
    private int addr32Base = -1;
    private long addr32Value;

    private void fixAddr32() {
        if (addr32Base >= 0) {
            regs[addr32Base] = regs[addr32Base] & 0xffff_ffffL | (long) rnd.nextInt() << 32;
        }
        addr32Base = -1;
    }

    private int registerRm() {
        int rm = reg();
        rex |= rm >>> 3;
        return rm & 7;
    }

    /** A target inside the data area, kept 0x100 from its edges. */
    long target() {
        return DATA + 0x100 + rnd.nextInt(DATA_SIZE - 0x200);
    }

    private byte[] memory(int regLow) {
        long target = target();
        int kind = rnd.nextInt(5);
        addr32Base = -1;
        if (kind == 0) {
            ripRelAt = 1;
            ripTarget = target;
            return new byte[] {(byte) (regLow << 3 | 5), 0, 0, 0, 0};
        }
        int base = regNotSp();
        rex |= base >>> 3;
        if (kind == 1 || kind == 2) {
            long disp = kind == 1 ? rnd.nextInt(256) - 128 : rnd.nextInt(0x7000_0000) + 0x100000;
            regs[base] = target - disp;
            addr32Base = base;
            int mod = kind == 1 ? 1 : 2;
            byte[] m = new byte[kind == 1 ? 2 : 5];
            m[0] = (byte) (mod << 6 | regLow << 3 | (base & 7));
            for (int i = 1; i < m.length; i++) {
                m[i] = (byte) (disp >>> (8 * (i - 1)));
            }
            if ((base & 7) == 4) {
                return sib(regLow, mod, base, 4, 0, disp);
            }
            return m;
        }
        int index = regNotSp();
        while (index == base) {
            index = regNotSp();
        }
        rex |= (index & 8) >>> 2;
        int scale = rnd.nextInt(4);
        long k = rnd.nextInt(64) - 32;
        long disp = rnd.nextInt(256) - 128;
        regs[index] = k;
        regs[base] = target - (k << scale) - disp;
        addr32Base = base;
        return sib(regLow, 1, base, index & 7, scale, disp);
    }

    private byte[] sib(int regLow, int mod, int base, int indexLow, int scale, long disp) {
        int n = mod == 1 ? 1 : 4;
        byte[] m = new byte[2 + n];
        m[0] = (byte) (mod << 6 | regLow << 3 | 4);
        m[1] = (byte) (scale << 6 | indexLow << 3 | (base & 7));
        for (int i = 0; i < n; i++) {
            m[2 + i] = (byte) (disp >>> (8 * i));
        }
        return m;
    }
}
