package org.kexeclab.ppc;

import java.util.HashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.WordEncoder;

/**
 * The PowerPC instruction encoder for GNU-syntax sources: the subset the ppc32 and ppc64
 * kexec stubs use (loads/stores, immediate and register logic, rotates and their shift
 * aliases, compares, branches, SPR/MSR moves, {@code rfi/rfid}, barriers and cache-block
 * operations). One 32-bit word per instruction, written in
 * {@link EncodeContext#byteOrder()}, so the same encoder serves ppc32, ppc64 and ppc64le.
 *
 * <p>Registers may be written {@code 3}, {@code r3} or {@code %r3}; SPRs by number or by
 * name ({@code srr0}, {@code srr1}, {@code pir}, {@code sprg0..3}, {@code lr}, {@code ctr},
 * ...). 64-bit-only instructions are rejected by the 32-bit encoder, as GNU as rejects them.
 */
public final class PpcEncoder extends WordEncoder {
    private final boolean sixtyFourBit;
    private final Map<String, PpcForm> forms = new HashMap<>();
    private final Map<String, PpcForm> only64 = new HashMap<>();

    /**
     * @param sixtyFourBit true for the 64-bit instruction set (ppc64, ppc64le), false for
     *                     32-bit PowerPC, which rejects {@code ld}, {@code rldicl}, {@code rfid}, ...
     */
    public PpcEncoder(boolean sixtyFourBit) {
        this.sixtyFourBit = sixtyFourBit;
        PpcIntegerForms.register(forms, only64);
        PpcRotateForms.register(forms, only64);
        PpcBranchForms.register(forms, sixtyFourBit);
        PpcSystemForms.register(forms, only64);
    }

    /**
     * The encoder for a PowerPC architecture.
     *
     * @throws IllegalArgumentException if {@code arch} is not ppc32, ppc64 or ppc64le
     */
    public static PpcEncoder forArch(Arch arch) {
        if (PpcArches.PPC32.equals(arch)) {
            return new PpcEncoder(false);
        }
        if (PpcArches.PPC64.equals(arch) || PpcArches.PPC64LE.equals(arch)) {
            return new PpcEncoder(true);
        }
        throw new IllegalArgumentException("not a PowerPC architecture: " + arch);
    }

    /** Encodes one instruction to its 32-bit word (before byte ordering). */
    @Override
    public int encodeWord(Instruction instruction, EncodeContext context) throws AssemblyException {
        String mnemonic = instruction.mnemonic();
        PpcForm form = forms.get(mnemonic);
        if (form == null && sixtyFourBit) {
            form = only64.get(mnemonic);
        }
        if (form == null) {
            throw instruction.error(only64.containsKey(mnemonic)
                    ? "`" + mnemonic + "` is a 64-bit instruction, not available on 32-bit PowerPC"
                    : "unknown or unsupported PowerPC instruction `" + mnemonic + "`");
        }
        return form.encode(new PpcOperands(instruction, context));
    }


    @Override
    public String lineComment() {
        return "#";
    }

}
