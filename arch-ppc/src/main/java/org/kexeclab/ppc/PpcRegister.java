package org.kexeclab.ppc;

import java.util.Arrays;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/**
 * PowerPC registers for ppc32, ppc64 and ppc64le (one register set for all three): r0..r31, the program counter and the branch, count,
 * machine-state, condition and fixed-point exception registers. Values are as wide as the CPU's
 * word (32 bits on ppc32). Unicorn 2.0.1 exposes no other special-purpose register (SRR0/SRR1,
 * PIR, ...): stubs set those with {@code mtspr} instructions.
 */
public enum PpcRegister implements Register {
    /** General-purpose register r0. */ R0,
    /** General-purpose register r1 (stack pointer by ABI). */ R1,
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
    /** General-purpose register r13. */ R13,
    /** General-purpose register r14. */ R14,
    /** General-purpose register r15. */ R15,
    /** General-purpose register r16. */ R16,
    /** General-purpose register r17. */ R17,
    /** General-purpose register r18. */ R18,
    /** General-purpose register r19. */ R19,
    /** General-purpose register r20. */ R20,
    /** General-purpose register r21. */ R21,
    /** General-purpose register r22. */ R22,
    /** General-purpose register r23. */ R23,
    /** General-purpose register r24. */ R24,
    /** General-purpose register r25. */ R25,
    /** General-purpose register r26. */ R26,
    /** General-purpose register r27. */ R27,
    /** General-purpose register r28. */ R28,
    /** General-purpose register r29. */ R29,
    /** General-purpose register r30. */ R30,
    /** General-purpose register r31. */ R31,
    /** Program counter (next instruction address). */ PC,
    /** Link register. */ LR,
    /** Count register. */ CTR,
    /** Machine state register. */ MSR,
    /** Condition register (all eight 4-bit fields). */ CR,
    /** Fixed-point exception register. */ XER;

    /** Every PowerPC register; traces follow every one but the PC and the MSR. */
    public static final RegisterSet SET = RegisterSet.of(values(), PC)
            .traced(Arrays.stream(values()).filter(r -> r != PC && r != MSR).toList())
            .build();

    private static final PpcRegister[] R = {
        R0, R1, R2, R3, R4, R5, R6, R7,
        R8, R9, R10, R11, R12, R13, R14, R15,
        R16, R17, R18, R19, R20, R21, R22, R23,
        R24, R25, R26, R27, R28, R29, R30, R31};

    /** Register {@code r<n>}, {@code 0 <= n <= 31}. */
    public static PpcRegister r(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("PowerPC has r0..r31, not r" + n);
        }
        return R[n];
    }

    @Override
    public int bits() {
        return this == CR ? 32 : 64;
    }
}
