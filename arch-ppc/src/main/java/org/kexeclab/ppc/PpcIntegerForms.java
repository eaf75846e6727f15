package org.kexeclab.ppc;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * Loads, stores, immediate and register arithmetic and logic, and compares: the D-, DS-
 * and X-forms the kexec stubs use.
 */
final class PpcIntegerForms {
    private static final long SIGNED_MIN = -0x8000;
    private static final long SIGNED_MAX = 0x7fff;
    private static final long UNSIGNED_MAX = 0xffff;

    private PpcIntegerForms() {
    }

    /** Adds the 32-bit forms to {@code common} and the 64-bit-only forms to {@code only64}. */
    static void register(Map<String, PpcForm> common, Map<String, PpcForm> only64) {
        common.put("lwz", o -> load(o, 32, false));
        common.put("lwzu", o -> load(o, 33, true));
        common.put("lbz", o -> load(o, 34, false));
        common.put("stw", o -> store(o, 36, false));
        common.put("stwu", o -> store(o, 37, true));
        common.put("stb", o -> store(o, 38, false));
        common.put("addi", o -> addImmediate(o, 14, SIGNED_MAX));
        common.put("addis", o -> addImmediate(o, 15, UNSIGNED_MAX));
        common.put("li", o -> loadImmediate(o, 14, SIGNED_MAX));
        common.put("lis", o -> loadImmediate(o, 15, UNSIGNED_MAX));
        common.put("ori", o -> logicImmediate(o, 24));
        common.put("oris", o -> logicImmediate(o, 25));
        common.put("andi.", o -> logicImmediate(o, 28));
        common.put("nop", o -> {
            o.expect(0, 0);
            return PpcWords.dForm(24, 0, 0, 0);
        });
        for (boolean rc : new boolean[] {false, true}) {
            String dot = rc ? "." : "";
            common.put("and" + dot, o -> logic(o, 28, rc));
            common.put("or" + dot, o -> logic(o, 444, rc));
            common.put("xor" + dot, o -> logic(o, 316, rc));
            common.put("mr" + dot, o -> moveRegister(o, rc));
            common.put("add" + dot, o -> arithmetic(o, 266, rc));
            common.put("subf" + dot, o -> arithmetic(o, 40, rc));
        }
        common.put("cmpwi", o -> compareImmediate(o, 11, 0, SIGNED_MIN));
        common.put("cmplwi", o -> compareImmediate(o, 10, 0, SIGNED_MIN));
        common.put("cmpw", o -> compare(o, 0, 0));
        common.put("cmplw", o -> compare(o, 32, 0));
        only64.put("cmpdi", o -> compareImmediate(o, 11, 1, SIGNED_MIN));
        only64.put("cmpldi", o -> compareImmediate(o, 10, 1, SIGNED_MIN));
        only64.put("cmpd", o -> compare(o, 0, 1));
        only64.put("cmpld", o -> compare(o, 32, 1));
        only64.put("ld", o -> loadDouble(o, 0));
        only64.put("ldu", o -> loadDouble(o, 1));
        only64.put("std", o -> storeDouble(o, 0));
        only64.put("stdu", o -> storeDouble(o, 1));
        only64.put("ldx", o -> indexed(o, 21));
        only64.put("stdx", o -> indexed(o, 149));
    }

    private static int load(PpcOperands o, int opcode, boolean update) throws AssemblyException {
        o.expect(2, 2);
        int rt = o.gpr(0);
        PpcOperands.Memory mem = o.memory(1, 1);
        checkLoadUpdate(o, update, rt, mem.base());
        return PpcWords.dForm(opcode, rt, mem.base(), mem.displacement());
    }

    private static int store(PpcOperands o, int opcode, boolean update) throws AssemblyException {
        o.expect(2, 2);
        int rs = o.gpr(0);
        PpcOperands.Memory mem = o.memory(1, 1);
        checkStoreUpdate(o, update, mem.base());
        return PpcWords.dForm(opcode, rs, mem.base(), mem.displacement());
    }

    private static int loadDouble(PpcOperands o, int xo) throws AssemblyException {
        o.expect(2, 2);
        int rt = o.gpr(0);
        PpcOperands.Memory mem = o.memory(1, 4);
        checkLoadUpdate(o, xo == 1, rt, mem.base());
        return PpcWords.dsForm(58, rt, mem.base(), mem.displacement(), xo);
    }

    private static int storeDouble(PpcOperands o, int xo) throws AssemblyException {
        o.expect(2, 2);
        int rs = o.gpr(0);
        PpcOperands.Memory mem = o.memory(1, 4);
        checkStoreUpdate(o, xo == 1, mem.base());
        return PpcWords.dsForm(62, rs, mem.base(), mem.displacement(), xo);
    }

    /** Loads with update need a base register other than r0 and other than the target. */
    private static void checkLoadUpdate(PpcOperands o, boolean update, int rt, int ra) throws AssemblyException {
        if (update && (ra == 0 || ra == rt)) {
            throw o.error("invalid register operand when updating: the base must be neither r0 nor the target");
        }
    }

    /** Stores with update need a base register other than r0. */
    private static void checkStoreUpdate(PpcOperands o, boolean update, int ra) throws AssemblyException {
        if (update && ra == 0) {
            throw o.error("invalid register operand when updating: the base must not be r0");
        }
    }

    private static int indexed(PpcOperands o, int xo) throws AssemblyException {
        o.expect(3, 3);
        return PpcWords.xForm(31, o.gpr(0), o.gpr(1), o.gpr(2), xo, false);
    }

    private static int addImmediate(PpcOperands o, int opcode, long max) throws AssemblyException {
        o.expect(3, 3);
        return PpcWords.dForm(opcode, o.gpr(0), o.gpr(1), o.imm16(2, SIGNED_MIN, max));
    }

    private static int loadImmediate(PpcOperands o, int opcode, long max) throws AssemblyException {
        o.expect(2, 2);
        return PpcWords.dForm(opcode, o.gpr(0), 0, o.imm16(1, SIGNED_MIN, max));
    }

    /** {@code ori ra,rs,ui}: the destination is the second field. */
    private static int logicImmediate(PpcOperands o, int opcode) throws AssemblyException {
        o.expect(3, 3);
        return PpcWords.dForm(opcode, o.gpr(1), o.gpr(0), o.imm16(2, 0, UNSIGNED_MAX));
    }

    /** {@code and/or/xor ra,rs,rb}. */
    private static int logic(PpcOperands o, int xo, boolean rc) throws AssemblyException {
        o.expect(3, 3);
        return PpcWords.xForm(31, o.gpr(1), o.gpr(0), o.gpr(2), xo, rc);
    }

    /** {@code add/subf rt,ra,rb} (XO-form, OE = 0). */
    private static int arithmetic(PpcOperands o, int xo, boolean rc) throws AssemblyException {
        o.expect(3, 3);
        return PpcWords.xForm(31, o.gpr(0), o.gpr(1), o.gpr(2), xo, rc);
    }

    /** {@code mr ra,rs} is {@code or ra,rs,rs}. */
    private static int moveRegister(PpcOperands o, boolean rc) throws AssemblyException {
        o.expect(2, 2);
        int rs = o.gpr(1);
        return PpcWords.xForm(31, rs, o.gpr(0), rs, 444, rc);
    }

    /** {@code cmpwi [crN,] ra, si} and relatives; unsigned compares also take -32768..-1. */
    private static int compareImmediate(PpcOperands o, int opcode, int l, long min) throws AssemblyException {
        o.expect(2, 3);
        int first = o.count() - 2;
        int bf = first == 1 ? o.crField(0) : 0;
        long max = opcode == 11 ? SIGNED_MAX : UNSIGNED_MAX;
        return PpcWords.dForm(opcode, bf << 2 | l, o.gpr(first), o.imm16(first + 1, min, max));
    }

    /** {@code cmpw [crN,] ra, rb} and relatives. */
    private static int compare(PpcOperands o, int xo, int l) throws AssemblyException {
        o.expect(2, 3);
        int first = o.count() - 2;
        int bf = first == 1 ? o.crField(0) : 0;
        return PpcWords.xForm(31, bf << 2 | l, o.gpr(first), o.gpr(first + 1), xo, false);
    }
}
