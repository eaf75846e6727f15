package org.kexeclab.x86.interp;

import static org.kexeclab.x86.interp.X86Core.CF;
import static org.kexeclab.x86.interp.X86Core.OF;
import static org.kexeclab.x86.interp.X86Core.PF;
import static org.kexeclab.x86.interp.X86Core.SF;
import static org.kexeclab.x86.interp.X86Core.ZF;

import org.kexeclab.engine.interp.Step;

/**
 * x86 control transfers, the stack forms of flags and immediates, and flag instructions; targets
 * and stack slots follow the code size (4 bytes and a 4 GiB wrap in 32-bit mode).
 */
final class X86Control {
    /** Flags popfq may change at CPL 0: CF PF AF ZF SF TF IF DF OF IOPL NT AC ID (RF is cleared). */
    static final long POPF_MASK = 0x247fd5L;
    private static final long RF = 0x10000L;
    /** Breakpoint exception vector ({@code int3}), as Unicorn reports it. */
    static final int EXC_BREAKPOINT = 3;

    private X86Control() {
    }

    /** Condition code {@code cc} (0 = o .. 15 = g) against the current flags. */
    static boolean condition(X86Core c, int cc) {
        long f = c.flags;
        boolean v;
        switch (cc >>> 1) {
            case 0: v = (f & OF) != 0; break;
            case 1: v = (f & CF) != 0; break;
            case 2: v = (f & ZF) != 0; break;
            case 3: v = (f & (CF | ZF)) != 0; break;
            case 4: v = (f & SF) != 0; break;
            case 5: v = (f & PF) != 0; break;
            case 6: v = ((f & SF) != 0) != ((f & OF) != 0); break;
            default: v = (f & ZF) != 0 || ((f & SF) != 0) != ((f & OF) != 0);
        }
        return v != ((cc & 1) != 0);
    }

    /** A conditional jump by {@code rel} from the end of the instruction. */
    static int jump(X86Core c, boolean taken, long rel) {
        c.rip = (taken ? c.ip + rel : c.ip) & c.addressMask;
        return Step.END_BLOCK;
    }

    /** call rel32 (e8), jmp rel32 (e9), jmp rel8 (eb). */
    static int relative(X86Core c, int b) {
        long rel = c.fetchImm(b == 0xeb ? 1 : 4);
        if (b == 0xe8) {
            c.push(c.ip & c.addressMask);
        }
        c.rip = c.ip + rel & c.addressMask;
        return Step.END_BLOCK;
    }

    static int ret(X86Core c) {
        c.rip = c.pop();
        return Step.END_BLOCK;
    }

    /** push imm8 / imm32, sign-extended to the stack slot. */
    static int pushImm(X86Core c, int size) {
        if (c.opsize == 2) {
            return Step.INVALID;
        }
        c.push(c.fetchImm(size));
        return Step.NEXT;
    }

    /** pushfq/pushfd (RF and VM read as 0) or popfq/popfd (CPL 0 rules; ends the block as QEMU does). */
    static int pushPopFlags(X86Core c, boolean push) {
        if (c.opsize == 2) {
            return Step.INVALID;
        }
        if (push) {
            c.push(c.flags & ~(RF | 0x20000L));
            return Step.NEXT;
        }
        long v = c.pop();
        c.flags = c.flags & ~POPF_MASK & ~RF | v & POPF_MASK | 2;
        c.rip = c.ip;
        return Step.END_BLOCK;
    }

    /** int3: the breakpoint exception, continuing after it if a hook handles it. */
    static int int3(X86Core c) {
        c.rip = c.ip;
        c.exception = EXC_BREAKPOINT;
        return Step.EXCEPTION;
    }

    /** cmc, clc, stc, cli, sti, cld, std. */
    static int flagOp(X86Core c, int b) {
        switch (b) {
            case 0xf5: c.flags ^= CF; break;
            case 0xf8: c.flags &= ~CF; break;
            case 0xf9: c.flags |= CF; break;
            case 0xfa: c.flags &= ~X86Core.IF; break;
            case 0xfb: c.flags |= X86Core.IF; break;
            case 0xfc: c.flags &= ~X86Core.DF; break;
            default: c.flags |= X86Core.DF;
        }
        return Step.NEXT;
    }

    /** fe /0 /1 (inc/dec Eb) and ff /0 /1 /2 /4 /6 (inc, dec, call, jmp, push). */
    static int group45(X86Core c, int b) {
        c.modrm();
        int op = c.reg & 7;
        if (op < 2) {
            int size = b == 0xfe ? 1 : c.opsize;
            long res = X86Alu.incDec(c, c.readRm(size), op == 0 ? 1 : -1, size);
            c.writeRm(size, res);
            c.commitFlags();
            return Step.NEXT;
        }
        if (b == 0xfe || c.opsize == 2 || op == 3 || op == 5 || op == 7) {
            return Step.INVALID;
        }
        long v = c.readRm(c.slot());
        if (op == 6) {
            c.push(v);
            return Step.NEXT;
        }
        if (op == 2) {
            c.push(c.ip & c.addressMask);
        }
        c.rip = v;
        return Step.END_BLOCK;
    }
}
