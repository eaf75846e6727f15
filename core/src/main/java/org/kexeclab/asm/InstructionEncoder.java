package org.kexeclab.asm;

/**
 * An architecture's instruction encoder: turns one parsed {@link Instruction} into machine
 * code bytes, in memory order. Encoders are stateless and thread-safe; one instance serves
 * every assembly.
 *
 * <p>Operand syntax is the encoder's business (GNU as's syntax for the architecture, or the
 * Intel syntax it also accepts); immediate and address expressions go through
 * {@link EncodeContext#evaluate}. An instruction or operand form the encoder does not
 * support is an {@link AssemblyException}, never a guess.
 */
public interface InstructionEncoder {

    /** Encodes one instruction at {@link EncodeContext#pc()}. */
    byte[] encode(Instruction instruction, EncodeContext context) throws AssemblyException;

    /**
     * The architecture's line-comment marker besides {@code //} and C comments, which every
     * source accepts, as GNU as has it for the architecture ({@code "#"}, {@code "@"}, ...);
     * {@code null} if none.
     */
    default String lineComment() {
        return null;
    }

    /** Required alignment of instructions in bytes (4 for fixed-width instruction sets, 1 for variable-length ones). */
    default int instructionAlignment() {
        return 4;
    }

    /**
     * Width in bytes of the {@code .word} directive, as GNU as has it for the architecture (4
     * by default; 2 where GNU as follows a 16-bit ancestor). {@code .short}/{@code .hword} are
     * always 2, {@code .long}/{@code .int} always 4 and {@code .quad} always 8.
     */
    default int wordDirectiveSize() {
        return 4;
    }

    /**
     * True if {@code .align n} means "align to 2^n bytes" (GNU as on most architectures), false
     * if it means "align to n bytes" (where GNU as says so). {@code .balign} always takes bytes and
     * {@code .p2align} always a power of two.
     */
    default boolean alignIsPowerOfTwo() {
        return true;
    }

    /**
     * The statement separator that may join several statements on one line (such as
     * {@code ";"}), or {@code null} if the architecture has none the assembler should honour.
     */
    default String statementSeparator() {
        return null;
    }

    /**
     * Filler for {@code .align}/{@code .balign}/{@code .p2align} without an explicit fill value:
     * exactly {@code length} bytes, zeros by default (a variable-length instruction set returns
     * GNU as's no-op sequence).
     * {@code .org}, {@code .skip} and {@code .space} gaps are always zeros.
     */
    default byte[] padding(int length) {
        return new byte[length];
    }

    /**
     * Directives (lower case, with the dot) this architecture accepts and the assembler may
     * ignore because they do not change the bytes, e.g. {@code ".intel_syntax"}. The generic ones
     * ({@code .text}, {@code .data}, {@code .section}, {@code .type}, {@code .size}, ...) are
     * always ignored.
     */
    default java.util.Set<String> ignoredDirectives() {
        return java.util.Set.of();
    }

    /**
     * The encoder for the code that follows directive {@code name} (lower case, with the dot)
     * when it selects another code size or instruction set of this architecture (GNU as's
     * {@code .code16}, {@code .code32}, {@code .code64}, say); null if {@code name}
     * selects nothing. The selection lasts until the next one; every assembly pass starts with
     * the assembler's own encoder, which also decides how the source is parsed (comments,
     * statement separators). None by default.
     */
    default InstructionEncoder selectedBy(String name) {
        return null;
    }
}
