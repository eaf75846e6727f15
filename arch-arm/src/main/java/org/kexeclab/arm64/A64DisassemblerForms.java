package org.kexeclab.arm64;

import static org.kexeclab.arm64.A64Disassembler.reg;
import static org.kexeclab.arm64.A64Disassembler.regSp;
import static org.kexeclab.arm64.A64Disassembler.shift;

/**
 * The three large A64 groups of {@link A64Disassembler}: data processing with an immediate,
 * loads and stores, and data processing on registers, each as objdump writes it (with its
 * aliases); {@code null} for a form it does not know.
 */
final class A64DisassemblerForms {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "al", "nv"};

    private A64DisassemblerForms() {
    }

    // ---- data processing, immediate ------------------------------------------------------------

    static String dataImmediate(int w, long pc) {
        boolean x = (w & 0x8000_0000) != 0;
        int rd = w & 31;
        int rn = (w >>> 5) & 31;
        return switch ((w >>> 23) & 7) {
            case 0, 1 -> adr(w, pc);
            case 2 -> addSubImmediate(w, x, rd, rn);
            case 4 -> logicalImmediate(w, x, rd, rn);
            case 5 -> moveWide(w, x, rd);
            case 6 -> bitfield(w, x, rd, rn);
            case 7 -> (w & 0x6020_0000) != 0 ? null : extract(w, x, rd, rn);
            default -> null;
        };
    }

    private static String adr(int w, long pc) {
        long imm = (long) ((w >>> 5 & 0x7ffff) << 2 | (w >>> 29) & 3) << 43 >> 43;
        if ((w & 0x8000_0000) == 0) {
            return String.format("adr %s, 0x%x", reg(w & 31, true), pc + imm);
        }
        return String.format("adrp %s, 0x%x", reg(w & 31, true), (pc & ~0xfffL) + (imm << 12));
    }

    private static String addSubImmediate(int w, boolean x, int rd, int rn) {
        boolean sub = (w & (1 << 30)) != 0;
        boolean flags = (w & (1 << 29)) != 0;
        int imm = (w >>> 10) & 0xfff;
        String shifted = (w & (1 << 22)) != 0 ? ", lsl #12" : "";
        if ((w & (1 << 23)) != 0 && (w & (1 << 22)) != 0) {
            return null;
        }
        if (!sub && !flags && imm == 0 && shifted.isEmpty() && (rd == 31 || rn == 31)) {
            return String.format("mov %s, %s", regSp(rd, x), regSp(rn, x));
        }
        if (flags && rd == 31) {
            return String.format("%s %s, #0x%x%s", sub ? "cmp" : "cmn", regSp(rn, x), imm, shifted);
        }
        String name = (sub ? "sub" : "add") + (flags ? "s" : "");
        return String.format("%s %s, %s, #0x%x%s", name, flags ? reg(rd, x) : regSp(rd, x), regSp(rn, x), imm, shifted);
    }

    private static String logicalImmediate(int w, boolean x, int rd, int rn) {
        int n = (w >>> 22) & 1;
        if (!x && n != 0) {
            return null;
        }
        long imm = bitmask(n, (w >>> 16) & 63, (w >>> 10) & 63, x ? 64 : 32);
        if (imm == 0) {
            return null;
        }
        String value = String.format("#0x%x", imm);
        return switch ((w >>> 29) & 3) {
            case 0 -> String.format("and %s, %s, %s", regSp(rd, x), reg(rn, x), value);
            case 1 -> rn == 31 ? String.format("mov %s, %s", regSp(rd, x), value)
                    : String.format("orr %s, %s, %s", regSp(rd, x), reg(rn, x), value);
            case 2 -> String.format("eor %s, %s, %s", regSp(rd, x), reg(rn, x), value);
            default -> rd == 31 ? String.format("tst %s, %s", reg(rn, x), value)
                    : String.format("ands %s, %s, %s", reg(rd, x), reg(rn, x), value);
        };
    }

    /** The value of a logical immediate (N:immr:imms), or 0 for a reserved encoding. */
    static long bitmask(int n, int immr, int imms, int size) {
        int len = 31 - Integer.numberOfLeadingZeros(n << 6 | (~imms & 63));
        if (len < 1) {
            return 0;
        }
        int esize = 1 << len;
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        if (s == levels) {
            return 0;
        }
        long element = (1L << (s + 1)) - 1;
        if (r != 0) {
            element = (element >>> r | element << (esize - r)) & (esize == 64 ? -1L : (1L << esize) - 1);
        }
        long out = 0;
        for (int i = 0; i < size; i += esize) {
            out |= element << i;
        }
        return size == 64 ? out : out & 0xffff_ffffL;
    }

    private static String moveWide(int w, boolean x, int rd) {
        int hw = (w >>> 21) & 3;
        long imm = (w >>> 5) & 0xffff;
        if (!x && hw > 1) {
            return null;
        }
        int shift = hw * 16;
        return switch ((w >>> 29) & 3) {
            case 0 -> imm == 0 && hw != 0 || !x && imm == 0xffff
                    ? String.format("movn %s, #0x%x%s", reg(rd, x), imm, shift == 0 ? "" : ", lsl #" + shift)
                    : String.format("mov %s, #0x%x", reg(rd, x), x ? ~(imm << shift) : ~(imm << shift) & 0xffff_ffffL);
            case 2 -> imm == 0 && hw != 0
                    ? String.format("movz %s, #0x%x, lsl #%d", reg(rd, x), imm, shift)
                    : String.format("mov %s, #0x%x", reg(rd, x), imm << shift);
            case 3 -> String.format("movk %s, #0x%x%s", reg(rd, x), imm, shift == 0 ? "" : ", lsl #" + shift);
            default -> null;
        };
    }

    private static String bitfield(int w, boolean x, int rd, int rn) {
        int size = x ? 64 : 32;
        int immr = (w >>> 16) & 63;
        int imms = (w >>> 10) & 63;
        if (((w >>> 22) & 1) != (x ? 1 : 0) || immr >= size || imms >= size) {
            return null;
        }
        String d = reg(rd, x);
        String n = reg(rn, x);
        return switch ((w >>> 29) & 3) {
            case 0 -> imms == size - 1 ? String.format("asr %s, %s, #%d", d, n, immr)
                    : immr == 0 && (imms == 7 || imms == 15 || imms == 31 && x)
                    ? String.format("sxt%s %s, %s", imms == 7 ? "b" : imms == 15 ? "h" : "w", d, reg(rn, false))
                    : imms < immr ? String.format("sbfiz %s, %s, #%d, #%d", d, n, size - immr, imms + 1)
                    : String.format("sbfx %s, %s, #%d, #%d", d, n, immr, imms - immr + 1);
            case 1 -> imms < immr ? String.format("bfi %s, %s, #%d, #%d", d, n, size - immr, imms + 1)
                    : String.format("bfxil %s, %s, #%d, #%d", d, n, immr, imms - immr + 1);
            case 2 -> imms != size - 1 && imms + 1 == immr ? String.format("lsl %s, %s, #%d", d, n, size - 1 - imms)
                    : imms == size - 1 ? String.format("lsr %s, %s, #%d", d, n, immr)
                    : !x && immr == 0 && (imms == 7 || imms == 15)
                    ? String.format("uxt%s %s, %s", imms == 7 ? "b" : "h", d, n)
                    : imms < immr ? String.format("ubfiz %s, %s, #%d, #%d", d, n, size - immr, imms + 1)
                    : String.format("ubfx %s, %s, #%d, #%d", d, n, immr, imms - immr + 1);
            default -> null;
        };
    }

    private static String extract(int w, boolean x, int rd, int rn) {
        int rm = (w >>> 16) & 31;
        int imms = (w >>> 10) & 63;
        if (((w >>> 22) & 1) != (x ? 1 : 0) || !x && imms > 31) {
            return null;
        }
        return rn == rm ? String.format("ror %s, %s, #%d", reg(rd, x), reg(rn, x), imms)
                : String.format("extr %s, %s, %s, #%d", reg(rd, x), reg(rn, x), reg(rm, x), imms);
    }

    // ---- loads and stores ----------------------------------------------------------------------

    static String loadStore(int w, long pc) {
        if ((w & (1 << 26)) != 0) {
            return null;   // SIMD and floating point
        }
        int group = (w >>> 27) & 7;
        if (group == 3 && (w & (1 << 24)) == 0) {
            return literal(w, pc);
        }
        if (group == 5) {
            return pair(w);
        }
        if (group == 7) {
            return register(w);
        }
        return null;
    }

    private static String literal(int w, long pc) {
        int opc = w >>> 30;
        if (opc == 3) {
            return null;
        }
        long target = pc + ((long) (w << 8) >> 13 << 2);
        return String.format("%s %s, 0x%x", opc == 2 ? "ldrsw" : "ldr", reg(w & 31, opc != 0), target);
    }

    private static String pair(int w) {
        int opc = w >>> 30;
        int mode = (w >>> 23) & 3;
        boolean load = (w & (1 << 22)) != 0;
        if (opc == 3 || opc == 1 && (!load || mode == 0)) {
            return null;
        }
        boolean x = opc == 2;
        int scale = x ? 3 : 2;
        int imm = (w << 10 >> 25) << scale;
        String name = mode == 0 ? (load ? "ldnp" : "stnp") : opc == 1 ? "ldpsw" : load ? "ldp" : "stp";
        String regs = String.format("%s, %s", reg(w & 31, x || opc == 1), reg((w >>> 10) & 31, x || opc == 1));
        String base = regSp((w >>> 5) & 31, true);
        return String.format("%s %s, %s", name, regs, address(base, imm, mode == 1 ? 0 : mode == 3 ? 2 : 1));
    }

    /** {@code [base, #imm]} (kind 1; no offset when 0), {@code [base], #imm} (0, post-index), {@code [base, #imm]!} (2). */
    private static String address(String base, long imm, int kind) {
        return switch (kind) {
            case 0 -> String.format("[%s], #%d", base, imm);
            case 2 -> String.format("[%s, #%d]!", base, imm);
            default -> imm == 0 ? "[" + base + "]" : String.format("[%s, #%d]", base, imm);
        };
    }

    private static String register(int w) {
        int size = w >>> 30;
        int opc = (w >>> 22) & 3;
        String name = loadStoreName(size, opc);
        if (name == null) {
            return null;
        }
        boolean x = size == 3 && opc < 2 || opc == 2;
        String rt = reg(w & 31, x);
        String base = regSp((w >>> 5) & 31, true);
        if ((w & (1 << 24)) != 0) {
            return String.format("%s %s, %s", name, rt, address(base, (long) ((w >>> 10) & 0xfff) << size, 1));
        }
        long imm9 = w << 11 >> 23;
        if ((w & (1 << 21)) == 0) {
            return switch ((w >>> 10) & 3) {
                case 0 -> String.format("%s %s, %s", name.replaceFirst("^(ld|st)r", "$1ur"), rt, address(base, imm9, 1));
                case 1 -> String.format("%s %s, %s", name, rt, address(base, imm9, 0));
                case 3 -> String.format("%s %s, %s", name, rt, address(base, imm9, 2));
                default -> null;
            };
        }
        if (((w >>> 10) & 3) != 2) {
            return null;
        }
        int option = (w >>> 13) & 7;
        boolean scaled = (w & (1 << 12)) != 0;
        String extend = switch (option) {
            case 2 -> "uxtw";
            case 3 -> "lsl";
            case 6 -> "sxtw";
            case 7 -> "sxtx";
            default -> null;
        };
        if (extend == null) {
            return null;
        }
        String rm = reg((w >>> 16) & 31, (option & 1) != 0);
        String amount = scaled ? " #" + size : "";
        String offset = option == 3 && !scaled ? rm : rm + ", " + extend + amount;
        return String.format("%s %s, [%s, %s]", name, rt, base, offset);
    }

    private static String loadStoreName(int size, int opc) {
        String[][] names = {
            {"strb", "ldrb", "ldrsb", "ldrsb"},
            {"strh", "ldrh", "ldrsh", "ldrsh"},
            {"str", "ldr", "ldrsw", null},
            {"str", "ldr", null, null},
        };
        return names[size][opc];
    }

    // ---- data processing, register -------------------------------------------------------------

    static String dataRegister(int w) {
        boolean x = (w & 0x8000_0000) != 0;
        int rd = w & 31;
        int rn = (w >>> 5) & 31;
        int rm = (w >>> 16) & 31;
        if ((w & 0x1f00_0000) == 0x0a00_0000) {
            return logicalRegister(w, x, rd, rn, rm);
        }
        if ((w & 0x1f20_0000) == 0x0b00_0000) {
            return addSubRegister(w, x, rd, rn, rm);
        }
        if ((w & 0x1f20_0000) == 0x0b20_0000) {
            return addSubExtended(w, x, rd, rn, rm);
        }
        if ((w & 0x7fe0_0000) == 0x1ac0_0000) {
            return twoSource(w, x, rd, rn, rm);
        }
        if ((w & 0x1f00_0000) == 0x1b00_0000) {
            return threeSource(w, x, rd, rn, rm);
        }
        if ((w & 0x3fe0_0800) == 0x1a80_0000) {
            return conditionalSelect(w, x, rd, rn, rm);
        }
        return null;
    }

    private static String shiftSuffix(int w) {
        int amount = (w >>> 10) & 63;
        return amount == 0 && ((w >>> 22) & 3) == 0 ? "" : ", " + shift((w >>> 22) & 3) + " #" + amount;
    }

    private static String logicalRegister(int w, boolean x, int rd, int rn, int rm) {
        if (!x && (w & (1 << 15)) != 0) {
            return null;
        }
        boolean invert = (w & (1 << 21)) != 0;
        int opc = (w >>> 29) & 3;
        String suffix = shiftSuffix(w);
        String d = reg(rd, x);
        String n = reg(rn, x);
        String m = reg(rm, x);
        if (opc == 1 && !invert && rn == 31 && suffix.isEmpty()) {
            return String.format("mov %s, %s", d, m);
        }
        if (opc == 1 && invert && rn == 31) {
            return String.format("mvn %s, %s%s", d, m, suffix);
        }
        if (opc == 3 && rd == 31 && !invert) {
            return String.format("tst %s, %s%s", n, m, suffix);
        }
        String[] names = invert ? new String[] {"bic", "orn", "eon", "bics"} : new String[] {"and", "orr", "eor", "ands"};
        return String.format("%s %s, %s, %s%s", names[opc], d, n, m, suffix);
    }

    private static String addSubRegister(int w, boolean x, int rd, int rn, int rm) {
        if (((w >>> 22) & 3) == 3 || !x && (w & (1 << 15)) != 0) {
            return null;
        }
        boolean sub = (w & (1 << 30)) != 0;
        boolean flags = (w & (1 << 29)) != 0;
        String suffix = shiftSuffix(w);
        if (flags && rd == 31) {
            return String.format("%s %s, %s%s", sub ? "cmp" : "cmn", reg(rn, x), reg(rm, x), suffix);
        }
        if (sub && rn == 31) {
            return String.format("neg%s %s, %s%s", flags ? "s" : "", reg(rd, x), reg(rm, x), suffix);
        }
        return String.format("%s%s %s, %s, %s%s", sub ? "sub" : "add", flags ? "s" : "", reg(rd, x), reg(rn, x),
                reg(rm, x), suffix);
    }

    private static String addSubExtended(int w, boolean x, int rd, int rn, int rm) {
        int option = (w >>> 13) & 7;
        int amount = (w >>> 10) & 7;
        if (amount > 4 || ((w >>> 22) & 3) != 0) {
            return null;
        }
        boolean sub = (w & (1 << 30)) != 0;
        boolean flags = (w & (1 << 29)) != 0;
        String[] extends_ = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};
        boolean lslForm = (rd == 31 && !flags || rn == 31) && option == (x ? 3 : 2);
        String extend = lslForm ? (amount == 0 ? "" : ", lsl #" + amount)
                : ", " + extends_[option] + (amount == 0 ? "" : " #" + amount);
        String m = reg(rm, x && (option & 3) == 3);
        String d = flags ? reg(rd, x) : regSp(rd, x);
        if (flags && rd == 31) {
            return String.format("%s %s, %s%s", sub ? "cmp" : "cmn", regSp(rn, x), m, extend);
        }
        return String.format("%s%s %s, %s, %s%s", sub ? "sub" : "add", flags ? "s" : "", d, regSp(rn, x), m, extend);
    }

    private static String twoSource(int w, boolean x, int rd, int rn, int rm) {
        String name = switch ((w >>> 10) & 63) {
            case 2 -> "udiv";
            case 3 -> "sdiv";
            case 8 -> "lsl";
            case 9 -> "lsr";
            case 10 -> "asr";
            case 11 -> "ror";
            default -> null;
        };
        return name == null || (w & (1 << 29)) != 0 ? null
                : String.format("%s %s, %s, %s", name, reg(rd, x), reg(rn, x), reg(rm, x));
    }

    private static String threeSource(int w, boolean x, int rd, int rn, int rm) {
        int ra = (w >>> 10) & 31;
        if (((w >>> 21) & 7) != 0 || ((w >>> 29) & 3) != 0) {
            return null;
        }
        boolean subtract = (w & (1 << 15)) != 0;
        if (ra == 31) {
            return String.format("%s %s, %s, %s", subtract ? "mneg" : "mul", reg(rd, x), reg(rn, x), reg(rm, x));
        }
        return String.format("%s %s, %s, %s, %s", subtract ? "msub" : "madd", reg(rd, x), reg(rn, x), reg(rm, x),
                reg(ra, x));
    }

    private static String conditionalSelect(int w, boolean x, int rd, int rn, int rm) {
        int op = (w >>> 30) & 1;
        int op2 = (w >>> 10) & 3;
        int cond = (w >>> 12) & 15;
        if (op2 > 1) {
            return null;
        }
        String[] names = op == 0 ? new String[] {"csel", "csinc"} : new String[] {"csinv", "csneg"};
        String d = reg(rd, x);
        boolean invertible = cond < 14;
        if (op2 != 0 || op != 0) {
            if (rn == 31 && rm == 31 && invertible && op2 == (op == 0 ? 1 : 0)) {
                return String.format("%s %s, %s", op == 0 ? "cset" : "csetm", d, COND[cond ^ 1]);
            }
            if (rn == rm && rn != 31 && invertible) {
                String alias = op == 0 ? "cinc" : op2 == 0 ? "cinv" : "cneg";
                return String.format("%s %s, %s, %s", alias, d, reg(rn, x), COND[cond ^ 1]);
            }
        }
        return String.format("%s %s, %s, %s, %s", names[op2], d, reg(rn, x), reg(rm, x), COND[cond]);
    }
}
