package org.kexeclab.x86;

import java.io.ByteArrayOutputStream;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Lays out one ModRM-style instruction: [legacy prefix] [REX] opcode ModRM [SIB] [disp]
 * [immediate], choosing the ModRM/SIB/displacement form GNU as picks: no displacement
 * when it is a constant zero (except rbp/r13 bases, which need disp8 0), disp8 for constants
 * in -128..127, disp32 otherwise; SIB for rsp/r12 bases and for an index; absolute
 * {@code [disp32]} through a SIB byte in 64-bit code (ModRM 00/101 means RIP-relative there)
 * and as ModRM 00/101 in 32-bit code; RIP-relative displacements measured from the end of the
 * instruction. 32-bit code has no REX, so nothing that needs one gets this far there
 * ({@link OperandParser} refuses its registers first).
 */
final class Encoding {

    private final Instruction insn;
    private final EncodeContext ctx;
    private final X86Mode mode;
    private int prefix = -1;
    private boolean rexW;
    private byte[] opcode;
    private int reg;
    private Operand rm;
    private byte[] immediate = new byte[0];

    private Encoding(Instruction insn, EncodeContext ctx, X86Mode mode) {
        this.insn = insn;
        this.ctx = ctx;
        this.mode = mode;
    }

    /** Starts an instruction of code of {@code mode} with opcode bytes {@code opcode}. */
    static Encoding of(Instruction insn, EncodeContext ctx, X86Mode mode, int... opcode) {
        Encoding e = new Encoding(insn, ctx, mode);
        e.opcode = new byte[opcode.length];
        for (int i = 0; i < opcode.length; i++) {
            e.opcode[i] = (byte) opcode[i];
        }
        return e;
    }

    /** A legacy prefix byte such as 0xf3, emitted before REX. */
    Encoding prefix(int p) {
        prefix = p;
        return this;
    }

    /** Sets REX.W for a 64-bit operand size when {@code bits == 64}. */
    Encoding size(int bits) {
        rexW = bits == 64;
        return this;
    }

    /** The ModRM reg field: a register number (0..15) or an opcode extension /digit. */
    Encoding reg(int number) {
        reg = number;
        return this;
    }

    /** The ModRM r/m operand: a register or memory. */
    Encoding rm(Operand operand) {
        rm = operand;
        return this;
    }

    /** No ModRM byte at all (the accumulator short forms such as {@code 05 id}). */
    Encoding rmNone() {
        rm = null;
        return this;
    }

    /** Little-endian immediate of {@code size} bytes appended after the address bytes. */
    Encoding immediate(long value, int size) {
        immediate = X86Encoder.le(value, size);
        return this;
    }

    /** The finished bytes. */
    byte[] bytes() throws AssemblyException {
        Address address = rm instanceof Operand.Mem m ? address(m) : null;
        int rexB = rm instanceof Operand.Reg r ? r.register().high() : address == null ? 0 : address.rexB;
        int rexX = rm instanceof Operand.Mem m && m.index() != null ? m.index().high() : 0;
        int rex = (rexW ? 8 : 0) | (reg >> 3) << 2 | rexX << 1 | rexB;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        if (prefix >= 0) {
            out.write(prefix);
        }
        if (rex != 0) {
            if (!mode.isLong()) {
                throw insn.error("this form needs a REX prefix, which 32-bit code does not have");
            }
            out.write(0x40 | rex);
        }
        out.writeBytes(opcode);
        if (rm instanceof Operand.Reg) {
            out.write(0xc0 | (reg & 7) << 3 | ((Operand.Reg) rm).register().low3());
        } else if (address != null) {
            out.write(address.mod << 6 | (reg & 7) << 3 | address.rm);
            if (address.sib >= 0) {
                out.write(address.sib);
            }
        }
        int dispAt = out.size();
        if (address != null) {
            out.writeBytes(X86Encoder.le(address.disp, address.dispSize));
        }
        out.writeBytes(immediate);
        byte[] code = out.toByteArray();
        if (address != null && address.ripTarget) {
            long rel = address.disp - (ctx.pc() + code.length);
            checkFits(rel, 4, "rip-relative target");
            System.arraycopy(X86Encoder.le(rel, 4), 0, code, dispAt, 4);
        }
        return code;
    }

    /** ModRM mod/rm, SIB and displacement for a memory operand. */
    private static final class Address {
        int mod;
        int rm;
        int sib = -1;
        long disp;
        int dispSize;
        int rexB;
        boolean ripTarget;
    }

    private Address address(Operand.Mem m) throws AssemblyException {
        Address a = new Address();
        String d = m.displacement();
        a.disp = ctx.evaluate(d);
        boolean constant = ctx.isConstant(d);
        if (m.ripRelative()) {
            a.rm = 5;
            a.dispSize = 4;
            a.ripTarget = !constant; // GNU as: [rip + sym] addresses sym; [rip + 5] is displacement 5
            if (constant) {
                checkFits(a.disp, 4, "displacement");
            }
        } else if (m.base() == null && m.index() == null && !mode.isLong()) {
            a.rm = 5; // 32-bit code: ModRM 00/101 is absolute [disp32]
            a.dispSize = 4;
            checkFits(a.disp, 4, "absolute address");
        } else if (m.base() == null) {
            a.rm = 4; // SIB with no base: [index*scale + disp32] or absolute [disp32]
            a.sib = sib(m, 5);
            a.dispSize = 4;
            checkFits(a.disp, 4, "absolute address");
        } else {
            based(m, a, constant);
        }
        return a;
    }

    /** [base (+ index*scale) (+ disp)]: SIB when indexed or based on rsp/r12; disp8 0 for rbp/r13. */
    private void based(Operand.Mem m, Address a, boolean constant) throws AssemblyException {
        a.rexB = m.base().high();
        boolean needsSib = m.index() != null || m.base().low3() == 4;
        a.rm = needsSib ? 4 : m.base().low3();
        if (needsSib) {
            a.sib = sib(m, m.base().low3());
        }
        if (constant && a.disp == 0 && m.base().low3() != 5) {
            a.mod = 0;
        } else if (constant && a.disp >= -128 && a.disp <= 127) {
            a.mod = 1;
            a.dispSize = 1;
        } else {
            a.mod = 2;
            a.dispSize = 4;
            checkFits(a.disp, 4, "displacement");
        }
    }

    private static int sib(Operand.Mem m, int baseField) {
        int index = m.index() == null ? 4 : m.index().low3();
        return scaleBits(m.scale()) << 6 | index << 3 | baseField;
    }

    private static int scaleBits(int scale) {
        return Integer.numberOfTrailingZeros(scale);
    }

    /**
     * On the final pass, rejects a value that does not fit {@code size} bytes sign-extended
     * (in 32-bit code, addresses wrap at 4 GiB: any 32-bit value fits).
     */
    private void checkFits(long v, int size, String what) throws AssemblyException {
        boolean fits = X86Encoder.fitsSigned(v, size) || !mode.isLong() && X86Encoder.fitsEither(v, size);
        if (ctx.finalPass() && !fits) {
            throw insn.error(what + " 0x" + Long.toHexString(v) + " does not fit in a signed " + 8 * size + "-bit field");
        }
    }
}
