package org.kexeclab.ppc;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * Branches: {@code b/ba/bl/bla}, {@code bc} and its extended mnemonics ({@code beq},
 * {@code bne}, {@code blt}, {@code bgt}, {@code ble}, {@code bge} with an optional CR field,
 * {@code bdnz}, {@code bdz}), and the register branches {@code blr/bctr/blrl/bctrl}.
 */
final class PpcBranchForms {
    /** BO: branch if the CR bit is set. */
    private static final int IF_TRUE = 12;
    /** BO: branch if the CR bit is clear. */
    private static final int IF_FALSE = 4;
    private static final int LT = 0;
    private static final int GT = 1;
    private static final int EQ = 2;

    private PpcBranchForms() {
    }

    /**
     * Adds the branch forms (all common to 32- and 64-bit) to {@code common}. {@code power4}
     * selects which BO values {@code bc} accepts: the POWER4-and-later rules GNU as applies to
     * 64-bit targets, or the classic rules it applies to 32-bit PowerPC.
     */
    static void register(Map<String, PpcForm> common, boolean power4) {
        common.put("b", o -> branch(o, false, false));
        common.put("ba", o -> branch(o, true, false));
        common.put("bl", o -> branch(o, false, true));
        common.put("bla", o -> branch(o, true, true));
        common.put("bc", o -> branchConditional(o, power4, false, false));
        common.put("bca", o -> branchConditional(o, power4, true, false));
        common.put("bcl", o -> branchConditional(o, power4, false, true));
        common.put("bcla", o -> branchConditional(o, power4, true, true));
        common.put("beq", o -> onCondition(o, IF_TRUE, EQ));
        common.put("bne", o -> onCondition(o, IF_FALSE, EQ));
        common.put("blt", o -> onCondition(o, IF_TRUE, LT));
        common.put("bge", o -> onCondition(o, IF_FALSE, LT));
        common.put("bgt", o -> onCondition(o, IF_TRUE, GT));
        common.put("ble", o -> onCondition(o, IF_FALSE, GT));
        common.put("bdnz", o -> onCounter(o, 16));
        common.put("bdz", o -> onCounter(o, 18));
        common.put("blr", o -> toRegister(o, 16, false));
        common.put("blrl", o -> toRegister(o, 16, true));
        common.put("bctr", o -> toRegister(o, 528, false));
        common.put("bctrl", o -> toRegister(o, 528, true));
    }

    private static int branch(PpcOperands o, boolean absolute, boolean link) throws AssemblyException {
        o.expect(1, 1);
        return PpcWords.iForm(o.branchTarget(0, 26, absolute), absolute, link);
    }

    /** {@code bc BO,BI,target}. */
    private static int branchConditional(PpcOperands o, boolean power4, boolean absolute, boolean link)
            throws AssemblyException {
        o.expect(3, 3);
        int bo = (int) o.field(0, 0, 31);
        if (!(power4 ? validPower4Bo(bo) : validClassicBo(bo))) {
            throw o.error("invalid BO value " + bo + ": a bit the architecture requires to be 0 is set");
        }
        int bi = o.crBit(1);
        return PpcWords.bForm(bo, bi, o.branchTarget(2, 16, absolute), absolute, link);
    }

    /**
     * Classic BO encodings (z must be 0, y free): 0000y 0001y 0100y 0101y 001zy 011zy
     * 1z00y 1z01y 1z1zz.
     */
    static boolean validClassicBo(int bo) {
        switch (bo & 0x14) {
            case 0x04: return (bo & 0x2) == 0;
            case 0x10: return (bo & 0x8) == 0;
            case 0x14: return bo == 0x14;
            default: return true;
        }
    }

    /**
     * POWER4 BO encodings (z must be 0; the a/t hint pair 01 is reserved): 0000z 0001z 0100z
     * 0101z 001at 011at 1a00t 1a01t 1z1zz.
     */
    static boolean validPower4Bo(int bo) {
        switch (bo & 0x14) {
            case 0x00: return (bo & 0x1) == 0;
            case 0x04: return (bo & 0x3) != 0x1;
            case 0x10: return (bo & 0x9) != 0x1;
            default: return bo == 0x14;
        }
    }

    /** {@code beq [crN,] target} and relatives: BI = 4 * N + bit. */
    private static int onCondition(PpcOperands o, int bo, int bit) throws AssemblyException {
        o.expect(1, 2);
        int field = o.count() == 2 ? o.crField(0) : 0;
        int target = o.branchTarget(o.count() - 1, 16, false);
        return PpcWords.bForm(bo, 4 * field + bit, target, false, false);
    }

    /** {@code bdnz target} / {@code bdz target}: decrement CTR and test it. */
    private static int onCounter(PpcOperands o, int bo) throws AssemblyException {
        o.expect(1, 1);
        return PpcWords.bForm(bo, 0, o.branchTarget(0, 16, false), false, false);
    }

    /** {@code blr}/{@code bctr} (XL-form, opcode 19, BO = always). */
    private static int toRegister(PpcOperands o, int xo, boolean link) throws AssemblyException {
        o.expect(0, 0);
        return PpcWords.xForm(19, 20, 0, 0, xo, link);
    }
}
