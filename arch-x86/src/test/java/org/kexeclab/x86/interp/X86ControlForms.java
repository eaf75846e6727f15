package org.kexeclab.x86.interp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.x86.interp.X86Forms.Case;
import org.kexeclab.x86.interp.X86Forms.Form;

/** Randomized forms of control transfers, the stack, string moves and system instructions. */
final class X86ControlForms {

    private X86ControlForms() {
    }

    private static Case bytes(long undefined, int... b) {
        byte[] code = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            code[i] = (byte) b[i];
        }
        return new Case(code, undefined);
    }

    private static Case withRandom(X86Gen g, int[] head, int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int x : head) {
            b.write(x);
        }
        for (int i = 0; i < n; i++) {
            b.write(g.rnd.nextInt(256));
        }
        return new Case(b.toByteArray(), 0);
    }

    private static void stack(X86Gen g) {
        g.regs[4] = g.target() & (g.rnd.nextInt(4) == 0 ? -1L : ~7L);
    }

    static List<Form> all() {
        List<Form> f = new ArrayList<>();
        f.add(new Form("jcc rel8", g -> withRandom(g, new int[] {0x70 + g.rnd.nextInt(16)}, 1)));
        f.add(new Form("jcc rel32", g -> withRandom(g, new int[] {0x0f, 0x80 + g.rnd.nextInt(16)}, 4)));
        f.add(new Form("jmp rel8/rel32", g -> g.rnd.nextBoolean() ? withRandom(g, new int[] {0xeb}, 1)
                : withRandom(g, new int[] {0xe9}, 4)));
        f.add(new Form("call rel32", g -> {
            stack(g);
            return withRandom(g, new int[] {0xe8}, 4);
        }));
        f.add(new Form("ret", g -> {
            stack(g);
            return bytes(0, 0xc3);
        }));
        f.add(new Form("call/jmp/push Ev", g -> {
            Case c = new Case(g.insn(0, false, new int[] {0xff}, new int[] {2, 4, 6}[g.rnd.nextInt(3)],
                    g.rnd.nextBoolean(), 0), 0);
            stack(g);
            return c;
        }));
        f.add(new Form("push/pop r64", g -> {
            stack(g);
            int r = g.reg();
            int op = (g.rnd.nextBoolean() ? 0x50 : 0x58) + (r & 7);
            return r >= 8 ? bytes(0, 0x41, op) : bytes(0, op);
        }));
        f.add(new Form("push imm", g -> {
            stack(g);
            return g.rnd.nextBoolean() ? withRandom(g, new int[] {0x6a}, 1) : withRandom(g, new int[] {0x68}, 4);
        }));
        f.add(new Form("pushfq/popfq", X86ControlForms::flagsStack));
        f.add(new Form("movs/stos", X86ControlForms::string));
        f.add(new Form("clc/stc/cmc/cld/std/cli/sti", g -> bytes(0, new int[] {0xf8, 0xf9, 0xf5, 0xfc, 0xfd, 0xfa,
            0xfb}[g.rnd.nextInt(7)])));
        f.add(new Form("nop/xchg rAX", g -> g.rnd.nextBoolean() ? bytes(0, 0x90)
                : bytes(0, 0x48 | g.rnd.nextInt(2), 0x90 + g.rnd.nextInt(8))));
        f.add(new Form("mov r,cr0/cr3/cr4", g -> bytes(0, 0x0f, 0x20,
                0xc0 | new int[] {0, 3, 4}[g.rnd.nextInt(3)] << 3 | g.rnd.nextInt(8))));
        f.add(new Form("mov cr3/cr4,r", X86ControlForms::writeCr));
        f.add(new Form("wbinvd", g -> bytes(0, 0x0f, 0x09)));
        f.add(new Form("int3", g -> bytes(0, 0xcc)));
        f.add(new Form("lgdt/lidt", g -> new Case(g.insn(0, false, new int[] {0x0f, 0x01}, 2 + g.rnd.nextInt(2), true,
                0), 0)));
        return f;
    }

    private static Case flagsStack(X86Gen g) {
        stack(g);
        if (g.rnd.nextBoolean()) {
            return bytes(0, 0x9c);
        }
        return bytes(0, 0x9d);
    }

    private static Case writeCr(X86Gen g) {
        int r = g.rnd.nextInt(8);
        boolean cr3 = g.rnd.nextBoolean();
        g.regs[r] = cr3 ? g.rnd.nextLong() & 0x000f_ffff_ffff_f000L
                : new long[] {0x20, 0x6a0, 0x6b0, 0x620, 0x80}[g.rnd.nextInt(5)] | 0x20;
        return bytes(0, 0x0f, 0x22, 0xc0 | (cr3 ? 3 : 4) << 3 | r);
    }

    private static Case string(X86Gen g) {
        int kind = g.rnd.nextInt(4);
        boolean rep = g.rnd.nextInt(4) != 0;
        boolean store = g.rnd.nextBoolean();
        int size = kind == 0 ? 1 : new int[] {2, 4, 8}[kind - 1];
        g.regs[1] = g.rnd.nextInt(40);
        g.regs[6] = X86Gen.DATA + 0x800 + g.rnd.nextInt(0x2000);
        g.regs[7] = g.rnd.nextBoolean() ? g.regs[6] + g.rnd.nextInt(64) - 32 : X86Gen.DATA + 0x800 + g.rnd.nextInt(0x2000);
        if (g.rnd.nextInt(4) == 0) {
            g.flags |= 0x400;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (rep) {
            b.write(g.rnd.nextInt(4) == 0 ? 0xf2 : 0xf3);
        }
        if (size == 2) {
            b.write(0x66);
        } else if (size == 8) {
            b.write(0x48);
        }
        b.write((store ? 0xaa : 0xa4) + (size == 1 ? 0 : 1));
        return new Case(b.toByteArray(), 0);
    }
}
