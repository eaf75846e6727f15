package org.kexeclab.asm;

import java.nio.ByteOrder;

/**
 * What an {@link InstructionEncoder} may ask the assembler while it encodes one
 * instruction: the address it will sit at, the value of an expression, and whether this is
 * the final pass.
 *
 * <p>The assembler runs passes until every label's address is stable. In early passes an
 * expression may refer to a label not yet defined: {@link #isResolved} says so, and
 * {@link #evaluate} then returns a placeholder (the instruction's own address) so the
 * encoder can pick a provisional size. On the final pass every expression must resolve.
 */
public interface EncodeContext {

    /** The address of the instruction being encoded. */
    long pc();

    /**
     * Evaluates a constant expression: numbers ({@code 42}, {@code 0x2a}, {@code 0b101},
     * {@code 'c'}), symbols (labels, {@code .equ} constants, predefined constants), {@code .}
     * (this instruction's address), numeric local label references ({@code 1b}, {@code 1f}),
     * parentheses and the operators {@code + - * / % << >> & | ^ ~} with C precedence.
     *
     * @throws AssemblyException if the expression is malformed, or on the final pass refers
     *         to an undefined symbol
     */
    long evaluate(String expression) throws AssemblyException;

    /** False if {@code expression} mentions a symbol not defined yet (possible before the final pass). */
    boolean isResolved(String expression);

    /**
     * True if {@code expression} is resolved and a pure assembly-time constant: it uses only
     * numbers, {@code .equ}/{@code .set} and predefined constants, never a label, {@code .}
     * or a local label reference. GNU as picks short displacement and immediate forms only for
     * such constants (an address gets a relocation and the long form), so encoders that copy
     * its choices ask this. False by default.
     */
    default boolean isConstant(String expression) {
        return false;
    }

    /** True on the pass whose output is kept: every symbol is defined and stable. */
    boolean finalPass();

    /**
     * The number of bytes this instruction took in the previous pass, or -1 on the first.
     * An encoder that relaxes (short or near branch) must never return fewer bytes than
     * this, so that passes converge. Relax optimistically: while the target is not resolved
     * pick the short form, and grow only when the resolved target is out of its range; a
     * pessimistic start (long form for unknown targets) can never shrink back.
     */
    int previousSize();

    /** The byte order of the target being assembled for. */
    ByteOrder byteOrder();
}
