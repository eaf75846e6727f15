package org.kexeclab.arm;

import org.kexeclab.asm.Disassembler;

/**
 * A32 (ARM state) instructions as text in GNU objdump's style, for listings of a kernel's own
 * relocation code: data processing with an immediate or a shifted register, {@code ldr}/{@code str}
 * (and their byte forms) with immediate or register offsets in every indexing mode, {@code push}
 * and {@code pop}, {@code ldm}/{@code stm}, {@code b}/{@code bl}, {@code bx}/{@code blx} register,
 * {@code nop}, {@code mrc}/{@code mcr} and {@code svc}, each with its condition. Anything else is
 * shown as {@code .word}. Field layouts are the Arm ARM's; golden-tested against objdump.
 */
public final class A32Disassembler implements Disassembler {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "", ""};
    private static final String[] OPS = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp",
        "cmn", "orr", "mov", "bic", "mvn"};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    @Override
    public Instruction decode(byte[] code, int offset, long address) {
        if (code.length - offset < 4) {
            return new Instruction(code.length - offset, String.format(".byte 0x%02x", code[offset] & 0xff));
        }
        int w = (code[offset] & 0xff) | (code[offset + 1] & 0xff) << 8 | (code[offset + 2] & 0xff) << 16
                | (code[offset + 3] & 0xff) << 24;
        return new Instruction(4, text(w, address));
    }

    /** The text of instruction word {@code w} at {@code pc}. */
    public static String text(int w, long pc) {
        int condition = w >>> 28;
        if (condition == 15) {
            return word(w);
        }
        String cond = COND[condition];
        String s = switch ((w >>> 25) & 7) {
            case 0, 1 -> dataProcessing(w, cond);
            case 2, 3 -> (w & 0x0200_0010) == 0x0200_0010 ? null : loadStore(w, cond);
            case 4 -> blockTransfer(w, cond);
            case 5 -> String.format("b%s%s 0x%x", (w & (1 << 24)) != 0 ? "l" : "", cond,
                    (pc + 8 + (((long) w << 40) >> 38)) & 0xffff_ffffL);
            case 7 -> coprocessor(w, cond);
            default -> null;
        };
        return s == null ? word(w) : s;
    }

    private static String word(int w) {
        return String.format(".word 0x%08x", w);
    }

    private static String dataProcessing(int w, String cond) {
        boolean immediate = (w & (1 << 25)) != 0;
        if ((w & 0x0fff_ffd0) == 0x012f_ff10) {
            return String.format("b%sx%s %s", (w & 0x20) != 0 ? "l" : "", cond, reg(w & 15));
        }
        if ((w & 0x0fff_ffff) == 0x0320_f000) {
            return "nop" + cond + " {0}";
        }
        if ((w & 0x0fff_ffff) == 0x01a0_0000) {
            return "nop" + cond;   // mov r0, r0
        }
        if (!immediate && (w & 0x90) == 0x90) {
            return null;   // multiplies, extra loads and stores, synchronisation
        }
        int op = (w >>> 21) & 15;
        boolean setFlags = (w & (1 << 20)) != 0;
        if (op >= 8 && op <= 11 && !setFlags) {
            return null;   // mrs, msr and the other miscellaneous forms
        }
        String rd = reg((w >>> 12) & 15);
        String rn = reg((w >>> 16) & 15);
        if (op == 13 && !immediate && ((w >>> 4) & 0xff) != 0) {
            return shiftAlias(w, cond, setFlags);
        }
        String operand = immediate ? "#" + (int) Integer.rotateRight(w & 0xff, ((w >>> 8) & 15) * 2) : shifted(w);
        if (operand == null) {
            return null;
        }
        String s = setFlags ? "s" : "";
        if (op >= 8 && op <= 11) {
            return String.format("%s%s %s, %s", OPS[op], cond, rn, operand);
        }
        if (op == 13 || op == 15) {
            return String.format("%s%s%s %s, %s", OPS[op], s, cond, rd, operand);
        }
        return String.format("%s%s%s %s, %s, %s", OPS[op], s, cond, rd, rn, operand);
    }

    /** {@code mov rd, rm, <shift>} as objdump writes it: {@code lsl rd, rm, #n}, {@code rrx rd, rm}. */
    private static String shiftAlias(int w, String cond, boolean setFlags) {
        String rd = reg((w >>> 12) & 15);
        String rm = reg(w & 15);
        int type = (w >>> 5) & 3;
        String s = setFlags ? "s" : "";
        if ((w & 0x10) != 0) {
            return (w & 0x80) != 0 ? null
                    : String.format("%s%s%s %s, %s, %s", SHIFTS[type], s, cond, rd, rm, reg((w >>> 8) & 15));
        }
        int amount = (w >>> 7) & 31;
        if (type == 3 && amount == 0) {
            return String.format("rrx%s%s %s, %s", s, cond, rd, rm);
        }
        return String.format("%s%s%s %s, %s, #%d", SHIFTS[type], s, cond, rd, rm,
                amount == 0 && type != 0 ? 32 : amount);
    }

    /** A shifted register operand: {@code rm}, {@code rm, lsl #n}, {@code rm, lsl rs}, {@code rm, rrx}. */
    private static String shifted(int w) {
        String rm = reg(w & 15);
        int type = (w >>> 5) & 3;
        if ((w & 0x10) != 0) {
            return (w & 0x80) != 0 ? null : rm + ", " + SHIFTS[type] + " " + reg((w >>> 8) & 15);
        }
        int amount = (w >>> 7) & 31;
        if (amount == 0) {
            return type == 0 ? rm : type == 3 ? rm + ", rrx" : rm + ", " + SHIFTS[type] + " #32";
        }
        return rm + ", " + SHIFTS[type] + " #" + amount;
    }

    private static String loadStore(int w, String cond) {
        boolean pre = (w & (1 << 24)) != 0;
        boolean up = (w & (1 << 23)) != 0;
        boolean writeBack = (w & (1 << 21)) != 0;
        boolean load = (w & (1 << 20)) != 0;
        String op = (load ? "ldr" : "str") + ((w & (1 << 22)) != 0 ? "b" : "") + (!pre && writeBack ? "t" : "");
        int rt = (w >>> 12) & 15;
        int rn = (w >>> 16) & 15;
        boolean register = (w & (1 << 25)) != 0;
        int imm = w & 0xfff;
        if (!register && rn == 13 && (w & (1 << 22)) == 0 && imm == 4) {
            if (load && !pre && up && !writeBack) {
                return String.format("pop%s {%s}", cond, reg(rt));
            }
            if (!load && pre && !up && writeBack) {
                return String.format("push%s {%s}", cond, reg(rt));
            }
        }
        String offset;
        if (register) {
            String sh = shifted(w);
            if (sh == null) {
                return null;
            }
            offset = (up ? "" : "-") + sh;
        } else {
            offset = "#" + (up ? "" : "-") + imm;
        }
        String address;
        if (pre) {
            address = !register && imm == 0 && up && !writeBack ? "[" + reg(rn) + "]"
                    : "[" + reg(rn) + ", " + offset + "]";
            address += writeBack ? "!" : "";
        } else {
            address = "[" + reg(rn) + "], " + offset;
        }
        return String.format("%s%s %s, %s", op, cond, reg(rt), address);
    }

    private static String blockTransfer(int w, String cond) {
        boolean pre = (w & (1 << 24)) != 0;
        boolean up = (w & (1 << 23)) != 0;
        boolean writeBack = (w & (1 << 21)) != 0;
        boolean load = (w & (1 << 20)) != 0;
        int rn = (w >>> 16) & 15;
        if ((w & (1 << 22)) != 0 || (w & 0xffff) == 0) {
            return null;
        }
        StringBuilder list = new StringBuilder("{");
        for (int r = 0; r < 16; r++) {
            if ((w & (1 << r)) != 0) {
                list.append(list.length() > 1 ? ", " : "").append(reg(r));
            }
        }
        list.append('}');
        boolean stack = rn == 13 && writeBack && (load ? !pre && up : pre && !up);
        if (stack) {
            return Integer.bitCount(w & 0xffff) > 1 ? (load ? "pop" : "push") + cond + " " + list
                    : String.format("%s%s sp!, %s", load ? "ldmfd" : "stmfd", cond, list);
        }
        String mode = pre ? (up ? "ib" : "db") : (up ? (!load && writeBack ? "ia" : "") : "da");
        return String.format("%s%s%s %s%s, %s", load ? "ldm" : "stm", mode, cond, reg(rn), writeBack ? "!" : "", list);
    }

    private static String coprocessor(int w, String cond) {
        if ((w & (1 << 24)) != 0) {
            return String.format("svc%s 0x%08x", cond, w & 0xff_ffff);
        }
        if ((w & 0x10) == 0) {
            return null;
        }
        return String.format("%s%s %d, %d, %s, cr%d, cr%d, {%d}", (w & (1 << 20)) != 0 ? "mrc" : "mcr", cond,
                (w >>> 8) & 15, (w >>> 21) & 7, reg((w >>> 12) & 15), (w >>> 16) & 15, w & 15, (w >>> 5) & 7);
    }

    private static String reg(int r) {
        return switch (r) {
            case 10 -> "sl";
            case 11 -> "fp";
            case 12 -> "ip";
            case 13 -> "sp";
            case 14 -> "lr";
            case 15 -> "pc";
            default -> "r" + r;
        };
    }
}
