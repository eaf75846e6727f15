package org.kexeclab.asm;

import java.util.List;

/**
 * One parsed source statement: a label definition, a directive or an instruction.
 *
 * @param kind      which of the three it is
 * @param name      the label name (without colon), the directive (lower case, with its dot)
 *                  or the instruction mnemonic (lower case, prefix kept: {@code "rep movsq"})
 * @param operands  operand texts split at top-level commas, trimmed (empty for labels)
 * @param text      the statement as written
 * @param location  where it starts
 */
public record Statement(Kind kind, String name, List<String> operands, String text, SourceLocation location) {

    /** What a statement is. */
    public enum Kind { LABEL, DIRECTIVE, INSTRUCTION }

    public Statement {
        operands = List.copyOf(operands);
    }

    /** True for a numeric local label definition such as {@code 1:}. */
    public boolean isLocalLabel() {
        return kind == Kind.LABEL && !name.isEmpty() && Character.isDigit(name.charAt(0));
    }

    /** This statement as an {@link Instruction} for an encoder. */
    public Instruction toInstruction() {
        return new Instruction(name, operands, text, location);
    }

    /** Builds an {@link AssemblyException} at this statement quoting its text. */
    public AssemblyException error(String problem) {
        return new AssemblyException(location, problem, text);
    }
}
