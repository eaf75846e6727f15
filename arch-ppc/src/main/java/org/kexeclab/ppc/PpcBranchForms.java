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

    /** Adds the branch forms (all common to 32- and 64-bit) to {@code common}. */
    static void register(Map<String, PpcForm> common) {
        common.put("b", o -> branch(o, false, false));
        common.put("ba", o -> branch(o, true, false));
        common.put("bl", o -> branch(o, false, true));
        common.put("bla", o -> branch(o, true, true));
        common.put("bc", o -> branchConditional(o, false, false));
        common.put("bca", o -> branchConditional(o, true, false));
        common.put("bcl", o -> branchConditional(o, false, true));
        common.put("bcla", o -> branchConditional(o, true, true));
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
    private static int branchConditional(PpcOperands o, boolean absolute, boolean link) throws AssemblyException {
        o.expect(3, 3);
        int bo = (int) o.field(0, 0, 31);
        int bi = o.crBit(1);
        return PpcWords.bForm(bo, bi, o.branchTarget(2, 16, absolute), absolute, link);
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
