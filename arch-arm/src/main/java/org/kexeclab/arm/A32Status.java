package org.kexeclab.arm;

import java.util.Locale;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;

/**
 * {@code mrs{cond} rd, cpsr|apsr|spsr}: reads a program status register (every condition;
 * {@code apsr} is the unprivileged name of the CPSR). {@code rd} may not be pc.
 */
final class A32Status {

    private static final int MRS = 0x010F0000;
    private static final int SPSR = 1 << 22;

    private A32Status() {
    }

    static void register(Map<String, A32Form> forms) {
        forms.put("mrs", (ins, m, ctx) -> mrs(ins, m));
    }

    private static int mrs(Instruction ins, A32Mnemonic m) throws AssemblyException {
        A32Operands.count(ins, 2, 2);
        int rd = A32Operands.register(ins, 0);
        if (rd == 15) {
            throw ins.error("mrs cannot write pc");
        }
        String psr = ins.operands().get(1).trim().toLowerCase(Locale.ROOT);
        int r;
        switch (psr) {
            case "cpsr": case "apsr": r = 0; break;
            case "spsr": r = SPSR; break;
            default: throw ins.error("mrs reads cpsr, apsr or spsr, not `" + psr + "`");
        }
        return m.cond() << 28 | MRS | r | rd << 12;
    }
}
