package org.kexeclab.riscv;

/**
 * The six base instruction formats of RISC-V (R, I, S, B, U, J) as 32-bit words, and the
 * opcodes kexec-lab's encoder and the Java engine share. Immediates are taken as signed values
 * and scattered into their fields; range checks are the caller's.
 */
public final class RvFormat {
    /** OP-IMM: addi, slti, ..., slli, srli, srai. */
    public static final int OP_IMM = 0x13;
    /** OP-IMM-32: addiw, slliw, srliw, sraiw. */
    public static final int OP_IMM_32 = 0x1b;
    /** OP: add, sub, ..., and the M extension. */
    public static final int OP = 0x33;
    /** OP-32: addw, subw, ..., mulw, divw, ... */
    public static final int OP_32 = 0x3b;
    /** LOAD. */
    public static final int LOAD = 0x03;
    /** STORE. */
    public static final int STORE = 0x23;
    /** BRANCH. */
    public static final int BRANCH = 0x63;
    /** LUI. */
    public static final int LUI = 0x37;
    /** AUIPC. */
    public static final int AUIPC = 0x17;
    /** JAL. */
    public static final int JAL = 0x6f;
    /** JALR. */
    public static final int JALR = 0x67;
    /** MISC-MEM: fence, fence.i. */
    public static final int MISC_MEM = 0x0f;
    /** SYSTEM: ecall, ebreak, the CSR instructions, xRET, wfi. */
    public static final int SYSTEM = 0x73;

    private RvFormat() {
    }

    /** R-type. */
    public static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    /** I-type with a 12-bit immediate. */
    public static int i(long imm, int rs1, int funct3, int rd, int opcode) {
        return (int) (imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    /** S-type with a 12-bit immediate. */
    public static int s(long imm, int rs2, int rs1, int funct3, int opcode) {
        int v = (int) imm;
        return (v >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (v & 0x1f) << 7 | opcode;
    }

    /** B-type with a 13-bit even offset. */
    public static int b(long offset, int rs2, int rs1, int funct3, int opcode) {
        int v = (int) offset;
        return (v >> 12 & 1) << 31 | (v >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (v >> 1 & 0xf) << 8 | (v >> 11 & 1) << 7 | opcode;
    }

    /** U-type with the 20-bit upper immediate {@code imm20}. */
    public static int u(long imm20, int rd, int opcode) {
        return (int) (imm20 & 0xfffff) << 12 | rd << 7 | opcode;
    }

    /** J-type with a 21-bit even offset. */
    public static int j(long offset, int rd, int opcode) {
        int v = (int) offset;
        return (v >> 20 & 1) << 31 | (v >> 1 & 0x3ff) << 21 | (v >> 11 & 1) << 20 | (v >> 12 & 0xff) << 12
                | rd << 7 | opcode;
    }

    /** The sign-extended I-type immediate of {@code w}. */
    public static long immI(int w) {
        return w >> 20;
    }

    /** The sign-extended S-type immediate of {@code w}. */
    public static long immS(int w) {
        return (w >> 25) << 5 | (w >>> 7 & 0x1f);
    }

    /** The sign-extended B-type offset of {@code w}. */
    public static long immB(int w) {
        return (long) (w >> 31) << 12 | (w >>> 7 & 1) << 11 | (w >>> 25 & 0x3f) << 5 | (w >>> 8 & 0xf) << 1;
    }

    /** The sign-extended U-type immediate of {@code w} (already shifted left by 12). */
    public static long immU(int w) {
        return w & 0xfffff000;
    }

    /** The sign-extended J-type offset of {@code w}. */
    public static long immJ(int w) {
        return (long) (w >> 31) << 20 | (w >>> 12 & 0xff) << 12 | (w >>> 20 & 1) << 11 | (w >>> 21 & 0x3ff) << 1;
    }

    /** The upper part of a pc-relative or absolute value {@code v} for an auipc/lui + 12-bit pair. */
    public static long hi20(long v) {
        return (v + 0x800) >> 12;
    }

    /** The lower 12 bits that complete {@link #hi20}: {@code v - (hi20(v) << 12)}, signed. */
    public static long lo12(long v) {
        return v - (hi20(v) << 12);
    }
}
