package org.kexeclab.ppc;

import org.kexeclab.asm.AssemblyException;

/** One PowerPC mnemonic's encoder: reads its operands and returns the 32-bit instruction word. */
@FunctionalInterface
interface PpcForm {
    int encode(PpcOperands operands) throws AssemblyException;
}
