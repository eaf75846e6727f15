package org.kexeclab.x86.interp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The instruction forms the randomized lockstep test draws from: every form the Java engine
 * implements, with the RFLAGS bits the SDM leaves undefined for each (masked in the comparison).
 */
final class X86Forms {
    static final long CF = 0x1;
    static final long PF = 0x4;
    static final long AF = 0x10;
    static final long ZF = 0x40;
    static final long SF = 0x80;
    static final long OF = 0x800;

    /** One generated instruction and its undefined flags. */
    record Case(byte[] code, long undefined) {
    }

    /** A named generator. */
    record Form(String name, Function<X86Gen, Case> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private X86Forms() {
    }

    private static int size(X86Gen g) {
        return new int[] {2, 4, 8, 8}[g.rnd.nextInt(4)];
    }

    private static int p66(int size) {
        return size == 2 ? 0x66 : 0;
    }

    private static int immz(int size) {
        return size == 2 ? 2 : 4;
    }

    private static Case sized(X86Gen g, int byteOp, int op, boolean mem, int immByte, int immWord, long undefined) {
        return sized(g, byteOp, op, g.reg(), mem, immByte, immWord, undefined);
    }

    private static Case sized(X86Gen g, int byteOp, int op, int reg, boolean mem, int immByte, int immWord,
            long undefined) {
        if (byteOp >= 0 && g.rnd.nextInt(4) == 0) {
            return new Case(g.insn(0, false, new int[] {byteOp}, reg, mem, immByte), undefined);
        }
        int s = size(g);
        int imm = immWord == -1 ? immz(s) : immWord;
        return new Case(g.insn(p66(s), s == 8, new int[] {op}, reg, mem, imm), undefined);
    }

    static List<Form> all() {
        List<Form> f = new ArrayList<>();
        String[] alu = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
        for (int op = 0; op < 8; op++) {
            int base = op << 3;
            long u = op == 1 || op == 4 || op == 6 ? AF : 0;
            f.add(new Form(alu[op] + " Ev,Gv", g -> sized(g, base, base + 1, g.rnd.nextBoolean(), 0, 0, u)));
            f.add(new Form(alu[op] + " Gv,Ev", g -> sized(g, base + 2, base + 3, g.rnd.nextBoolean(), 0, 0, u)));
            f.add(new Form(alu[op] + " Ev,imm", g -> group(g, base >>> 3, u)));
            f.add(new Form(alu[op] + " rAX,imm", g -> accumulator(g, base + 4, u)));
        }
        f.add(new Form("test", g -> sized(g, 0x84, 0x85, g.rnd.nextBoolean(), 0, 0, AF)));
        f.add(new Form("test rAX,imm", g -> accumulator(g, 0xa8, AF)));
        f.add(new Form("mov Ev,Gv / Gv,Ev", g -> sized(g, 0x88 + 2 * g.rnd.nextInt(2), 0x89 + 2 * g.rnd.nextInt(2),
                g.rnd.nextBoolean(), 0, 0, 0)));
        // ModRM reg 0 only: with REX.R set (reg 8) Unicorn 2.0.1 rejects c6/c7 /0, which the SDM's
        // rule (REX.R does not extend an opcode extension) and GNU objdump accept; the Java engine executes it.
        f.add(new Form("mov Ev,imm", g -> sized(g, 0xc6, 0xc7, 0, g.rnd.nextBoolean(), 1, -1, 0)));
        f.add(new Form("mov r,imm", X86Forms::movImm));
        f.add(new Form("lea", g -> sized(g, -1, 0x8d, true, 0, 0, 0)));
        f.add(new Form("movsxd", g -> new Case(g.insn(0, true, new int[] {0x63}, g.reg(), g.rnd.nextBoolean(), 0), 0)));
        f.add(new Form("xchg", g -> sized(g, 0x86, 0x87, g.rnd.nextBoolean(), 0, 0, 0)));
        f.add(new Form("shift/rotate", X86Forms::shift));
        f.add(new Form("not/neg/test imm", X86Forms::group3));
        f.add(new Form("mul/imul one operand", X86Forms::multiply));
        f.add(new Form("imul Gv,Ev(,imm)", X86Forms::imul));
        f.add(new Form("inc/dec", X86Forms::incDec));
        f.add(new Form("cmovcc", g -> twoByte(g, 0x40 + g.rnd.nextInt(16), 0, 0)));
        f.add(new Form("setcc", g -> new Case(g.insn(0, false, new int[] {0x0f, 0x90 + g.rnd.nextInt(16)}, g.reg(),
                g.rnd.nextBoolean(), 0), 0)));
        f.add(new Form("movzx/movsx", g -> twoByte(g, new int[] {0xb6, 0xb7, 0xbe, 0xbf}[g.rnd.nextInt(4)], 0, 0)));
        f.add(new Form("bt/bts/btr/btc reg", X86Forms::btRegister));
        f.add(new Form("bt/bts/btr/btc imm", g -> twoByteGroup(g, 0xba, 4 + g.rnd.nextInt(4), OF | SF | AF | PF)));
        f.addAll(X86ControlForms.all());
        return f;
    }

    private static Case group(X86Gen g, int op, long u) {
        int kind = g.rnd.nextInt(4);
        int s = kind == 0 ? 1 : size(g);
        int opcode = kind == 0 ? 0x80 : kind == 1 ? 0x81 : 0x83;
        int imm = kind == 1 ? immz(s) : 1;
        return new Case(g.insn(p66(s), s == 8, new int[] {opcode}, op, g.rnd.nextBoolean(), imm), u);
    }

    private static Case accumulator(X86Gen g, int byteOp, long u) {
        byte[] code;
        if (g.rnd.nextInt(4) == 0) {
            code = new byte[] {(byte) byteOp, (byte) g.rnd.nextInt(256)};
        } else {
            int s = size(g);
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            if (s == 2) {
                b.write(0x66);
            } else if (s == 8) {
                b.write(0x48);
            }
            b.write(byteOp + 1);
            for (int i = 0; i < immz(s); i++) {
                b.write(g.rnd.nextInt(256));
            }
            code = b.toByteArray();
        }
        return new Case(code, u);
    }

    private static Case movImm(X86Gen g) {
        int r = g.reg();
        int kind = g.rnd.nextInt(4);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int n = kind == 0 ? 1 : kind == 1 ? 2 : kind == 2 ? 4 : 8;
        if (n == 2) {
            b.write(0x66);
        }
        int rex = (n == 8 ? 8 : 0) | r >>> 3;
        if (rex != 0 || g.rnd.nextBoolean()) {
            b.write(0x40 | rex);
        }
        b.write((n == 1 ? 0xb0 : 0xb8) + (r & 7));
        for (int i = 0; i < n; i++) {
            b.write(g.rnd.nextInt(256));
        }
        return new Case(b.toByteArray(), 0);
    }

    private static Case shift(X86Gen g) {
        int op = new int[] {0, 1, 4, 5, 6, 7}[g.rnd.nextInt(6)];
        int kind = g.rnd.nextInt(3);
        boolean bytes = g.rnd.nextInt(4) == 0;
        int s = bytes ? 1 : size(g);
        int opcode = (kind == 0 ? 0xc0 : kind == 1 ? 0xd0 : 0xd2) + (bytes ? 0 : 1);
        byte[] code = g.insn(p66(s), s == 8, new int[] {opcode}, op, g.rnd.nextBoolean(), kind == 0 ? 1 : 0);
        if (kind == 2 && g.rnd.nextBoolean()) {
            g.regs[1] = g.regs[1] & ~0xffL | g.rnd.nextInt(4);
        }
        int raw = kind == 0 ? code[code.length - 1] & 0xff : kind == 1 ? 1 : (int) g.regs[1] & 0xff;
        int count = raw & (s == 8 ? 0x3f : 0x1f);
        long u = 0;
        if (count != 0) {
            if (op >= 4) {
                u = AF | (count > 1 ? OF : 0) | (count >= s * 8 && op != 7 ? CF : 0);
            } else {
                u = count != 1 ? OF : 0;
            }
        }
        return new Case(code, u);
    }

    private static Case group3(X86Gen g) {
        int op = new int[] {0, 2, 3}[g.rnd.nextInt(3)];
        boolean bytes = g.rnd.nextInt(4) == 0;
        int s = bytes ? 1 : size(g);
        int imm = op == 0 ? (bytes ? 1 : immz(s)) : 0;
        byte[] code = g.insn(p66(s), s == 8, new int[] {bytes ? 0xf6 : 0xf7}, op, g.rnd.nextBoolean(), imm);
        return new Case(code, op == 0 ? AF : 0);
    }

    private static Case multiply(X86Gen g) {
        int op = 4 + g.rnd.nextInt(2);
        boolean bytes = g.rnd.nextInt(4) == 0;
        int s = bytes ? 1 : size(g);
        byte[] code = g.insn(p66(s), s == 8, new int[] {bytes ? 0xf6 : 0xf7}, op, g.rnd.nextBoolean(), 0);
        return new Case(code, SF | ZF | AF | PF);
    }

    private static Case imul(X86Gen g) {
        int kind = g.rnd.nextInt(3);
        int s = size(g);
        int[] opcode = kind == 0 ? new int[] {0x0f, 0xaf} : new int[] {kind == 1 ? 0x69 : 0x6b};
        int imm = kind == 0 ? 0 : kind == 1 ? immz(s) : 1;
        return new Case(g.insn(p66(s), s == 8, opcode, g.reg(), g.rnd.nextBoolean(), imm), SF | ZF | AF | PF);
    }

    private static Case incDec(X86Gen g) {
        boolean bytes = g.rnd.nextInt(4) == 0;
        int s = bytes ? 1 : size(g);
        return new Case(g.insn(p66(s), s == 8, new int[] {bytes ? 0xfe : 0xff}, g.rnd.nextInt(2), g.rnd.nextBoolean(),
                0), 0);
    }

    static Case twoByte(X86Gen g, int op, int imm, long u) {
        int s = size(g);
        return new Case(g.insn(p66(s), s == 8, new int[] {0x0f, op}, g.reg(), g.rnd.nextBoolean(), imm), u);
    }

    private static Case twoByteGroup(X86Gen g, int op, int reg, long u) {
        int s = size(g);
        return new Case(g.insn(p66(s), s == 8, new int[] {0x0f, op}, reg, g.rnd.nextBoolean(), 1), u);
    }

    private static Case btRegister(X86Gen g) {
        int s = size(g);
        int op = new int[] {0xa3, 0xab, 0xb3, 0xbb}[g.rnd.nextInt(4)];
        int reg = g.reg();
        byte[] code = g.insn(p66(s), s == 8, new int[] {0x0f, op}, reg, g.rnd.nextBoolean(), 0);
        if (g.rnd.nextBoolean()) {
            g.regs[reg] = g.rnd.nextInt(1024) - 512;
        }
        return new Case(code, OF | SF | AF | PF);
    }
}
