package org.kexeclab.arm64;

import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/**
 * AArch64 registers the kexec stubs and their tests use: x0..x30, sp, pc, the flags, and the
 * EL1 system registers that {@code cpu_soft_restart} and friends touch.
 */
public enum Arm64Register implements Register {
    /** General-purpose register x0. */ X0,
    /** General-purpose register x1. */ X1,
    /** General-purpose register x2. */ X2,
    /** General-purpose register x3. */ X3,
    /** General-purpose register x4. */ X4,
    /** General-purpose register x5. */ X5,
    /** General-purpose register x6. */ X6,
    /** General-purpose register x7. */ X7,
    /** General-purpose register x8. */ X8,
    /** General-purpose register x9. */ X9,
    /** General-purpose register x10. */ X10,
    /** General-purpose register x11. */ X11,
    /** General-purpose register x12. */ X12,
    /** General-purpose register x13. */ X13,
    /** General-purpose register x14. */ X14,
    /** General-purpose register x15. */ X15,
    /** General-purpose register x16. */ X16,
    /** General-purpose register x17. */ X17,
    /** General-purpose register x18. */ X18,
    /** General-purpose register x19. */ X19,
    /** General-purpose register x20. */ X20,
    /** General-purpose register x21. */ X21,
    /** General-purpose register x22. */ X22,
    /** General-purpose register x23. */ X23,
    /** General-purpose register x24. */ X24,
    /** General-purpose register x25. */ X25,
    /** General-purpose register x26. */ X26,
    /** General-purpose register x27. */ X27,
    /** General-purpose register x28. */ X28,
    /** General-purpose register x29 (frame pointer). */ X29,
    /** General-purpose register x30 (link register). */ X30,
    /** Stack pointer of the current exception level. */ SP,
    /** Program counter. */ PC,
    /** Condition flags N, Z, C, V (bits 31..28). */ NZCV,
    /** System control register for EL1 (M = bit 0 is the MMU enable). */ SCTLR_EL1,
    /** Translation table base 0, EL1. */ TTBR0_EL1,
    /** Translation table base 1, EL1. */ TTBR1_EL1,
    /** Interrupt mask bits D, A, I, F (bits 9..6). */ DAIF,
    /** Architectural feature access control (FPEN = bits 21..20). */ CPACR_EL1,
    /** Current exception level, in bits 3..2 (EL1 reads as 4). */ CURRENT_EL,
    /** Vector base address, EL1. */ VBAR_EL1,
    /** Exception link register, EL1. */ ELR_EL1,
    /** Saved program status, EL1. */ SPSR_EL1,
    /** Memory attribute indirection, EL1. */ MAIR_EL1,
    /** Exception syndrome, EL1. */ ESR_EL1,
    /** Fault address, EL1. */ FAR_EL1;

    private static final Arm64Register[] X = {
        X0, X1, X2, X3, X4, X5, X6, X7,
        X8, X9, X10, X11, X12, X13, X14, X15,
        X16, X17, X18, X19, X20, X21, X22, X23,
        X24, X25, X26, X27, X28, X29, X30};

    /** Every arm64 register; traces follow x0..x30, SP and NZCV. */
    public static final RegisterSet SET = traced(RegisterSet.of(values(), PC)).build();

    /** Register {@code x<n>}, {@code 0 <= n <= 30}. */
    public static Arm64Register x(int n) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("AArch64 has x0..x30, not x" + n);
        }
        return X[n];
    }

    private static RegisterSet.Builder traced(RegisterSet.Builder b) {
        for (int i = 0; i <= 30; i++) {
            b.traced(x(i), "X" + i);
        }
        return b.traced(SP, "SP").traced(NZCV, "NZCV");
    }

    /** The link register, x30. */
    public static Arm64Register lr() {
        return X30;
    }

    @Override
    public int bits() {
        return this == NZCV || this == DAIF || this == CURRENT_EL ? 32 : 64;
    }
}
