package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.WordBlocks;
import org.kexeclab.engine.interp.Step;

/**
 * A32 control and miscellaneous instructions: {@code b/bl}, {@code blx} (immediate and register)
 * and {@code bx} with Thumb interworking, {@code svc} (CPU exception {@link A32Core#EXCP_SWI}),
 * {@code mrs rd, cpsr}, {@code clz}, {@code nop/yield}, the barriers {@code dsb/dmb/isb} (no-ops:
 * no caches are modelled). Everything else here ({@code msr}, coprocessor, SPSR) is invalid.
 */
final class A32Control {
    private A32Control() {
    }

    /** {@code b/bl}: the PC of the instruction is {@code pc}. */
    static int branch(A32Core c, int w, int pc) {
        if (!c.holds(w >>> 28)) {
            c.r[15] = pc + 4;
            return Step.END_BLOCK;
        }
        if ((w & 1 << 24) != 0) {
            c.r[14] = pc + 4;
        }
        c.r[15] = pc + 8 + (w << 8 >> 6);
        return Step.END_BLOCK;
    }

    /** The cond = 1111 space: {@code blx imm} and the barriers. */
    static int unconditional(A32Core c, int w, int pc) {
        if ((w & 0x0e00_0000) == 0x0a00_0000) {
            c.r[14] = pc + 4;
            c.cpsr |= A32Core.T;
            c.r[15] = pc + 8 + (w << 8 >> 6) + ((w >>> 23) & 2);
            return Step.END_BLOCK;
        }
        int op = w & 0xffff_fff0;
        if (op == 0xf57f_f040 || op == 0xf57f_f050 || op == 0xf57f_f060) {
            c.r[15] = pc + 4;
            return op == 0xf57f_f060 ? Step.END_BLOCK : Step.NEXT;
        }
        return Step.INVALID;
    }

    /** cond 111x: {@code svc}; coprocessor instructions are invalid. */
    static int system(A32Core c, int w) {
        if ((w & 0x0f00_0000) != 0x0f00_0000) {
            return Step.INVALID;
        }
        if (!c.pass) {
            return Step.NEXT;
        }
        c.exception = A32Core.EXCP_SWI;
        c.r[15] += 4;
        return Step.EXCEPTION;
    }

    /** The immediate misc space: {@code movw}, {@code movt}, hints; MSR immediate is invalid. */
    static int immediateMisc(A32Core c, int w, int op) {
        int rd = w >>> 12 & 15;
        int imm16 = (w >>> 4 & 0xf000) | (w & 0xfff);
        if (op == 0x10 || op == 0x14) {
            if (rd == 15) {
                return Step.INVALID;
            }
            if (c.pass) {
                c.r[rd] = op == 0x10 ? imm16 : imm16 << 16 | (c.r[rd] & 0xffff);
            }
            return Step.NEXT;
        }
        int hint = w & 0x0fff_ffff;
        if (hint == 0x0320_f000 || hint == 0x0320_f001) {
            return Step.NEXT; // nop, yield
        }
        return Step.INVALID;
    }

    /** The register misc space: {@code mrs rd, cpsr}, {@code bx}, {@code blx} register, {@code clz}. */
    static int registerMisc(A32Core c, int w) {
        int body = w & 0x0fff_fff0;
        int m = w & 15;
        if (body == 0x012f_ff10 || body == 0x012f_ff30) {
            boolean link = body == 0x012f_ff30;
            if (link && m == 15) {
                return Step.INVALID;
            }
            if (!c.pass) {
                return Step.NEXT;
            }
            int target = c.reg(m);
            if (A32Core.badTarget(target)) {
                return Step.INVALID;
            }
            if (link) {
                c.r[14] = c.r[15] + 4;
            }
            c.bxWritePc(target);
            return Step.END_BLOCK;
        }
        int rd = w >>> 12 & 15;
        if ((w & 0x0fff_0fff) == 0x010f_0000 && rd != 15) {
            if (c.pass) {
                c.r[rd] = c.cpsr & ~0x0700_fc20; // execution state bits (IT, J, T) read as zero
            }
            return Step.NEXT;
        }
        if ((w & 0x0fff_0ff0) == 0x016f_0f10 && rd != 15 && m != 15) {
            if (c.pass) {
                c.r[rd] = Integer.numberOfLeadingZeros(c.r[m]);
            }
            return Step.NEXT;
        }
        return Step.INVALID;
    }

    /** True if A32 word {@code w} may change the PC other than by falling through. */
    static boolean endsBlock(int w) {
        int group = w >>> 25 & 7;
        if (w >>> 28 == 15) {
            return group == 5 || (w & 0xffff_fff0) == 0xf57f_f060;
        }
        if (group == 5 || group == 7) {
            return true;
        }
        if ((w & 0x0fff_ffd0) == 0x012f_ff10) {
            return true;
        }
        boolean rdIsPc = (w >>> 12 & 15) == 15;
        if (group <= 1) {
            return rdIsPc && (w & 0x90) != 0x90;
        }
        if (group <= 3) {
            return rdIsPc && (w & 1 << 20) != 0;
        }
        return group == 4 && (w & 1 << 20) != 0 && (w & 0x8000) != 0;
    }

    static int blockSize(GuestBus bus, long address, long until) {
        return WordBlocks.size(bus, address, until, -1L, A32Control::endsBlock);
    }
}
