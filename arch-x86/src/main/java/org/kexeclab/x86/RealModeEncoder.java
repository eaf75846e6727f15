package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.InstructionEncoder;

/**
 * The x86 encoder of 16-bit code ({@code .code16}), GNU as Intel syntax: just what a firmware
 * image needs to leave real mode after reset, byte for byte as GNU as 2.40 writes it.
 * <ul>
 * <li>{@code cli}, {@code cld}, {@code hlt}, {@code nop};</li>
 * <li>{@code lgdt fword ptr [cs:ADDR]} (also {@code fword ptr cs:[ADDR]}, and without
 *     {@code cs:}), {@code lidt} alike: a 16-bit absolute offset, with the operand-size prefix
 *     so the whole 32-bit base is loaded ({@code [2e] 66 0f 01 /2 disp16});</li>
 * <li>{@code mov r32, crN} and {@code mov crN, r32} ({@code 0f 20 /r}, {@code 0f 22 /r}: no
 *     prefix, a control register moves 32 bits in any code size);</li>
 * <li>{@code or r32, IMM} ({@code 66 83 /1 ib}, {@code 66 0d id} for {@code eax},
 *     {@code 66 81 /1 id});</li>
 * <li>{@code ljmpd SELECTOR:OFFSET}, the far jump into 32-bit code that loads CS
 *     ({@code 66 ea ptr16:32});</li>
 * <li>{@code jmp LABEL}, short ({@code eb rel8}) while the label is near, else near
 *     ({@code e9 rel16}); the instruction pointer wraps within its 64 KiB segment, so a
 *     displacement is taken as GNU as takes it: any value whose bits above the low 16 are all
 *     zeros or all ones (the reset vector's jump back to the segment's start).</li>
 * </ul>
 * Anything else is an {@link AssemblyException} naming it; so is alignment filler, whose
 * 16-bit no-op forms are not written here. {@code .code32} and {@code .code64} select the
 * 32- and 64-bit encoders, as in GNU as.
 */
final class RealModeEncoder implements InstructionEncoder {
    private static final Set<String> FIXED = Set.of("cli", "cld", "hlt", "nop");
    private static final Pattern TABLE_OPERAND = Pattern.compile(
            "fword\\s+ptr\\s+(?:(cs)\\s*:\\s*\\[(.+)]|\\[\\s*(cs)\\s*:(.+)]|\\[(.+)])", Pattern.CASE_INSENSITIVE);
    private static final int CS_PREFIX = 0x2e;
    private static final int OPERAND_SIZE = 0x66;

    @Override
    public byte[] encode(Instruction insn, EncodeContext ctx) throws AssemblyException {
        String m = insn.mnemonic();
        if (FIXED.contains(m)) {
            if (!insn.operands().isEmpty()) {
                throw insn.error(m + " takes no operands");
            }
            return FixedInstructions.encode(insn, X86Mode.PROTECTED);
        }
        List<String> ops = insn.operands();
        return switch (m) {
            case "lgdt", "lidt" -> descriptorTable(insn, ops, ctx);
            case "mov" -> controlMove(insn, ops);
            case "or" -> or(insn, ops, ctx);
            case "ljmpd" -> farJump(insn, ops, ctx);
            case "jmp" -> jump(insn, ops, ctx);
            default -> throw insn.error("unknown or unsupported 16-bit x86 instruction `" + m + "` (16-bit code "
                    + "has cli, cld, hlt, nop, lgdt, lidt, mov to and from control registers, or, ljmpd and jmp)");
        };
    }

    private static byte[] descriptorTable(Instruction insn, List<String> ops, EncodeContext ctx)
            throws AssemblyException {
        requireCount(insn, ops, 1);
        Matcher t = TABLE_OPERAND.matcher(ops.get(0).strip());
        if (!t.matches()) {
            throw insn.error(insn.mnemonic() + " in 16-bit code takes `fword ptr [cs:ADDRESS]` or `fword ptr "
                    + "[ADDRESS]` (a 32-bit base needs fword)");
        }
        boolean cs = t.group(1) != null || t.group(3) != null;
        String address = t.group(2) != null ? t.group(2) : t.group(4) != null ? t.group(4) : t.group(5);
        long disp = ctx.evaluate(address.strip());
        if (ctx.finalPass() && !fits16(disp)) {
            throw insn.error("16-bit address 0x" + Long.toHexString(disp) + " does not fit in 16 bits");
        }
        int digit = insn.mnemonic().equals("lgdt") ? 2 : 3;
        byte[] body = {OPERAND_SIZE, 0x0f, 0x01, (byte) (digit << 3 | 6), (byte) disp, (byte) (disp >> 8)};
        return cs ? prefixed(CS_PREFIX, body) : body;
    }

    private static byte[] controlMove(Instruction insn, List<String> ops) throws AssemblyException {
        requireCount(insn, ops, 2);
        OperandRegister dst = OperandRegister.byName(ops.get(0));
        OperandRegister src = OperandRegister.byName(ops.get(1));
        boolean toControl = dst != null && dst.kind() == OperandRegister.Kind.CONTROL;
        OperandRegister cr = toControl ? dst : src;
        OperandRegister gpr = toControl ? src : dst;
        if (cr == null || cr.kind() != OperandRegister.Kind.CONTROL || !general32(gpr) || cr.number() > 7) {
            throw insn.error("mov in 16-bit code moves only between a control register (cr0-cr4) and a 32-bit "
                    + "general register");
        }
        return new byte[] {0x0f, (byte) (toControl ? 0x22 : 0x20), (byte) (0xc0 | cr.number() << 3 | gpr.low3())};
    }

    private static byte[] or(Instruction insn, List<String> ops, EncodeContext ctx) throws AssemblyException {
        requireCount(insn, ops, 2);
        OperandRegister r = OperandRegister.byName(ops.get(0));
        if (!general32(r) || OperandRegister.byName(ops.get(1)) != null || ops.get(1).contains("[")) {
            throw insn.error("or in 16-bit code takes a 32-bit general register and an immediate");
        }
        String e = ops.get(1).strip();
        long v = ctx.evaluate(e);
        if (ctx.finalPass() && v >> 32 != 0 && v >> 32 != -1) {
            throw insn.error("immediate 0x" + Long.toHexString(v) + " does not fit in 32 bits");
        }
        int modrm = 0xc0 | 1 << 3 | r.low3();
        if (ctx.isConstant(e) && (int) v >= -128 && (int) v <= 127) {
            return new byte[] {OPERAND_SIZE, (byte) 0x83, (byte) modrm, (byte) v};
        }
        byte[] imm = X86Encoder.le(v, 4);
        byte[] head = r.number() == 0 ? new byte[] {OPERAND_SIZE, 0x0d} : new byte[] {OPERAND_SIZE, (byte) 0x81,
            (byte) modrm};
        byte[] b = new byte[head.length + 4];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(imm, 0, b, head.length, 4);
        return b;
    }

    /** {@code ljmpd SELECTOR:OFFSET}: {@code 66 ea}, the 32-bit offset, the 16-bit selector. */
    private static byte[] farJump(Instruction insn, List<String> ops, EncodeContext ctx) throws AssemblyException {
        requireCount(insn, ops, 1);
        String target = ops.get(0);
        int colon = target.indexOf(':');
        if (colon < 0) {
            throw insn.error("ljmpd in 16-bit code takes SELECTOR:OFFSET");
        }
        long sel = ctx.evaluate(target.substring(0, colon).strip());
        long off = ctx.evaluate(target.substring(colon + 1).strip());
        if (ctx.finalPass() && (sel < 0 || sel > 0xffff || !X86Encoder.fitsEither(off, 4))) {
            throw insn.error("a far jump takes a 16-bit selector and a 32-bit offset, not " + target.strip());
        }
        byte[] b = new byte[8];
        b[0] = OPERAND_SIZE;
        b[1] = (byte) 0xea;
        System.arraycopy(X86Encoder.le(off, 4), 0, b, 2, 4);
        System.arraycopy(X86Encoder.le(sel, 2), 0, b, 6, 2);
        return b;
    }

    /** {@code jmp LABEL}: short while the label is unknown or in rel8 reach (never shrinking between passes), else rel16. */
    private static byte[] jump(Instruction insn, List<String> ops, EncodeContext ctx) throws AssemblyException {
        requireCount(insn, ops, 1);
        String e = ops.get(0).strip();
        if (OperandRegister.byName(e) != null || e.contains("[") || e.contains(":")) {
            throw insn.error("jmp in 16-bit code takes a label only");
        }
        long target = ctx.evaluate(e);
        long rel8 = target - (ctx.pc() + 2);
        boolean near = ctx.previousSize() > 2 || ctx.isConstant(e)
                || ctx.isResolved(e) && (rel8 < -128 || rel8 > 127);
        if (!near) {
            return new byte[] {(byte) 0xeb, (byte) rel8};
        }
        long rel16 = target - (ctx.pc() + 3);
        if (ctx.finalPass() && !fits16(rel16)) {
            throw insn.error("16-bit jump out of range: the target is not in this 64 KiB segment");
        }
        return new byte[] {(byte) 0xe9, (byte) rel16, (byte) (rel16 >> 8)};
    }

    /** GNU as's test for a 2-byte field: the bits above the low 16 are all zeros or all ones. */
    private static boolean fits16(long v) {
        return v >> 16 == 0 || v >> 16 == -1;
    }

    private static boolean general32(OperandRegister r) {
        return r != null && r.kind() == OperandRegister.Kind.GENERAL && r.bits() == 32 && r.number() < 8;
    }

    private static byte[] prefixed(int prefix, byte[] body) {
        byte[] b = new byte[body.length + 1];
        b[0] = (byte) prefix;
        System.arraycopy(body, 0, b, 1, body.length);
        return b;
    }

    private static void requireCount(Instruction insn, List<String> ops, int n) throws AssemblyException {
        if (ops.size() != n) {
            throw insn.error(insn.mnemonic() + " takes " + n + " operand(s), got " + ops.size());
        }
    }

    @Override
    public InstructionEncoder selectedBy(String name) {
        return X86Encoder.forCodeDirective(name);
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

    /** None: the assembler reports that the filler is missing (GNU as's 16-bit no-ops are not written here). */
    @Override
    public byte[] padding(int length) {
        return new byte[0];
    }

    @Override
    public Set<String> ignoredDirectives() {
        return Set.of(".intel_syntax");
    }
}
