package org.kexeclab.arm64;

import java.nio.ByteOrder;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.WordEncoder;

/**
 * The AArch64 (A64) instruction encoder, GNU syntax, for the subset the arm64 relocation
 * stub uses: loads and stores ({@code ldr/str/ldp/stp}), moves ({@code mov/movz/movn/movk}),
 * arithmetic ({@code add/adds/sub/subs/cmp/cmn}), logical operations with bitmask
 * immediates ({@code and/orr/eor/ands/tst/mvn}), shifts ({@code lsl/lsr/asr}), branches
 * ({@code b/bl/b.cond/cbz/cbnz/tbz/tbnz/br/blr/ret}), {@code adr}, and the system
 * instructions of the MMU-off path ({@code mrs/msr/dc/ic/tlbi/dsb/dmb/isb/nop/hvc/svc/smc}).
 *
 * <p>Every instruction is one 32-bit word stored little-endian (A64 instruction fetch is
 * always little-endian, whatever the data byte order). Each accepted operand form
 * is checked against GNU {@code as} by golden tests; anything else is an
 * {@link AssemblyException}. Comments are {@code //} only (no extra line-comment marker).
 */
public final class A64Encoder extends WordEncoder {

    private final Map<String, A64Form> forms;

    /** Creates the encoder with its full mnemonic table. */
    public A64Encoder() {
        Map<String, A64Form> m = new HashMap<>();
        A64LoadStore.register(m);
        A64Arithmetic.register(m);
        A64Logical.register(m);
        A64Moves.register(m);
        A64Branches.register(m);
        A64System.register(m);
        forms = Map.copyOf(m);
    }


    /** The 32-bit instruction word for {@code instruction} at {@link EncodeContext#pc()}. */
    @Override
    protected ByteOrder instructionOrder(EncodeContext context) {
        return ByteOrder.LITTLE_ENDIAN; // instructions are little-endian whatever the data order (BE8)
    }

    @Override
    public int encodeWord(Instruction instruction, EncodeContext context) throws AssemblyException {
        A64Form form = forms.get(instruction.mnemonic());
        if (form == null) {
            throw instruction.error("unknown or unsupported A64 mnemonic `" + instruction.mnemonic() + "`");
        }
        return form.encode(instruction, context);
    }

    /** The mnemonics this encoder accepts, sorted (for documentation and error messages). */
    public java.util.SortedSet<String> mnemonics() {
        return new TreeSet<>(forms.keySet());
    }

    @Override
    public String lineComment() {
        return null;
    }


    /**
     * Alignment filler as GNU as writes it in code: zeros up to the next 4-byte boundary, then
     * {@code nop} words ({@code 0xd503201f}), so padding between instructions stays executable.
     */
    @Override
    public byte[] padding(int length) {
        byte[] pad = new byte[length];
        for (int i = length % 4; i + 4 <= length; i += 4) {
            pad[i] = 0x1f;
            pad[i + 1] = 0x20;
            pad[i + 2] = 0x03;
            pad[i + 3] = (byte) 0xd5;
        }
        return pad;
    }

    /** GNU as joins statements with {@code ;} on this architecture. */
    @Override
    public String statementSeparator() {
        return ";";
    }
}
