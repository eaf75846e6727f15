package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.Disassembler;

/**
 * A64 instructions as text in GNU objdump's style, for listings of a kernel's own relocation
 * code: loads and stores (immediate in every indexing mode, register offset, literal, pairs
 * with {@code ldnp}/{@code stnp}), add/sub and the logical operations on immediates and shifted
 * registers, moves of wide immediates, bitfield moves, variable shifts, multiplies and divides,
 * {@code adr}/{@code adrp}, every branch, exception generation and the system instructions a
 * relocation uses (barriers, hints, {@code mrs}/{@code msr} with the registers named below,
 * {@code dc}/{@code ic}/{@code tlbi}), with objdump's aliases ({@code mov}, {@code cmp},
 * {@code tst}, {@code lsl}, {@code ubfx}, ...). Anything else is shown as {@code .inst}. Field
 * layouts are the Arm ARM's; golden-tested against objdump.
 */
public final class A64Disassembler implements Disassembler {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "al", "nv"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    /** op0:op1:CRn:CRm:op2 (the 16 bits of an mrs/msr) to the register's name. */
    private static final Map<Integer, String> SYSREGS = Map.ofEntries(
            Map.entry(sys(3, 0, 1, 0, 0), "sctlr_el1"), Map.entry(sys(3, 0, 2, 0, 0), "ttbr0_el1"),
            Map.entry(sys(3, 0, 2, 0, 1), "ttbr1_el1"), Map.entry(sys(3, 0, 2, 0, 2), "tcr_el1"),
            Map.entry(sys(3, 0, 10, 2, 0), "mair_el1"), Map.entry(sys(3, 0, 12, 0, 0), "vbar_el1"),
            Map.entry(sys(3, 3, 0, 0, 1), "ctr_el0"), Map.entry(sys(3, 3, 4, 2, 1), "daif"),
            Map.entry(sys(3, 0, 4, 2, 2), "currentel"), Map.entry(sys(3, 3, 4, 2, 0), "nzcv"),
            Map.entry(sys(3, 0, 4, 0, 1), "elr_el1"), Map.entry(sys(3, 0, 4, 0, 0), "spsr_el1"),
            Map.entry(sys(3, 0, 5, 2, 0), "esr_el1"), Map.entry(sys(3, 0, 6, 0, 0), "far_el1"),
            Map.entry(sys(3, 0, 4, 1, 0), "sp_el0"), Map.entry(sys(3, 0, 0, 0, 5), "mpidr_el1"),
            Map.entry(sys(3, 0, 0, 0, 0), "midr_el1"), Map.entry(sys(3, 3, 0, 0, 7), "dczid_el0"),
            Map.entry(sys(3, 4, 1, 0, 0), "sctlr_el2"), Map.entry(sys(3, 4, 1, 1, 0), "hcr_el2"),
            Map.entry(sys(3, 4, 12, 0, 0), "vbar_el2"), Map.entry(sys(3, 0, 13, 0, 4), "tpidr_el1"));
    private static final Map<Integer, String> DC = Map.of(sys(1, 3, 7, 14, 1), "civac", sys(1, 3, 7, 10, 1), "cvac",
            sys(1, 0, 7, 6, 1), "ivac", sys(1, 3, 7, 11, 1), "cvau", sys(1, 3, 7, 4, 1), "zva",
            sys(1, 0, 7, 14, 2), "cisw", sys(1, 0, 7, 10, 2), "csw", sys(1, 0, 7, 6, 2), "isw");
    private static final Map<Integer, String> IC = Map.of(sys(1, 0, 7, 5, 0), "iallu", sys(1, 0, 7, 1, 0),
            "ialluis", sys(1, 3, 7, 5, 1), "ivau");
    private static final Map<Integer, String> TLBI = Map.of(sys(1, 0, 8, 7, 0), "vmalle1", sys(1, 0, 8, 3, 0),
            "vmalle1is", sys(1, 4, 8, 7, 4), "alle1", sys(1, 4, 8, 3, 4), "alle1is", sys(1, 0, 8, 7, 1), "vae1",
            sys(1, 0, 8, 3, 1), "vae1is");

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
        String s = switch ((w >>> 25) & 0xf) {
            case 8, 9 -> A64DisassemblerForms.dataImmediate(w, pc);
            case 10, 11 -> branchOrSystem(w, pc);
            case 4, 6, 12, 14 -> A64DisassemblerForms.loadStore(w, pc);
            case 5, 13 -> A64DisassemblerForms.dataRegister(w);
            default -> null;
        };
        return s == null ? String.format(".inst 0x%08x", w) : s;
    }

    private static int sys(int op0, int op1, int crn, int crm, int op2) {
        return op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    private static String branchOrSystem(int w, long pc) {
        if ((w & 0x7c00_0000) == 0x1400_0000) {
            return String.format("%s 0x%x", (w & 0x8000_0000) != 0 ? "bl" : "b", pc + ((long) (w << 6) >> 4));
        }
        if ((w & 0xff00_0010) == 0x5400_0000) {
            return String.format("b.%s 0x%x", COND[w & 15], pc + ((long) (w << 8) >> 13 << 2));
        }
        if ((w & 0x7e00_0000) == 0x3400_0000) {
            return String.format("%s %s, 0x%x", (w & (1 << 24)) != 0 ? "cbnz" : "cbz",
                    reg(w & 31, (w & 0x8000_0000) != 0), pc + ((long) (w << 8) >> 13 << 2));
        }
        if ((w & 0x7e00_0000) == 0x3600_0000) {
            int bit = (w >>> 31) << 5 | (w >>> 19) & 31;
            return String.format("%s %s, #%d, 0x%x", (w & (1 << 24)) != 0 ? "tbnz" : "tbz", reg(w & 31, bit >= 32),
                    bit, pc + ((long) (w << 13) >> 18 << 2));
        }
        if ((w & 0xfe1f_fc1f) == 0xd61f_0000) {
            int opc = (w >>> 21) & 15;
            String name = opc == 0 ? "br" : opc == 1 ? "blr" : opc == 2 ? "ret" : null;
            if (name == null) {
                return null;
            }
            int rn = (w >>> 5) & 31;
            return opc == 2 && rn == 30 ? "ret" : name + " " + reg(rn, true);
        }
        if ((w & 0xff00_0000) == 0xd400_0000) {
            return exception(w);
        }
        if ((w & 0xffc0_0000) == 0xd500_0000) {
            return system(w);
        }
        return null;
    }

    private static String exception(int w) {
        int imm = (w >>> 5) & 0xffff;
        String name = switch (((w >>> 21) & 7) << 5 | (w & 31)) {
            case 1 -> "svc";
            case 2 -> "hvc";
            case 3 -> "smc";
            case 0x20 -> "brk";
            default -> null;
        };
        return name == null ? null : String.format("%s #0x%x", name, imm);
    }

    private static String system(int w) {
        int rt = w & 31;
        boolean read = (w & (1 << 21)) != 0;
        int field = (w >>> 5) & 0xffff;
        if ((w & (1 << 20)) != 0) {
            String name = SYSREGS.get(field);
            if (name == null) {
                return null;
            }
            return read ? String.format("mrs %s, %s", reg(rt, true), name) : String.format("msr %s, %s", name, reg(rt, true));
        }
        int op0 = (w >>> 19) & 3;
        int crn = (w >>> 12) & 15;
        int crm = (w >>> 8) & 15;
        int op2 = (w >>> 5) & 7;
        if (op0 == 0 && crn == 4 && rt == 31 && !read) {
            int op1 = (w >>> 16) & 7;
            String field0 = op1 == 3 && op2 == 6 ? "daifset" : op1 == 3 && op2 == 7 ? "daifclr" : op1 == 0 && op2 == 5
                    ? "spsel" : null;
            return field0 == null ? null : String.format("msr %s, #0x%x", field0, crm);
        }
        if (op0 == 0 && crn == 2 && rt == 31) {
            int hint = crm << 3 | op2;
            String[] hints = {"nop", "yield", "wfe", "wfi", "sev", "sevl"};
            return hint < hints.length ? hints[hint] : String.format("hint #0x%x", hint);
        }
        if (op0 == 0 && crn == 3 && rt == 31) {
            return barrier(op2, crm);
        }
        if (op0 == 1 && !read) {
            return sysAlias(field, rt);
        }
        return null;
    }

    private static String barrier(int op2, int crm) {
        String[] options = {"#0x0", "oshld", "oshst", "osh", "#0x4", "nshld", "nshst", "nsh", "#0x8", "ishld", "ishst",
            "ish", "#0xc", "ld", "st", "sy"};
        return switch (op2) {
            case 4 -> "dsb " + options[crm];
            case 5 -> "dmb " + options[crm];
            case 6 -> crm == 15 ? "isb" : "isb #0x" + Integer.toHexString(crm);
            case 2 -> crm == 0 ? "clrex" : null;
            default -> null;
        };
    }

    private static String sysAlias(int field, int rt) {
        String dc = DC.get(field);
        if (dc != null) {
            return "dc " + dc + ", " + reg(rt, true);
        }
        String ic = IC.get(field);
        if (ic != null) {
            return rt == 31 ? "ic " + ic : "ic " + ic + ", " + reg(rt, true);
        }
        String tlbi = TLBI.get(field);
        if (tlbi != null) {
            return rt == 31 ? "tlbi " + tlbi : "tlbi " + tlbi + ", " + reg(rt, true);
        }
        return null;
    }

    /** General register {@code r} (31 = the zero register) in its 64- or 32-bit view. */
    static String reg(int r, boolean x) {
        return r == 31 ? (x ? "xzr" : "wzr") : (x ? "x" : "w") + r;
    }

    /** General register {@code r} where 31 is the stack pointer. */
    static String regSp(int r, boolean x) {
        return r == 31 ? (x ? "sp" : "wsp") : (x ? "x" : "w") + r;
    }

    /** The shift names, indexed by the instructions' 2-bit shift field. */
    static String shift(int type) {
        return SHIFT[type];
    }
}
