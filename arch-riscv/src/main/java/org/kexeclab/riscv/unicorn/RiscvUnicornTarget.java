package org.kexeclab.riscv.unicorn;

import java.util.OptionalLong;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UnicornTarget;
import org.kexeclab.riscv.RiscvRegister;

/**
 * riscv64 on Unicorn 2.0.1 ({@code riscv.h}, numbers checked with a C program against the
 * installed headers): {@code UC_ARCH_RISCV}, {@code UC_MODE_RISCV64}; x0..x31 are 1..32, the pc
 * 190, each CSR its own number. The hart starts in M-mode and Unicorn has no register for the
 * privilege level; QEMU's illegal-instruction exception (2) is an undefined instruction, which
 * Unicorn reports with the pc 4 bytes past it (measured for decode-time and CSR-access refusals
 * alike; docs/RELIABILITY.md).
 */
public final class RiscvUnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_RISCV = 8;
    private static final int UC_MODE_RISCV64 = 8;
    /** QEMU's {@code RISCV_EXCP_ILLEGAL_INST}. */
    static final int EXCP_ILLEGAL_INST = 2;
    private static final UcRegister[] REGISTERS = new UcRegister[RiscvRegister.values().length];

    static {
        for (int i = 0; i < 32; i++) {
            set(RiscvRegister.x(i), 1 + i);
        }
        set(RiscvRegister.PC, 190);
        set(RiscvRegister.SSTATUS, 133);
        set(RiscvRegister.SIE, 136);
        set(RiscvRegister.SIP, 143);
        set(RiscvRegister.STVEC, 137);
        set(RiscvRegister.SSCRATCH, 139);
        set(RiscvRegister.SEPC, 140);
        set(RiscvRegister.SCAUSE, 141);
        set(RiscvRegister.STVAL, 142);
        set(RiscvRegister.SATP, 146);
        set(RiscvRegister.MSTATUS, 116);
        set(RiscvRegister.MIE, 120);
        set(RiscvRegister.MIP, 131);
        set(RiscvRegister.MIDELEG, 119);
        set(RiscvRegister.MTVEC, 121);
        set(RiscvRegister.MSCRATCH, 127);
        set(RiscvRegister.MEPC, 128);
        set(RiscvRegister.MCAUSE, 129);
        set(RiscvRegister.MTVAL, 130);
        set(RiscvRegister.MHARTID, 115);
    }

    private static void set(RiscvRegister r, int id) {
        REGISTERS[r.ordinal()] = UcRegister.of(id);
    }

    @Override
    public int ucArch() {
        return UC_ARCH_RISCV;
    }

    @Override
    public int ucMode() {
        return UC_MODE_RISCV64;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof RiscvRegister r ? REGISTERS[r.ordinal()] : null;
    }

    @Override
    public OptionalLong undefinedInstructionAt(int number, long pc) {
        return number == EXCP_ILLEGAL_INST ? OptionalLong.of(pc - 4) : OptionalLong.empty();
    }
}
