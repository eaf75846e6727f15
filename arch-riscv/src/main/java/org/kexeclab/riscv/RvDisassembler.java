package org.kexeclab.riscv;

import org.kexeclab.asm.Disassembler;

/**
 * RV64 instructions as text in GNU objdump's style ({@code objdump -mriscv:rv64}, binutils 2.40:
 * ABI register names, the aliases {@code mv}, {@code li}, {@code nop}, {@code j}, {@code jr},
 * {@code ret}, {@code beqz}, {@code csrw}, {@code csrr}, and an immediate ALU form named without
 * its {@code i}: {@code add s0,s0,8}, {@code and t1,t0,1}), for listings of a kernel's own
 * relocation code: RV64I's 32-bit loads, stores, branches, jumps and ALU forms, M's multiplies
 * and divides, Zicsr's register forms, {@code fence.i}, and the compressed (C) forms a kernel's
 * low-level code uses ({@code c.mv}, {@code c.add}, {@code c.li}, {@code c.addi}, {@code c.andi},
 * {@code c.slli}, {@code c.j}, {@code c.jr}, {@code c.jalr}, {@code c.beqz}/{@code c.bnez},
 * {@code c.ld}/{@code c.sd}, {@code c.nop}, {@code c.ebreak}). The length always follows the
 * encoding (two bytes unless the low two bits are 11), so a listing stays in step; a form it does
 * not name is shown as {@code .2byte} or {@code .4byte}. Golden-tested against objdump.
 */
public final class RvDisassembler implements Disassembler {
    private static final String[] X = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
        "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5",
        "t6"};
    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", null};
    private static final String[] STORES = {"sb", "sh", "sw", "sd", null, null, null, null};
    private static final String[] BRANCHES = {"beq", "bne", null, null, "blt", "bge", "bltu", "bgeu"};
    private static final String[] OP_IMM = {"add", "sll", "slti", "sltiu", "xor", "srl", "or", "and"};

    @Override
    public Instruction decode(byte[] code, int offset, long address) {
        if (offset + 2 > code.length) {
            return new Instruction(1, String.format(".byte 0x%02x", code[offset] & 0xff));
        }
        int half = (code[offset] & 0xff) | (code[offset + 1] & 0xff) << 8;
        if ((half & 3) != 3) {
            String t = compressed(half, address);
            return new Instruction(2, t != null ? t : String.format(".2byte 0x%04x", half));
        }
        if (offset + 4 > code.length) {
            return new Instruction(2, String.format(".2byte 0x%04x", half));
        }
        int w = half | (code[offset + 2] & 0xff) << 16 | (code[offset + 3] & 0xff) << 24;
        String t = full(w, address);
        return new Instruction(4, t != null ? t : String.format(".4byte 0x%08x", w));
    }

    private static String full(int w, long pc) {
        int rd = w >>> 7 & 31;
        int f3 = w >>> 12 & 7;
        int rs1 = w >>> 15 & 31;
        int rs2 = w >>> 20 & 31;
        int immI = w >> 20;
        return switch (w & 0x7f) {
            case 0x37 -> "lui " + X[rd] + ",0x" + Integer.toHexString(w >>> 12);
            case 0x17 -> "auipc " + X[rd] + ",0x" + Integer.toHexString(w >>> 12);
            case 0x6f -> jal(rd, pc + RiscvImageLinkAddress.jalOffset(w));
            case 0x67 -> f3 != 0 ? null : jalr(rd, rs1, immI);
            case 0x63 -> branch(w, f3, rs1, rs2, pc);
            case 0x03 -> LOADS[f3] == null ? null : LOADS[f3] + " " + X[rd] + "," + immI + "(" + X[rs1] + ")";
            case 0x23 -> STORES[f3] == null ? null : STORES[f3] + " " + X[rs2] + ","
                    + ((w >> 25) << 5 | rd) + "(" + X[rs1] + ")";
            case 0x13 -> opImm(rd, f3, rs1, immI, w);
            case 0x33 -> op(w, rd, f3, rs1, rs2);
            case 0x0f -> w == 0x0000100f ? "fence.i" : null;
            case 0x73 -> system(w, rd, f3, rs1);
            default -> null;
        };
    }

    private static String jal(int rd, long target) {
        String t = "0x" + Long.toHexString(target);
        return rd == 0 ? "j " + t : rd == 1 ? "jal " + t : "jal " + X[rd] + "," + t;
    }

    private static String jalr(int rd, int rs1, int imm) {
        if (imm == 0 && rd == 0 && rs1 == 1) {
            return "ret";
        }
        String target = imm == 0 ? X[rs1] : imm + "(" + X[rs1] + ")";
        return rd == 0 ? "jr " + target : rd == 1 ? "jalr " + target : "jalr " + X[rd] + "," + target;
    }

    private static String branch(int w, int f3, int rs1, int rs2, long pc) {
        if (BRANCHES[f3] == null) {
            return null;
        }
        int imm = (w >> 31) << 12 | (w >>> 7 & 1) << 11 | (w >>> 25 & 0x3f) << 5 | (w >>> 8 & 0xf) << 1;
        String t = "0x" + Long.toHexString(pc + imm);
        if (rs2 == 0 && f3 <= 1) {
            return (f3 == 0 ? "beqz " : "bnez ") + X[rs1] + "," + t;
        }
        if ((rs1 == 0 || rs2 == 0) && (f3 == 4 || f3 == 5)) {
            return null;
        }
        return BRANCHES[f3] + " " + X[rs1] + "," + X[rs2] + "," + t;
    }

    private static String opImm(int rd, int f3, int rs1, int imm, int w) {
        if (f3 == 0 && rs1 == 0) {
            return rd == 0 && imm == 0 ? "nop" : "li " + X[rd] + "," + imm;
        }
        if (f3 == 0 && imm == 0) {
            return "mv " + X[rd] + "," + X[rs1];
        }
        if (f3 == 1 || f3 == 5) {
            String name = f3 == 1 ? "sll" : (w >>> 30 & 1) != 0 ? "sra" : "srl";
            return name + " " + X[rd] + "," + X[rs1] + ",0x" + Integer.toHexString(imm & 0x3f);
        }
        if (f3 == 4 && imm == -1) {
            return "not " + X[rd] + "," + X[rs1];
        }
        if (f3 == 3 && imm == 1) {
            return "seqz " + X[rd] + "," + X[rs1];
        }
        return OP_IMM[f3] + " " + X[rd] + "," + X[rs1] + "," + imm;
    }

    private static String op(int w, int rd, int f3, int rs1, int rs2) {
        int f7 = w >>> 25;
        String name;
        if (f7 == 1) {
            name = new String[] {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"}[f3];
        } else if (f7 == 0x20 && (f3 == 0 || f3 == 5)) {
            if (f3 == 0 && rs1 == 0) {
                return "neg " + X[rd] + "," + X[rs2];
            }
            name = f3 == 0 ? "sub" : "sra";
        } else if (f7 == 0) {
            if (f3 == 3 && rs1 == 0) {
                return "snez " + X[rd] + "," + X[rs2];
            }
            if (f3 == 2 && (rs1 == 0 || rs2 == 0)) {
                return null;
            }
            name = new String[] {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"}[f3];
        } else {
            return null;
        }
        return name + " " + X[rd] + "," + X[rs1] + "," + X[rs2];
    }

    private static String system(int w, int rd, int f3, int rs1) {
        int csr = w >>> 20;
        String name = RiscvCsr.name(csr).orElse("0x" + Integer.toHexString(csr));
        return switch (f3) {
            case 1 -> rd == 0 ? "csrw " + name + "," + X[rs1] : "csrrw " + X[rd] + "," + name + "," + X[rs1];
            case 2 -> rs1 == 0 ? "csrr " + X[rd] + "," + name : rd == 0 ? "csrs " + name + "," + X[rs1]
                    : "csrrs " + X[rd] + "," + name + "," + X[rs1];
            case 3 -> rd == 0 ? "csrc " + name + "," + X[rs1] : "csrrc " + X[rd] + "," + name + "," + X[rs1];
            case 0 -> w == 0x00000073 ? "ecall" : w == 0x00100073 ? "ebreak" : w == 0x30200073 ? "mret"
                    : w == 0x10200073 ? "sret" : w == 0x10500073 ? "wfi" : null;
            default -> null;
        };
    }

    /** A compressed form, or null. */
    private static String compressed(int h, long pc) {
        int quadrant = h & 3;
        int f3 = h >>> 13;
        int rd = h >>> 7 & 31;
        int rs2 = h >>> 2 & 31;
        int imm6 = ((h >>> 12 & 1) << 5 | (h >>> 2 & 31)) << 26 >> 26;
        if (quadrant == 1) {
            return switch (f3) {
                case 0 -> rd == 0 ? (imm6 == 0 ? "nop" : null) : imm6 == 0 ? null
                        : "add " + X[rd] + "," + X[rd] + "," + imm6;
                case 2 -> rd == 0 ? null : "li " + X[rd] + "," + imm6;
                case 4 -> (h >>> 10 & 3) == 2 ? "and " + X[8 + (h >>> 7 & 7)] + "," + X[8 + (h >>> 7 & 7)] + "," + imm6
                        : null;
                case 5 -> "j 0x" + Long.toHexString(pc + cjOffset(h));
                case 6, 7 -> (f3 == 6 ? "beqz " : "bnez ") + X[8 + (h >>> 7 & 7)] + ",0x"
                        + Long.toHexString(pc + cbOffset(h));
                default -> null;
            };
        }
        if (quadrant == 2 && f3 == 0) {
            int shamt = (h >>> 12 & 1) << 5 | (h >>> 2 & 31);
            return rd == 0 || shamt == 0 ? null : "sll " + X[rd] + "," + X[rd] + ",0x" + Integer.toHexString(shamt);
        }
        if (quadrant == 2 && f3 == 4) {
            boolean bit12 = (h >>> 12 & 1) != 0;
            if (!bit12) {
                return rs2 == 0 ? (rd == 0 ? null : "jr " + X[rd]) : "mv " + X[rd] + "," + X[rs2];
            }
            return rs2 == 0 ? (rd == 0 ? "ebreak" : "jalr " + X[rd]) : "add " + X[rd] + "," + X[rd] + "," + X[rs2];
        }
        if (quadrant == 0 && (f3 == 3 || f3 == 7)) {
            int off = (h >>> 10 & 7) << 3 | (h >>> 5 & 3) << 6;
            String r = X[8 + (h >>> 2 & 7)];
            String base = X[8 + (h >>> 7 & 7)];
            return (f3 == 3 ? "ld " : "sd ") + r + "," + off + "(" + base + ")";
        }
        return null;
    }

    /** C.J's signed offset: imm[11|4|9:8|10|6|7|3:1|5] in bits 12..2. */
    static int cjOffset(int h) {
        int imm = (h >>> 12 & 1) << 11 | (h >>> 11 & 1) << 4 | (h >>> 9 & 3) << 8 | (h >>> 8 & 1) << 10
                | (h >>> 7 & 1) << 6 | (h >>> 6 & 1) << 7 | (h >>> 3 & 7) << 1 | (h >>> 2 & 1) << 5;
        return imm << 20 >> 20;
    }

    /** C.BEQZ/C.BNEZ's signed offset: imm[8|4:3] in bits 12..10, imm[7:6|2:1|5] in bits 6..2. */
    static int cbOffset(int h) {
        int imm = (h >>> 12 & 1) << 8 | (h >>> 10 & 3) << 3 | (h >>> 5 & 3) << 6 | (h >>> 3 & 3) << 1
                | (h >>> 2 & 1) << 5;
        return imm << 23 >> 23;
    }
}
