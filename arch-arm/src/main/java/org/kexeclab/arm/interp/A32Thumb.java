package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * The Thumb subset of the Java engine's ARM core (no IT blocks, so 16-bit data processing always
 * sets flags): shifts, add/subtract/move/compare with immediates and registers, the sixteen
 * register ALU operations, high-register {@code add/cmp/mov}, {@code bx/blx}, word and byte
 * {@code ldr/str} with an immediate or register offset, {@code ldr} literal, {@code b/b<cond>},
 * {@code nop}, {@code svc}; 32-bit {@code bl}, {@code mul} and add/subtract/logical with a
 * modified immediate ({@link A32ThumbWide}). Anything else is {@link Step#INVALID}.
 */
final class A32Thumb {
    private A32Thumb() {
    }

    /** True if halfword {@code hw} starts a 32-bit instruction. */
    static boolean wide(int hw) {
        return (hw >>> 11) >= 0x1d;
    }

    /** Size of the instruction at {@code address} given the aligned word containing it. */
    static int size(long word, long address) {
        int hw = (int) ((address & 2) != 0 ? word >>> 16 : word) & 0xffff;
        return wide(hw) ? 4 : 2;
    }

    static int step(A32Core c, int pc) {
        int hw = c.bus.fetch16(pc & A32Core.M32);
        if (wide(hw)) {
            int hw2 = c.bus.fetch16((pc + 2) & A32Core.M32);
            c.lastWord = hw << 16 | hw2;
            return A32ThumbWide.execute(c, hw, hw2, pc);
        }
        c.lastWord = hw << 16;
        int s = narrow(c, hw, pc);
        if (s == Step.NEXT) {
            c.r[15] = pc + 2;
            if (endsBlock(hw)) {
                return Step.END_BLOCK;
            }
        }
        return s;
    }

    private static int narrow(A32Core c, int hw, int pc) {
        int top5 = hw >>> 11;
        if (top5 < 3) {
            int v = A32DataProcessing.shiftImmediate(c, c.r[hw >>> 3 & 7], top5, hw >>> 6 & 31);
            c.r[hw & 7] = v;
            c.setNzc(v, c.shiftCarry);
            return Step.NEXT;
        }
        if (top5 == 3) {
            int n = c.r[hw >>> 3 & 7];
            int m = (hw & 1 << 10) != 0 ? hw >>> 6 & 7 : c.r[hw >>> 6 & 7];
            boolean sub = (hw & 1 << 9) != 0;
            c.r[hw & 7] = c.addWithCarry(n, sub ? ~m : m, sub ? 1 : 0, true);
            return Step.NEXT;
        }
        if (top5 < 8) {
            return immediate8(c, hw, top5 & 3);
        }
        if (hw >>> 10 == 0x10) {
            return A32ThumbAlu.registerOp(c, hw);
        }
        if (hw >>> 10 == 0x11) {
            return A32ThumbAlu.special(c, hw, pc);
        }
        if (top5 == 9) {
            c.r[hw >>> 8 & 7] = c.bus.load32(((pc + 4) & ~3) + (hw & 0xff) * 4L & A32Core.M32);
            return Step.NEXT;
        }
        if (hw >>> 12 == 5 || hw >>> 13 == 3) {
            return loadStore(c, hw);
        }
        if (hw == 0xbf00) {
            return Step.NEXT;
        }
        if (hw >>> 12 == 0xd) {
            return conditional(c, hw, pc);
        }
        if (top5 == 0x1c) {
            c.r[15] = pc + 4 + (hw << 21 >> 20);
            return Step.END_BLOCK;
        }
        return Step.INVALID;
    }

    private static int immediate8(A32Core c, int hw, int op) {
        int d = hw >>> 8 & 7;
        int imm = hw & 0xff;
        switch (op) {
            case 0: c.r[d] = imm; c.setNzc(imm, c.cpsr & A32Core.C); break;
            case 1: c.addWithCarry(c.r[d], ~imm, 1, true); break;
            case 2: c.r[d] = c.addWithCarry(c.r[d], imm, 0, true); break;
            default: c.r[d] = c.addWithCarry(c.r[d], ~imm, 1, true); break;
        }
        return Step.NEXT;
    }

    private static int loadStore(A32Core c, int hw) {
        int t = hw & 7;
        int base = c.r[hw >>> 3 & 7];
        boolean load = (hw & 1 << 11) != 0;
        boolean byteSize;
        long address;
        if (hw >>> 12 == 5) {
            int op = hw >>> 9 & 7;
            if (op != 0 && op != 2 && op != 4 && op != 6) {
                return Step.INVALID; // halfword and signed forms
            }
            byteSize = op == 2 || op == 6;
            address = (base + c.r[hw >>> 6 & 7]) & A32Core.M32;
        } else {
            byteSize = (hw & 1 << 12) != 0;
            int imm = hw >>> 6 & 31;
            address = (base + (byteSize ? imm : imm * 4)) & A32Core.M32;
        }
        if (load) {
            c.r[t] = byteSize ? c.bus.load8(address) : c.bus.load32(address);
        } else if (byteSize) {
            c.bus.store8(address, c.r[t]);
        } else {
            c.bus.store32(address, c.r[t]);
        }
        return Step.NEXT;
    }

    private static int conditional(A32Core c, int hw, int pc) {
        int cond = hw >>> 8 & 15;
        if (cond == 14) {
            return Step.INVALID; // udf
        }
        if (cond == 15) {
            c.exception = A32Core.EXCP_SWI;
            c.r[15] = pc + 2;
            return Step.EXCEPTION;
        }
        c.r[15] = c.holds(cond) ? pc + 4 + (hw << 24 >> 23) : pc + 2;
        return Step.END_BLOCK;
    }

    static int blockSize(GuestBus bus, long address, long until) {
        long a = address;
        do {
            long word = bus.peek32(a & ~3L, -1);
            if (word < 0) {
                return (int) Math.max(2, a - address);
            }
            int hw = (int) ((a & 2) != 0 ? word >>> 16 : word) & 0xffff;
            a += wide(hw) ? 4 : 2;
            if (wide(hw) ? (hw & 0xf800) == 0xf000 : endsBlock(hw)) {
                break;
            }
        } while (a != until && (a & (GuestBus.PAGE_SIZE - 1)) != 0);
        return (int) (a - address);
    }

    private static boolean endsBlock(int hw) {
        return hw >>> 12 == 0xd || hw >>> 11 == 0x1c || (hw & 0xff00) == 0x4700 || (hw & 0xff87) == 0x4487
                || (hw & 0xff87) == 0x4687;
    }
}
