package org.kexeclab.riscv.interp;

import org.kexeclab.riscv.RiscvCsr;

/**
 * The CSRs the Java engine's RV64 hart implements, with the write rules Unicorn 2.0.1 (QEMU 5.0's
 * RISC-V) applies, as measured through its API (docs/RELIABILITY.md): mstatus keeps the bits
 * {@link #MSTATUS_WRITABLE} and sets SD when FS or XS is dirty; sstatus is mstatus seen through
 * {@link #SSTATUS_READ}; sie and sip read as mie and mip seen through mideleg, a write to sie sets mie's three
 * supervisor enables whatever mideleg says, and sip writes only a delegated SSIP;
 * stvec and mtvec ignore a write whose mode field is 2 or 3; satp ignores a write whose MODE is
 * not Bare, Sv39, Sv48 or Sv57; the scratch, epc, cause and tval registers keep every bit;
 * mhartid reads 0. The hart runs in M-mode, where every one of them may be accessed, and takes
 * no interrupts (kexec runs with them off), so mip is state only.
 */
final class RvCsrs {
    static final long MSTATUS_WRITABLE = 0x0000_00c0_601e_79aaL;
    static final long SSTATUS_READ = 0x8000_0000_000c_6122L;
    static final long SSTATUS_WRITABLE = 0x000c_6122L;
    static final long MIE_WRITABLE = 0xeee;
    static final long MIP_WRITABLE = 0x666;
    static final long MIDELEG_WRITABLE = 0x666;
    static final long SIP_WRITABLE = 0x2;
    /** The supervisor interrupt enables a write to sie sets in mie, delegated or not (reads see mideleg). */
    static final long SIE_WRITABLE = 0x222;
    static final long SD = 1L << 63;
    /** misa as Unicorn 2.0.1 reports it: RV64 with A, C, D, F, I, M, S, U. */
    static final long MISA = 0x8000_0000_0014_112dL;

    long mstatus;
    long mie;
    long mip;
    long mideleg;
    long stvec;
    long sscratch;
    long sepc;
    long scause;
    long stval;
    long satp;
    long mtvec;
    long mscratch;
    long mepc;
    long mcause;
    long mtval;

    /** True if the hart implements CSR {@code csr}. */
    static boolean implemented(int csr) {
        switch (csr) {
            case RiscvCsr.SSTATUS: case RiscvCsr.SIE: case RiscvCsr.STVEC: case RiscvCsr.SSCRATCH:
            case RiscvCsr.SEPC: case RiscvCsr.SCAUSE: case RiscvCsr.STVAL: case RiscvCsr.SIP: case RiscvCsr.SATP:
            case RiscvCsr.MSTATUS: case RiscvCsr.MISA: case RiscvCsr.MIDELEG: case RiscvCsr.MIE: case RiscvCsr.MTVEC:
            case RiscvCsr.MSCRATCH: case RiscvCsr.MEPC: case RiscvCsr.MCAUSE: case RiscvCsr.MTVAL: case RiscvCsr.MIP:
            case RiscvCsr.MHARTID:
                return true;
            default:
                return false;
        }
    }

    /** The value of implemented CSR {@code csr}. */
    long read(int csr) {
        switch (csr) {
            case RiscvCsr.SSTATUS: return mstatus & SSTATUS_READ;
            case RiscvCsr.SIE: return mie & mideleg;
            case RiscvCsr.STVEC: return stvec;
            case RiscvCsr.SSCRATCH: return sscratch;
            case RiscvCsr.SEPC: return sepc;
            case RiscvCsr.SCAUSE: return scause;
            case RiscvCsr.STVAL: return stval;
            case RiscvCsr.SIP: return mip & mideleg;
            case RiscvCsr.SATP: return satp;
            case RiscvCsr.MSTATUS: return mstatus;
            case RiscvCsr.MISA: return MISA;
            case RiscvCsr.MIDELEG: return mideleg;
            case RiscvCsr.MIE: return mie;
            case RiscvCsr.MTVEC: return mtvec;
            case RiscvCsr.MSCRATCH: return mscratch;
            case RiscvCsr.MEPC: return mepc;
            case RiscvCsr.MCAUSE: return mcause;
            case RiscvCsr.MTVAL: return mtval;
            case RiscvCsr.MIP: return mip;
            default: return 0;
        }
    }

    /** Writes implemented CSR {@code csr} under its rules (misa and mhartid keep their values). */
    void write(int csr, long v) {
        switch (csr) {
            case RiscvCsr.SSTATUS: setMstatus(mstatus & ~SSTATUS_WRITABLE | v & SSTATUS_WRITABLE); break;
            case RiscvCsr.SIE: mie = mie & ~SIE_WRITABLE | v & SIE_WRITABLE; break;
            case RiscvCsr.STVEC: stvec = vector(stvec, v); break;
            case RiscvCsr.SSCRATCH: sscratch = v; break;
            case RiscvCsr.SEPC: sepc = v; break;
            case RiscvCsr.SCAUSE: scause = v; break;
            case RiscvCsr.STVAL: stval = v; break;
            case RiscvCsr.SIP: mip = mip & ~(mideleg & SIP_WRITABLE) | v & mideleg & SIP_WRITABLE; break;
            case RiscvCsr.SATP: satp = satpMode(v >>> 60) ? v : satp; break;
            case RiscvCsr.MSTATUS: setMstatus(v); break;
            case RiscvCsr.MIDELEG: mideleg = v & MIDELEG_WRITABLE; break;
            case RiscvCsr.MIE: mie = v & MIE_WRITABLE; break;
            case RiscvCsr.MTVEC: mtvec = vector(mtvec, v); break;
            case RiscvCsr.MSCRATCH: mscratch = v; break;
            case RiscvCsr.MEPC: mepc = v; break;
            case RiscvCsr.MCAUSE: mcause = v; break;
            case RiscvCsr.MTVAL: mtval = v; break;
            case RiscvCsr.MIP: mip = v & MIP_WRITABLE; break;
            default: break;
        }
    }

    private void setMstatus(long v) {
        long m = v & MSTATUS_WRITABLE;
        boolean dirty = (m >>> 13 & 3) == 3 || (m >>> 15 & 3) == 3;
        mstatus = dirty ? m | SD : m;
    }

    private static long vector(long old, long v) {
        return (v & 3) < 2 ? v : old;
    }

    private static boolean satpMode(long mode) {
        return mode == 0 || mode == 8 || mode == 9 || mode == 10;
    }

    static final int STATE = 15;

    void save(long[] s, int at) {
        long[] v = {mstatus, mie, mip, mideleg, stvec, sscratch, sepc, scause, stval, satp, mtvec, mscratch, mepc,
            mcause, mtval};
        System.arraycopy(v, 0, s, at, STATE);
    }

    void restore(long[] s, int at) {
        mstatus = s[at];
        mie = s[at + 1];
        mip = s[at + 2];
        mideleg = s[at + 3];
        stvec = s[at + 4];
        sscratch = s[at + 5];
        sepc = s[at + 6];
        scause = s[at + 7];
        stval = s[at + 8];
        satp = s[at + 9];
        mtvec = s[at + 10];
        mscratch = s[at + 11];
        mepc = s[at + 12];
        mcause = s[at + 13];
        mtval = s[at + 14];
    }
}
