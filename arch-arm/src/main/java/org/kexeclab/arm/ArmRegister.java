package org.kexeclab.arm;

import java.util.Set;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/** 32-bit ARM registers: r0..r15 (with {@link #sp()}, {@link #lr()}, {@link #pc()}) and the CPSR. */
public enum ArmRegister implements Register {
    /** General-purpose register r0. */ R0,
    /** General-purpose register r1. */ R1,
    /** General-purpose register r2. */ R2,
    /** General-purpose register r3. */ R3,
    /** General-purpose register r4. */ R4,
    /** General-purpose register r5. */ R5,
    /** General-purpose register r6. */ R6,
    /** General-purpose register r7. */ R7,
    /** General-purpose register r8. */ R8,
    /** General-purpose register r9. */ R9,
    /** General-purpose register r10. */ R10,
    /** General-purpose register r11. */ R11,
    /** General-purpose register r12. */ R12,
    /** General-purpose register r13 (stack pointer). */ R13,
    /** General-purpose register r14 (link register). */ R14,
    /** General-purpose register r15 (program counter). */ R15,
    /** Current program status register (T = bit 5 is the Thumb state, mode in bits 4..0). */ CPSR;

    private static final ArmRegister[] R = {
        R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15};

    /**
     * Every 32-bit ARM register; traces follow r0..r12, SP, LR and the CPSR, and Tenet (its ARM32
     * definition) knows r0..r12, SP and LR, with {@code pc} as its instruction pointer. Released
     * Tenet parses x86 and AMD64 traces only: the ARM32 definition is in an unmerged upstream branch.
     */
    public static final RegisterSet SET = traced(RegisterSet.of(values(), R15))
            .tenet(new RegisterSet.Tenet("ARM32", Set.of("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9",
                    "R10", "R11", "R12", "SP", "LR"), "pc", "loads only in Tenet's unmerged ARM branch"))
            .build();

    /** Register {@code r<n>}, {@code 0 <= n <= 15}. */
    public static ArmRegister r(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("ARM has r0..r15, not r" + n);
        }
        return R[n];
    }

    private static RegisterSet.Builder traced(RegisterSet.Builder b) {
        for (int i = 0; i <= 12; i++) {
            b.traced(r(i), "R" + i);
        }
        return b.traced(R13, "SP").traced(R14, "LR").traced(CPSR, "CPSR");
    }

    /** The stack pointer, r13. */
    public static ArmRegister sp() {
        return R13;
    }

    /** The link register, r14. */
    public static ArmRegister lr() {
        return R14;
    }

    /** The program counter, r15. */
    public static ArmRegister pc() {
        return R15;
    }

    @Override
    public int bits() {
        return 32;
    }
}
