package org.kexeclab.riscv;

import static org.kexeclab.riscv.RvFormat.BRANCH;
import static org.kexeclab.riscv.RvFormat.JALR;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * The control-transfer forms of {@link RvEncoder}: the six conditional branches and their
 * pseudo-instructions ({@code beqz bnez blez bgez bltz bgtz bgt ble bgtu bleu}), {@code jal},
 * {@code jalr}, {@code j}, {@code jr}, {@code ret}, {@code call} and {@code tail}. A branch
 * target out of range is an error: the encoder never rewrites a branch into a longer sequence.
 */
final class RvControlForms {
    private static final int RA = 1;
    private static final int T1 = 6;

    private RvControlForms() {
    }

    static void register(Map<String, RvEncoder.Form> f) {
        String[] names = {"beq", "bne", null, null, "blt", "bge", "bltu", "bgeu"};
        for (int k = 0; k < names.length; k++) {
            if (names[k] != null) {
                branch(f, names[k], k, false);
            }
        }
        branch(f, "bgt", 4, true);
        branch(f, "ble", 5, true);
        branch(f, "bgtu", 6, true);
        branch(f, "bleu", 7, true);
        zeroBranch(f, "beqz", 0, false);
        zeroBranch(f, "bnez", 1, false);
        zeroBranch(f, "bltz", 4, false);
        zeroBranch(f, "bgez", 5, false);
        zeroBranch(f, "bgtz", 4, true);
        zeroBranch(f, "blez", 5, true);
        registerJumps(f);
    }

    /** {@code b<cond> rs1, rs2, target}; {@code swap} for the forms that are the reverse comparison. */
    private static void branch(Map<String, RvEncoder.Form> f, String name, int funct3, boolean swap) {
        f.put(name, (o, c) -> {
            o.count(3);
            int a = o.reg(0);
            int b = o.reg(1);
            long off = o.offset(2, 13);
            return new int[] {swap ? RvFormat.b(off, a, b, funct3, BRANCH) : RvFormat.b(off, b, a, funct3, BRANCH)};
        });
    }

    /** {@code b<cond>z rs, target}: the comparison with x0, {@code zeroFirst} where x0 is the first operand. */
    private static void zeroBranch(Map<String, RvEncoder.Form> f, String name, int funct3, boolean zeroFirst) {
        f.put(name, (o, c) -> {
            o.count(2);
            int rs = o.reg(0);
            long off = o.offset(1, 13);
            return new int[] {zeroFirst ? RvFormat.b(off, rs, 0, funct3, BRANCH) : RvFormat.b(off, 0, rs, funct3, BRANCH)};
        });
    }

    private static void registerJumps(Map<String, RvEncoder.Form> f) {
        f.put("jal", (o, c) -> {
            if (o.size() == 1) {
                return new int[] {RvEncoder.jal(RA, o.offset(0, 21))};
            }
            o.count(2);
            return new int[] {RvEncoder.jal(o.reg(0), o.offset(1, 21))};
        });
        f.put("j", (o, c) -> {
            o.count(1);
            return new int[] {RvEncoder.jal(0, o.offset(0, 21))};
        });
        f.put("jalr", RvControlForms::jalr);
        f.put("jr", (o, c) -> {
            o.count(1);
            return new int[] {RvEncoder.jalr(0, 0, o.reg(0))};
        });
        f.put("ret", (o, c) -> {
            o.count(0);
            return new int[] {RvEncoder.jalr(0, 0, RA)};
        });
        f.put("call", (o, c) -> {
            o.count(1);
            return RvEncoder.pcrel(RA, o.distance(0), RA, 0, JALR, RA);
        });
        f.put("tail", (o, c) -> {
            o.count(1);
            return RvEncoder.pcrel(T1, o.distance(0), 0, 0, JALR, T1);
        });
    }

    /** {@code jalr rs}, {@code jalr rd, rs}, {@code jalr rd, offset(rs)} or {@code jalr rd, rs, offset}. */
    private static int[] jalr(RvOperands o, org.kexeclab.asm.EncodeContext c) throws AssemblyException {
        if (o.size() == 1) {
            return new int[] {RvEncoder.jalr(RA, 0, o.reg(0))};
        }
        if (o.size() == 3) {
            return new int[] {RvEncoder.jalr(o.reg(0), o.signed(2, 12), o.reg(1))};
        }
        o.count(2);
        if (o.text(1).contains("(")) {
            long[] m = o.memory(1);
            return new int[] {RvEncoder.jalr(o.reg(0), m[0], (int) m[1])};
        }
        return new int[] {RvEncoder.jalr(o.reg(0), 0, o.reg(1))};
    }
}
