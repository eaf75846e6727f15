package org.kexeclab.arm;

import java.nio.ByteOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.WordEncoder;

/**
 * The 32-bit ARM (A32) instruction encoder for the subset the arm relocation stub uses,
 * in GNU's divided syntax (as's default for {@code .arm}): {@code op{cond}{s}},
 * {@code ldm/stm{cond}{mode}}, {@code ldr/str{cond}{b}}. Covered: {@code ldr/str/ldrb/strb},
 * {@code ldm/stm/push/pop}, {@code mov/mvn/movw/movt}, {@code add/sub/and/orr/eor/bic},
 * {@code tst/cmp/cmn}, {@code b/bl/bx/blx}, {@code mrs}, {@code nop}; every condition code.
 *
 * <p>Each instruction is one 32-bit word stored little-endian (ARMv7 fetches instructions
 * little-endian even in big-endian BE8 data mode). The line-comment
 * marker is {@code @}. Each accepted operand form is checked against GNU as by golden tests.
 */
public final class A32Encoder extends WordEncoder {

    private static final String[] FLAG_SUFFIXES = {"", "s"};
    private static final String[] NO_SUFFIX = {""};
    private static final String[] BYTE_SUFFIX = {"", "b"};
    private static final String[] MODES = {"", "ia", "ib", "da", "db", "fd"};

    private final Map<String, A32Form> forms;
    private final List<String> basesLongestFirst;

    /** Creates the encoder with its full mnemonic table. */
    public A32Encoder() {
        Map<String, A32Form> m = new HashMap<>();
        A32DataProcessing.register(m);
        A32LoadStore.register(m);
        A32Branches.register(m);
        A32Status.register(m);
        forms = Map.copyOf(m);
        List<String> bases = new ArrayList<>(forms.keySet());
        bases.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        basesLongestFirst = List.copyOf(bases);
    }


    /** The 32-bit instruction word for {@code instruction} at {@link EncodeContext#pc()}. */
    @Override
    protected ByteOrder instructionOrder(EncodeContext context) {
        return ByteOrder.LITTLE_ENDIAN; // instructions are little-endian whatever the data order (BE8)
    }

    @Override
    public int encodeWord(Instruction instruction, EncodeContext context) throws AssemblyException {
        String mnemonic = instruction.mnemonic();
        for (String base : basesLongestFirst) {
            A32Mnemonic m = A32Mnemonic.split(mnemonic, base, suffixes(base));
            if (m != null) {
                return forms.get(base).encode(instruction, m, context);
            }
        }
        throw instruction.error("unknown or unsupported A32 mnemonic `" + mnemonic
                + "` (divided syntax: condition before the s, e.g. addeqs, ldmeqia)");
    }

    private static String[] suffixes(String base) {
        switch (base) {
            case "ldr": case "str": return BYTE_SUFFIX;
            case "ldm": case "stm": return MODES;
            case "mov": case "mvn": case "add": case "sub": case "and": case "orr": case "eor": case "bic":
            case "tst": case "cmp": case "cmn":
                return FLAG_SUFFIXES;
            default: return NO_SUFFIX;
        }
    }

    @Override
    public String lineComment() {
        return "@";
    }


    /** {@code .arm} selects the A32 instruction set, which is the only one this encoder knows. */
    @Override
    public java.util.Set<String> ignoredDirectives() {
        return java.util.Set.of(".arm");
    }

    /** GNU as joins statements with {@code ;} on this architecture. */
    @Override
    public String statementSeparator() {
        return ";";
    }
}
