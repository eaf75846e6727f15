package org.kexeclab.x86;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;

/**
 * Instructions without operands, each with its one fixed encoding; a few exist in one code
 * size only (the quadword forms in 64-bit code, {@code pushfd}/{@code popfd} and the doubleword
 * {@code movsd}/{@code rep stosd} in 32-bit code), as GNU as accepts them.
 */
final class FixedInstructions {

    private static final Map<String, byte[]> TABLE = Map.ofEntries(
            Map.entry("ret", bytes(0xc3)),
            Map.entry("retf", bytes(0xcb)),
            Map.entry("cld", bytes(0xfc)),
            Map.entry("std", bytes(0xfd)),
            Map.entry("cli", bytes(0xfa)),
            Map.entry("sti", bytes(0xfb)),
            Map.entry("hlt", bytes(0xf4)),
            Map.entry("nop", bytes(0x90)),
            Map.entry("int3", bytes(0xcc)),
            Map.entry("ud2", bytes(0x0f, 0x0b)),
            Map.entry("wbinvd", bytes(0x0f, 0x09)),
            Map.entry("cpuid", bytes(0x0f, 0xa2)),
            Map.entry("rdmsr", bytes(0x0f, 0x32)),
            Map.entry("wrmsr", bytes(0x0f, 0x30)),
            Map.entry("rep movsd", bytes(0xf3, 0xa5)),
            Map.entry("rep movsb", bytes(0xf3, 0xa4)),
            Map.entry("rep stosb", bytes(0xf3, 0xaa)));
    private static final Map<String, byte[]> LONG_ONLY = Map.of(
            "pushfq", bytes(0x9c),
            "popfq", bytes(0x9d),
            "movsq", bytes(0x48, 0xa5),
            "rep movsq", bytes(0xf3, 0x48, 0xa5),
            "rep stosq", bytes(0xf3, 0x48, 0xab));
    private static final Map<String, byte[]> PROTECTED_ONLY = Map.of(
            "pushfd", bytes(0x9c),
            "popfd", bytes(0x9d),
            "movsd", bytes(0xa5),
            "rep stosd", bytes(0xf3, 0xab));

    private FixedInstructions() {
    }

    /** The encoding of {@code insn} in code of {@code mode} if it is one of these, or {@code null}. */
    static byte[] encode(Instruction insn, X86Mode mode) throws AssemblyException {
        String m = insn.mnemonic();
        byte[] code = TABLE.get(m);
        if (code == null) {
            code = (mode.isLong() ? LONG_ONLY : PROTECTED_ONLY).get(m);
        }
        if (code == null && (mode.isLong() ? PROTECTED_ONLY : LONG_ONLY).containsKey(m)) {
            throw insn.error(m + " does not exist in " + mode.bits() + "-bit code");
        }
        if (code == null) {
            return null;
        }
        if (!insn.operands().isEmpty()) {
            throw insn.error(insn.mnemonic() + " takes no operands");
        }
        return code.clone();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
