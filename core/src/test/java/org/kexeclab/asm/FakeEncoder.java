package org.kexeclab.asm;

import java.nio.ByteOrder;

/**
 * A tiny encoder for framework tests: {@code nop} is 0x90; {@code imm EXPR} is 0xAA plus a
 * 4-byte little-endian value; {@code br EXPR} is 0xEB + rel8 when it fits, else 0xE9 + rel32,
 * relaxing like x86 branches and never shrinking below the previous pass's size. The
 * directive {@code .narrow} selects an encoder whose {@code nop} is 0x66 0x90 and
 * {@code .wide} selects this one back.
 */
final class FakeEncoder implements InstructionEncoder {

    private final int wordSize;
    private final boolean narrow;

    FakeEncoder(int wordSize) {
        this(wordSize, false);
    }

    private FakeEncoder(int wordSize, boolean narrow) {
        this.wordSize = wordSize;
        this.narrow = narrow;
    }

    @Override
    public InstructionEncoder selectedBy(String name) {
        return switch (name) {
            case ".narrow" -> new FakeEncoder(wordSize, true);
            case ".wide" -> new FakeEncoder(wordSize, false);
            default -> null;
        };
    }

    @Override
    public byte[] encode(Instruction insn, EncodeContext ctx) throws AssemblyException {
        switch (insn.mnemonic()) {
            case "nop":
                return narrow ? new byte[] {0x66, (byte) 0x90} : new byte[] {(byte) 0x90};
            case "imm":
                long v = ctx.evaluate(insn.operands().get(0));
                return new byte[] {(byte) 0xaa, (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
            case "br":
                return branch(insn, ctx);
            default:
                throw insn.error("unknown mnemonic `" + insn.mnemonic() + "`");
        }
    }

    private static byte[] branch(Instruction insn, EncodeContext ctx) throws AssemblyException {
        long target = ctx.evaluate(insn.operands().get(0));
        long rel8 = target - (ctx.pc() + 2);
        // optimistic: short until proven out of range (an unknown target is assumed near), never shrinking
        boolean fits = !ctx.isResolved(insn.operands().get(0)) || rel8 >= -128 && rel8 <= 127;
        boolean shortOk = fits && ctx.previousSize() <= 2;
        if (shortOk) {
            return new byte[] {(byte) 0xeb, (byte) rel8};
        }
        long rel32 = target - (ctx.pc() + 5);
        return new byte[] {(byte) 0xe9, (byte) rel32, (byte) (rel32 >> 8), (byte) (rel32 >> 16), (byte) (rel32 >> 24)};
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
        return wordSize;
    }

    @Override
    public boolean alignIsPowerOfTwo() {
        return false;
    }

    @Override
    public String statementSeparator() {
        return ";";
    }

    static Assembler assembler() {
        return new Assembler(new FakeEncoder(2), ByteOrder.LITTLE_ENDIAN);
    }
}
