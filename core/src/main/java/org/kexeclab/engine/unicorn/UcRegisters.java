package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.X86Register;

/**
 * The only place that knows Unicorn 2.0.1's register numbers ({@code x86.h}, {@code arm64.h},
 * {@code arm.h}, {@code ppc.h}, checked with a C program against the installed headers).
 * AArch64 system registers without their own number go through {@code UC_ARM64_REG_CP_REG}
 * with their {@code op0, op1, CRn, CRm, op2} encoding.
 */
final class UcRegisters {
    /** {@code UC_ARM64_REG_CP_REG}. */
    static final int UC_ARM64_REG_CP_REG = 290;
    /** {@code UC_ARM64_REG_PSTATE}. */
    static final int UC_ARM64_REG_PSTATE = 265;
    /**
     * Marker id: the register is a bit field of PSTATE (CurrentEL, DAIF). Reading CurrentEL as a
     * coprocessor register aborts the whole process in Unicorn 2.0.1 ({@code raw_read} assertion).
     */
    static final int PSTATE_FIELD = -2;

    private static final int[] X86 = {
        35, 37, 38, 40, 43, 39, 36, 44,          // rax rbx rcx rdx rsi rdi rbp rsp
        106, 107, 108, 109, 110, 111, 112, 113,  // r8..r15
        41, 253, 50, 52, 53, 54,                 // rip rflags cr0 cr2 cr3 cr4
        11, 17, 28, 32, 33, 49,                  // cs ds es fs gs ss
    };
    private static final int[] ARM64 = new int[Arm64Register.values().length];
    private static final int[] ARM64_CP = new int[Arm64Register.values().length];
    private static final int[] ARM = {
        66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, // r0..r12
        12, 10, 11, 3,                                      // sp lr pc cpsr
    };
    private static final int[] PPC = new int[PpcRegister.values().length];

    static {
        for (int i = 0; i <= 28; i++) {
            ARM64[i] = 199 + i;
        }
        ARM64[29] = 1;
        ARM64[30] = 2;
        set(Arm64Register.SP, 4);
        set(Arm64Register.PC, 260);
        set(Arm64Register.NZCV, 3);
        setCp(Arm64Register.SCTLR_EL1, 3, 0, 1, 0, 0);
        set(Arm64Register.TTBR0_EL1, 274);
        set(Arm64Register.TTBR1_EL1, 275);
        set(Arm64Register.DAIF, PSTATE_FIELD);
        set(Arm64Register.CPACR_EL1, 261);
        set(Arm64Register.CURRENT_EL, PSTATE_FIELD);
        set(Arm64Register.VBAR_EL1, 287);
        set(Arm64Register.ELR_EL1, 267);
        setCp(Arm64Register.SPSR_EL1, 3, 0, 4, 0, 0);
        set(Arm64Register.MAIR_EL1, 285);
        set(Arm64Register.ESR_EL1, 277);
        set(Arm64Register.FAR_EL1, 281);
        for (int i = 0; i < 32; i++) {
            PPC[i] = 2 + i;
        }
        int[] special = {1, 74, 76, 77, 79, 75}; // pc lr ctr msr cr xer
        System.arraycopy(special, 0, PPC, PpcRegister.PC.ordinal(), special.length);
    }

    private UcRegisters() {
    }

    private static void set(Arm64Register r, int id) {
        ARM64[r.ordinal()] = id;
    }

    private static void setCp(Arm64Register r, int op0, int op1, int crn, int crm, int op2) {
        ARM64[r.ordinal()] = UC_ARM64_REG_CP_REG;
        ARM64_CP[r.ordinal()] = op0 << 16 | op1 << 12 | crn << 8 | crm << 4 | op2;
    }

    /**
     * Unicorn's number for {@code r}, {@link #UC_ARM64_REG_CP_REG} for a system register reached by
     * its encoding, or {@link #PSTATE_FIELD}.
     */
    static int id(Register r) {
        if (r instanceof X86Register) {
            return X86[((X86Register) r).ordinal()];
        }
        if (r instanceof Arm64Register) {
            return ARM64[((Arm64Register) r).ordinal()];
        }
        if (r instanceof ArmRegister) {
            return ARM[((ArmRegister) r).ordinal()];
        }
        if (r instanceof PpcRegister) {
            return PPC[((PpcRegister) r).ordinal()];
        }
        throw new IllegalArgumentException("register " + r.name() + " is not one Unicorn knows");
    }

    /** The PSTATE bits holding a {@link #PSTATE_FIELD} register: DAIF = bits 9..6, CurrentEL = bits 3..2. */
    static long pstateMask(Arm64Register r) {
        return r == Arm64Register.DAIF ? 0x3c0L : 0xcL;
    }

    /** The packed {@code op0<<16|op1<<12|CRn<<8|CRm<<4|op2} of an AArch64 system register. */
    static int cpEncoding(Arm64Register r) {
        return ARM64_CP[r.ordinal()];
    }
}
