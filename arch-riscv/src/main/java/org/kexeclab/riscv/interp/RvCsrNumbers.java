package org.kexeclab.riscv.interp;

import org.kexeclab.riscv.RiscvCsr;
import org.kexeclab.riscv.RiscvRegister;

/** The CSR number of each CSR in {@link RiscvRegister}. */
final class RvCsrNumbers {
    private RvCsrNumbers() {
    }

    /** The number of CSR register {@code r}; {@link IllegalArgumentException} for an integer register or the pc. */
    static int of(RiscvRegister r) {
        switch (r) {
            case SSTATUS: return RiscvCsr.SSTATUS;
            case SIE: return RiscvCsr.SIE;
            case SIP: return RiscvCsr.SIP;
            case STVEC: return RiscvCsr.STVEC;
            case SSCRATCH: return RiscvCsr.SSCRATCH;
            case SEPC: return RiscvCsr.SEPC;
            case SCAUSE: return RiscvCsr.SCAUSE;
            case STVAL: return RiscvCsr.STVAL;
            case SATP: return RiscvCsr.SATP;
            case MSTATUS: return RiscvCsr.MSTATUS;
            case MIE: return RiscvCsr.MIE;
            case MIP: return RiscvCsr.MIP;
            case MIDELEG: return RiscvCsr.MIDELEG;
            case MTVEC: return RiscvCsr.MTVEC;
            case MSCRATCH: return RiscvCsr.MSCRATCH;
            case MEPC: return RiscvCsr.MEPC;
            case MCAUSE: return RiscvCsr.MCAUSE;
            case MTVAL: return RiscvCsr.MTVAL;
            case MHARTID: return RiscvCsr.MHARTID;
            default: throw new IllegalArgumentException(r + " is not a CSR");
        }
    }
}
