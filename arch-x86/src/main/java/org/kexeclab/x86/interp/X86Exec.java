package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.Step;

/**
 * Prefix decoding and the one-byte opcodes of x86 that the Java engine executes, in 64-bit mode
 * and in 32-bit protected mode (where {@code 40}-{@code 4f} are {@code inc}/{@code dec}, {@code 63}
 * is not {@code movsxd}, and segment loads and the far jump exist). Anything else is
 * {@link Step#INVALID}: never skipped, never guessed. Every memory access of an instruction
 * happens before its registers and flags are written, so a fault changes nothing.
 */
final class X86Exec {
    private static final int MAX_PREFIXES = 14;

    private X86Exec() {
    }

    /** Decodes the prefixes at {@code c.ip} and executes the instruction. */
    static int execute(X86Core c) {
        boolean p66 = false;
        c.rep = 0;
        c.rex = 0;
        c.addr32 = !c.long64;
        int b;
        while (true) {
            b = c.fetch8();
            if (b == 0x66) {
                p66 = true;
            } else if (b == 0xf3 || b == 0xf2) {
                c.rep = b;
            } else if (b == 0x67) {
                if (!c.long64) {
                    return Step.INVALID;   // 16-bit addressing is not implemented
                }
                c.addr32 = true;
            } else if (b != 0x2e && b != 0x3e && b != 0x26 && b != 0x36) {
                break;
            }
            if (c.len > MAX_PREFIXES) {
                return Step.INVALID;
            }
        }
        if ((b & 0xf0) == 0x40 && c.long64) {
            c.rex = b;
            b = c.fetch8();
        }
        c.opsize = (c.rex & 8) != 0 ? 8 : p66 ? 2 : 4;
        if (b == 0x0f) {
            return X86TwoByte.execute(c, c.fetch8());
        }
        if (c.rep != 0 && !isString(b)) {
            return Step.INVALID;
        }
        return oneByte(c, b);
    }

    private static boolean isString(int b) {
        return b == 0xa4 || b == 0xa5 || b == 0xaa || b == 0xab;
    }

    private static int oneByte(X86Core c, int b) {
        if (b < 0x40) {
            return (b & 7) < 6 ? aluForm(c, b) : Step.INVALID;
        }
        if (b >= 0x50 && b <= 0x5f) {
            return pushPop(c, b);
        }
        if (b >= 0x40 && b <= 0x4f && !c.long64) {
            return incDecRegister(c, b);   // 64-bit mode: a second REX, which is not implemented
        }
        if (b >= 0x70 && b <= 0x7f) {
            long rel = c.fetchImm(1);
            return X86Control.jump(c, X86Control.condition(c, b & 0xf), rel);
        }
        if (b >= 0xb0 && b <= 0xbf) {
            return movImm(c, b);
        }
        switch (b) {
            case 0x63: return c.long64 ? movsxd(c) : Step.INVALID;
            case 0x68: case 0x6a: return X86Control.pushImm(c, b == 0x6a ? 1 : 4);
            case 0x69: case 0x6b: return X86Ops.imulImm(c, b == 0x6b ? 1 : c.opsize == 2 ? 2 : 4);
            case 0x80: case 0x81: case 0x83: return group1(c, b);
            case 0x84: case 0x85: return test(c, b == 0x84 ? 1 : c.opsize);
            case 0x86: case 0x87: return X86Ops.xchg(c, b == 0x86 ? 1 : c.opsize);
            case 0x88: case 0x89: case 0x8a: case 0x8b: return mov(c, b);
            case 0x8d: return lea(c);
            case 0xa0: case 0xa1: case 0xa2: case 0xa3: return c.long64 ? Step.INVALID : movOffset(c, b);
            case 0x8c: return c.long64 ? Step.INVALID : X86Segments.store(c);
            case 0x8e: return c.long64 ? Step.INVALID : X86Segments.load(c);
            case 0xea: return c.long64 ? Step.INVALID : X86Segments.farJump(c);
            case 0xcb: return c.long64 || c.opsize == 2 ? Step.INVALID : X86Segments.farReturn(c);
            case 0x90: return (c.rex & 1) == 0 ? Step.NEXT : X86Ops.xchgAx(c, 0);
            case 0x9c: case 0x9d: return X86Control.pushPopFlags(c, b == 0x9c);
            case 0xa4: case 0xa5: return X86Strings.movs(c, b == 0xa4 ? 1 : c.opsize);
            case 0xaa: case 0xab: return X86Strings.stos(c, b == 0xaa ? 1 : c.opsize);
            case 0xa8: case 0xa9: return testAccumulator(c, b == 0xa8 ? 1 : c.opsize);
            case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: return X86Ops.group2(c, b);
            case 0xc3: return X86Control.ret(c);
            case 0xc6: case 0xc7: return movRmImm(c, b == 0xc6 ? 1 : c.opsize);
            case 0xcc: return X86Control.int3(c);
            case 0xe8: case 0xe9: case 0xeb: return X86Control.relative(c, b);
            case 0xf4: c.rip = c.ip; return Step.HALT;
            case 0xf5: case 0xf8: case 0xf9: case 0xfa: case 0xfb: case 0xfc: case 0xfd: return X86Control.flagOp(c, b);
            case 0xf6: case 0xf7: return X86Ops.group3(c, b == 0xf6 ? 1 : c.opsize);
            case 0xfe: case 0xff: return X86Control.group45(c, b);
            default:
                return (b & 0xf8) == 0x90 ? X86Ops.xchgAx(c, b & 7) : Step.INVALID;
        }
    }

    /** 00..3d: op Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / rAX,Iz. */
    private static int aluForm(X86Core c, int b) {
        int op = b >>> 3;
        int form = b & 7;
        int size = (form & 1) == 0 ? 1 : c.opsize;
        if (form >= 4) {
            long imm = c.fetchImm(size == 8 ? 4 : size);
            long res = X86Alu.alu(c, op, c.getReg(0, size), imm, size);
            if (op != X86Alu.CMP) {
                c.setReg(0, size, res);
            }
            c.commitFlags();
            return Step.NEXT;
        }
        c.modrm();
        long rmv = c.readRm(size);
        long regv = c.getReg(c.reg, size);
        if (form < 2) {
            long res = X86Alu.alu(c, op, rmv, regv, size);
            if (op != X86Alu.CMP) {
                c.writeRm(size, res);
            }
        } else {
            long res = X86Alu.alu(c, op, regv, rmv, size);
            if (op != X86Alu.CMP) {
                c.setReg(c.reg, size, res);
            }
        }
        c.commitFlags();
        return Step.NEXT;
    }

    private static int group1(X86Core c, int b) {
        int size = b == 0x80 ? 1 : c.opsize;
        c.modrm();
        long imm = c.fetchImm(b == 0x81 ? (size == 8 ? 4 : size) : 1);
        int op = c.reg & 7;
        long res = X86Alu.alu(c, op, c.readRm(size), imm, size);
        if (op != X86Alu.CMP) {
            c.writeRm(size, res);
        }
        c.commitFlags();
        return Step.NEXT;
    }

    private static int test(X86Core c, int size) {
        c.modrm();
        X86Alu.alu(c, X86Alu.AND, c.readRm(size), c.getReg(c.reg, size), size);
        c.commitFlags();
        return Step.NEXT;
    }

    private static int testAccumulator(X86Core c, int size) {
        long imm = c.fetchImm(size == 8 ? 4 : size);
        X86Alu.alu(c, X86Alu.AND, c.getReg(0, size), imm, size);
        c.commitFlags();
        return Step.NEXT;
    }

    private static int pushPop(X86Core c, int b) {
        if (c.opsize == 2) {
            return Step.INVALID;
        }
        int n = (b & 7) | (c.rex & 1) << 3;
        if (b < 0x58) {
            c.push(c.r[n]);
        } else {
            c.r[n] = c.pop();
        }
        return Step.NEXT;
    }

    /**
     * a0-a3 (32-bit mode): mov between al/eax/ax and the absolute 32-bit address that follows the
     * opcode ({@code moffs32}); a0/a1 load, a2/a3 store. No flags change.
     */
    private static int movOffset(X86Core c, int b) {
        int size = (b & 1) == 0 ? 1 : c.opsize;
        long a = c.fetch32() & X86Core.M32;
        if (b < 0xa2) {
            c.setReg(0, size, c.load(a, size));
        } else {
            c.store(a, size, c.getReg(0, size));
        }
        return Step.NEXT;
    }

    /** 40+r inc, 48+r dec of a register (32-bit mode). */
    private static int incDecRegister(X86Core c, int b) {
        int n = b & 7;
        long res = X86Alu.incDec(c, c.getReg(n, c.opsize), b < 0x48 ? 1 : -1, c.opsize);
        c.setReg(n, c.opsize, res);
        c.commitFlags();
        return Step.NEXT;
    }

    private static int mov(X86Core c, int b) {
        int size = (b & 1) == 0 ? 1 : c.opsize;
        c.modrm();
        if (b < 0x8a) {
            c.writeRm(size, c.getReg(c.reg, size));
        } else {
            c.setReg(c.reg, size, c.readRm(size));
        }
        return Step.NEXT;
    }

    private static int movImm(X86Core c, int b) {
        int n = (b & 7) | (c.rex & 1) << 3;
        if (b < 0xb8) {
            c.setReg(n, 1, c.fetch8());
        } else if (c.opsize == 8) {
            long lo = c.fetch32() & X86Core.M32;
            c.r[n] = lo | (long) c.fetch32() << 32;
        } else {
            c.setReg(n, c.opsize, c.fetchImm(c.opsize));
        }
        return Step.NEXT;
    }

    private static int movRmImm(X86Core c, int size) {
        c.modrm();
        if ((c.reg & 7) != 0) {
            return Step.INVALID;
        }
        long imm = c.fetchImm(size == 8 ? 4 : size);
        c.writeRm(size, imm);
        return Step.NEXT;
    }

    private static int movsxd(X86Core c) {
        c.modrm();
        long v = c.readRm(4);
        c.setReg(c.reg, c.opsize, c.opsize == 8 ? (int) v : v);
        return Step.NEXT;
    }

    private static int lea(X86Core c) {
        c.modrm();
        if (!c.isMem) {
            return Step.INVALID;
        }
        c.setReg(c.reg, c.opsize, c.ea());
        return Step.NEXT;
    }
}
