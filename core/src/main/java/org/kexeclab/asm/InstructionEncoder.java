package org.kexeclab.asm;

/**
 * An architecture's instruction encoder: turns one parsed {@link Instruction} into machine
 * code bytes, in memory order. Encoders are stateless and thread-safe; one instance serves
 * every assembly.
 *
 * <p>Operand syntax is the encoder's business (Intel syntax for x86-64, GNU syntax for A64,
 * A32 and PowerPC); immediate and address expressions go through
 * {@link EncodeContext#evaluate}. An instruction or operand form the encoder does not
 * support is an {@link AssemblyException}, never a guess.
 */
public interface InstructionEncoder {

    /** Encodes one instruction at {@link EncodeContext#pc()}. */
    byte[] encode(Instruction instruction, EncodeContext context) throws AssemblyException;

    /**
     * The architecture's line-comment marker besides {@code //} and C comments, which every
     * source accepts: {@code "#"} on x86 and PowerPC, {@code "@"} on A32; {@code null} if none.
     */
    default String lineComment() {
        return null;
    }

    /** Required alignment of instructions in bytes (1 on x86, 4 on the RISC architectures). */
    default int instructionAlignment() {
        return 4;
    }
}
