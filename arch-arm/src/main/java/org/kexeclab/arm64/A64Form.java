package org.kexeclab.arm64;

import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/** Encodes one A64 mnemonic (all its operand forms) into a 32-bit instruction word. */
@FunctionalInterface
interface A64Form {
    /** The instruction word for {@code ins} at {@link EncodeContext#pc()}. */
    int encode(Instruction ins, EncodeContext ctx) throws AssemblyException;
}
