package org.kexeclab.asm;

import java.util.List;

/**
 * One instruction statement as the source parser hands it to an {@link InstructionEncoder}.
 *
 * @param mnemonic  the mnemonic in lower case, with any suffixes it was written with
 *                  ({@code "b.ne"}, {@code "rlwinm."}, {@code "rep movsq"} keeps its prefix:
 *                  {@code "rep movsq"})
 * @param operands  operand texts split at top-level commas (commas inside brackets or
 *                  parentheses do not split), each trimmed; empty when there are none
 * @param text      the whole statement as written, for error messages and listings
 * @param location  where the statement starts
 */
public record Instruction(String mnemonic, List<String> operands, String text, SourceLocation location) {
    public Instruction {
        operands = List.copyOf(operands);
    }

    /** Builds an {@link AssemblyException} at this instruction's location quoting its text. */
    public AssemblyException error(String problem) {
        return new AssemblyException(location, problem, text);
    }
}
