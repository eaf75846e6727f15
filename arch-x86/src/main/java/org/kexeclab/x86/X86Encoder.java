package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.InstructionEncoder;

/**
 * x86 instruction encoder for GNU as Intel syntax ({@code .intel_syntax noprefix}), for
 * 64-bit code (x86_64, the default) or 32-bit protected-mode code (i386, GNU as {@code --32});
 * {@code .code16}, {@code .code32} and {@code .code64} switch the code size for the lines that
 * follow, as in GNU as (16-bit code: the few forms of {@link RealModeEncoder}),
 * covering the subset kexec's relocation stubs, entry probes and purgatories need, and producing
 * the same bytes GNU as 2.x picks for each form: data moves ({@link DataMoves}), arithmetic and
 * bit tests ({@link Arithmetic}), branches with short/near relaxation ({@link Branches}) and
 * operand-less instructions ({@link FixedInstructions}). Every other mnemonic or operand
 * form is an {@link AssemblyException}.
 */
public final class X86Encoder implements InstructionEncoder {
    private final X86Mode mode;

    /** The encoder of 64-bit code. */
    public X86Encoder() {
        this(X86Mode.LONG);
    }

    /** The encoder of code of {@code mode}. */
    public X86Encoder(X86Mode mode) {
        this.mode = mode;
    }

    /** The code size this encoder writes. */
    public X86Mode mode() {
        return mode;
    }

    @Override
    public byte[] encode(Instruction insn, EncodeContext ctx) throws AssemblyException {
        byte[] fixed = FixedInstructions.encode(insn, mode);
        if (fixed != null) {
            return fixed;
        }
        List<Operand> ops = OperandParser.parseAll(insn, mode);
        String m = insn.mnemonic();
        if (DataMoves.handles(m)) {
            return DataMoves.encode(insn, ops, ctx, mode);
        }
        if (Arithmetic.handles(m)) {
            return Arithmetic.encode(insn, ops, ctx, mode);
        }
        if (Branches.handles(m)) {
            return Branches.encode(insn, ops, ctx, mode);
        }
        throw insn.error("unknown or unsupported " + (mode.isLong() ? "x86-64" : "32-bit x86") + " instruction `" + m
                + "`");
    }

    @Override
    public String lineComment() {
        return "#";
    }

    @Override
    public int instructionAlignment() {
        return 1;
    }

    @Override
    public int wordDirectiveSize() {
        return 2;
    }

    @Override
    public boolean alignIsPowerOfTwo() {
        return false;
    }

    @Override
    public String statementSeparator() {
        return ";";
    }

    @Override
    public byte[] padding(int length) {
        return NopPadding.of(length, mode);
    }

    @Override
    public Set<String> ignoredDirectives() {
        return Set.of(".intel_syntax");
    }

    /** GNU as's code sizes: {@code .code16} (the few real-mode forms of {@link RealModeEncoder}), {@code .code32}, {@code .code64}. */
    @Override
    public InstructionEncoder selectedBy(String name) {
        return forCodeDirective(name);
    }

    /** The encoder {@code .code16}, {@code .code32} or {@code .code64} selects, or null for any other directive. */
    static InstructionEncoder forCodeDirective(String name) {
        return switch (name) {
            case ".code16" -> new RealModeEncoder();
            case ".code32" -> new X86Encoder(X86Mode.PROTECTED);
            case ".code64" -> new X86Encoder(X86Mode.LONG);
            default -> null;
        };
    }

    /** The low {@code size} bytes of {@code v}, little-endian. */
    static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** True if {@code v} survives truncation to {@code size} bytes and sign extension back. */
    static boolean fitsSigned(long v, int size) {
        return size >= 8 || v == (v << (64 - 8 * size)) >> (64 - 8 * size);
    }

    /** True if {@code v} fits {@code size} bytes either signed or unsigned. */
    static boolean fitsEither(long v, int size) {
        return fitsSigned(v, size) || size >= 8 || (v >>> (8 * size)) == 0;
    }

    static void requireCount(Instruction insn, List<Operand> ops, int n) throws AssemblyException {
        if (ops.size() != n) {
            throw insn.error(insn.mnemonic() + " takes " + n + " operand(s), got " + ops.size());
        }
    }

    /** The general register in {@code op}, or an error naming what was expected. */
    static OperandRegister general(Instruction insn, Operand op) throws AssemblyException {
        if (op instanceof Operand.Reg r && r.register().isGeneral()) {
            return r.register();
        }
        throw insn.error("expected a 32- or 64-bit general register, got " + describe(op));
    }

    /** The general register of {@code mode}'s word size in {@code op} (a pointer-sized operand), or an error. */
    static OperandRegister word(Instruction insn, Operand op, X86Mode mode, String what) throws AssemblyException {
        OperandRegister r = general(insn, op);
        if (r.bits() != mode.bits()) {
            throw insn.error(what + " takes a " + mode.bits() + "-bit register in " + mode.bits() + "-bit code");
        }
        return r;
    }

    static String describe(Operand op) {
        if (op instanceof Operand.Reg r) {
            return "register " + r.register().name();
        }
        return op instanceof Operand.Mem ? "a memory operand" : "an immediate";
    }

    /**
     * The operand size of a two-operand form with a register and/or a sized memory operand:
     * registers must agree, a {@code ptr} keyword must agree with the register, and a
     * memory operand with no register needs one.
     */
    static int operandSize(Instruction insn, Operand a, Operand b) throws AssemblyException {
        int sa = sizeOf(a);
        int sb = sizeOf(b);
        if (sa != 0 && sb != 0 && sa != sb) {
            throw insn.error("operand sizes differ (" + sa + " and " + sb + " bits)");
        }
        int s = sa != 0 ? sa : sb;
        if (s == 0) {
            throw insn.error("operand size unknown: write qword ptr or dword ptr before the memory operand");
        }
        return s;
    }

    private static int sizeOf(Operand op) {
        if (op instanceof Operand.Reg r) {
            return r.register().bits();
        }
        return op instanceof Operand.Mem m ? m.bits() : 0;
    }

    /**
     * Evaluates an immediate. A bare label (no {@code offset}) is a memory reference in GNU
     * Intel syntax, which this encoder refuses rather than guess.
     */
    static long immediate(Instruction insn, Operand.Imm imm, EncodeContext ctx) throws AssemblyException {
        long value = ctx.evaluate(imm.expression()); // reports an undefined symbol first
        if (ctx.finalPass() && !imm.offset() && !ctx.isConstant(imm.expression())) {
            throw insn.error("`" + imm.expression() + "` is an address: write `offset " + imm.expression()
                    + "` for the address or `[rip + " + imm.expression() + "]` for the memory it names");
        }
        return ctx.evaluate(imm.expression());
    }

    /** True if the immediate may use an 8-bit field: a constant in -128..127 at the operand size. */
    static boolean fitsImm8(Operand.Imm imm, long value, int bits, EncodeContext ctx) {
        long v = bits == 32 ? (int) value : value;
        return ctx.isConstant(imm.expression()) && v >= -128 && v <= 127;
    }

    /**
     * On the final pass, checks that an immediate fits a 32-bit field for the operand size: sign-extended
     * for a 64-bit operand; for a 32-bit one, any value whose upper half is all zeros or all ones, as GNU
     * as takes it silently ({@code and eax, ~0x80050008}: the complement of a constant with bit 31 set).
     */
    static void checkImm32(Instruction insn, long value, int bits, EncodeContext ctx) throws AssemblyException {
        boolean ok = bits == 64 ? fitsSigned(value, 4) : value >> 32 == 0 || value >> 32 == -1;
        if (ctx.finalPass() && !ok) {
            throw insn.error("immediate 0x" + Long.toHexString(value) + " does not fit in 32 bits"
                    + (bits == 64 ? " sign-extended; load it with movabs" : ""));
        }
    }
}
