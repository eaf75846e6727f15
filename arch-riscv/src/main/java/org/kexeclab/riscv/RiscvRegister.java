package org.kexeclab.riscv;

import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/**
 * The RV64 registers kexec-lab's riscv64 code and its tests use: the 32 integer registers by
 * their ABI names ({@code zero}, {@code ra}, {@code sp}, ... {@code a0} is {@code x10}), the pc,
 * and the supervisor and machine CSRs the stub, the probe, the purgatory and the old kernel's
 * state touch. {@code x<n>} is {@link #x(int)}.
 */
public enum RiscvRegister implements Register {
    /** x0, hard-wired zero. */ ZERO,
    /** x1, return address. */ RA,
    /** x2, stack pointer. */ SP,
    /** x3, global pointer. */ GP,
    /** x4, thread pointer. */ TP,
    /** x5, temporary. */ T0,
    /** x6, temporary. */ T1,
    /** x7, temporary. */ T2,
    /** x8, saved register (frame pointer). */ S0,
    /** x9, saved register. */ S1,
    /** x10, argument and return value. */ A0,
    /** x11, argument and return value. */ A1,
    /** x12, argument. */ A2,
    /** x13, argument. */ A3,
    /** x14, argument. */ A4,
    /** x15, argument. */ A5,
    /** x16, argument. */ A6,
    /** x17, argument. */ A7,
    /** x18, saved register. */ S2,
    /** x19, saved register. */ S3,
    /** x20, saved register. */ S4,
    /** x21, saved register. */ S5,
    /** x22, saved register. */ S6,
    /** x23, saved register. */ S7,
    /** x24, saved register. */ S8,
    /** x25, saved register. */ S9,
    /** x26, saved register. */ S10,
    /** x27, saved register. */ S11,
    /** x28, temporary. */ T3,
    /** x29, temporary. */ T4,
    /** x30, temporary. */ T5,
    /** x31, temporary. */ T6,
    /** Program counter. */ PC,
    /** Supervisor status: the S-mode view of mstatus (SIE is bit 1). */ SSTATUS,
    /** Supervisor interrupt enable: mie seen through mideleg. */ SIE,
    /** Supervisor interrupt pending: mip seen through mideleg. */ SIP,
    /** Supervisor trap vector base. */ STVEC,
    /** Supervisor scratch. */ SSCRATCH,
    /** Supervisor exception pc. */ SEPC,
    /** Supervisor trap cause. */ SCAUSE,
    /** Supervisor trap value. */ STVAL,
    /** Supervisor address translation and protection: MODE (bits 63..60), ASID, root PPN. */ SATP,
    /** Machine status. */ MSTATUS,
    /** Machine interrupt enable. */ MIE,
    /** Machine interrupt pending. */ MIP,
    /** Machine interrupt delegation to S-mode. */ MIDELEG,
    /** Machine trap vector base. */ MTVEC,
    /** Machine scratch. */ MSCRATCH,
    /** Machine exception pc. */ MEPC,
    /** Machine trap cause. */ MCAUSE,
    /** Machine trap value. */ MTVAL,
    /** Hart id (read-only). */ MHARTID;

    private static final RiscvRegister[] X = new RiscvRegister[32];

    static {
        System.arraycopy(values(), 0, X, 0, 32);
    }

    /** Every riscv64 register; traces follow x1..x31 by their ABI names. */
    public static final RegisterSet SET = traced(RegisterSet.of(values(), PC)).build();

    /** Register {@code x<n>}, {@code 0 <= n <= 31}. */
    public static RiscvRegister x(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("RV64 has x0..x31, not x" + n);
        }
        return X[n];
    }

    /** True for x0..x31. */
    public boolean isInteger() {
        return ordinal() < 32;
    }

    private static RegisterSet.Builder traced(RegisterSet.Builder b) {
        for (int i = 1; i < 32; i++) {
            b.traced(X[i]);
        }
        return b;
    }

    @Override
    public int bits() {
        return 64;
    }
}
