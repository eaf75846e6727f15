package org.kexeclab.arm;

import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/** Encodes one A32 operation (its mnemonic already split) into a 32-bit instruction word. */
@FunctionalInterface
interface A32Form {
    /** The instruction word for {@code ins} at {@link EncodeContext#pc()}. */
    int encode(Instruction ins, A32Mnemonic m, EncodeContext ctx) throws AssemblyException;
}
