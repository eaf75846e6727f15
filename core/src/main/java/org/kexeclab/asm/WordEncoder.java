package org.kexeclab.asm;

import java.nio.ByteOrder;

/**
 * An {@link InstructionEncoder} for a fixed-width ISA whose every instruction is one 32-bit
 * word. Subclasses produce the word; this class lays it out in memory
 * and lets early passes see a 4-byte placeholder where an operand still names a symbol
 * defined further down (the size never depends on operands; the final pass reports real
 * errors).
 */
public abstract class WordEncoder implements InstructionEncoder {

    /** The 32-bit instruction word for {@code instruction} at {@link EncodeContext#pc()}. */
    public abstract int encodeWord(Instruction instruction, EncodeContext context) throws AssemblyException;

    /**
     * The byte order instruction words are stored in: the target's data order by default;
     * An architecture overrides it where instructions keep one byte order whatever the data's.
     */
    protected ByteOrder instructionOrder(EncodeContext context) {
        return context.byteOrder();
    }

    @Override
    public final byte[] encode(Instruction instruction, EncodeContext context) throws AssemblyException {
        int word;
        try {
            word = encodeWord(instruction, context);
        } catch (AssemblyException e) {
            if (context.finalPass()) {
                throw e;
            }
            return new byte[4];
        }
        return toBytes(word, instructionOrder(context));
    }

    /** One instruction word as 4 bytes in {@code order}. */
    public static byte[] toBytes(int word, ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN
                ? new byte[] {(byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word}
                : new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)};
    }

    @Override
    public final int instructionAlignment() {
        return 4;
    }
}
