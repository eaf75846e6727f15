package org.kexeclab.riscv.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.Step;
import org.kexeclab.engine.interp.WordBlocks;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.riscv.RvFormat;

/**
 * One RV64 hart for the Java engine: x0..x31, the pc and the CSRs of {@link RvCsrs}, executing
 * RV64I, M, Zicsr and Zifencei (fence and fence.i order nothing here: one hart, no caches). No
 * compressed instructions, no atomics, no floating point; the hart stays in M-mode (no
 * {@code mret}/{@code sret}) and translates no address, as Unicorn 2.0.1's hart does from reset.
 * {@code ecall} is CPU exception 8 with the pc after it (Unicorn's number whatever the mode);
 * {@code ebreak}, like an unknown instruction or CSR, is an invalid instruction, which is how
 * Unicorn 2.0.1 ends a run on it. Instructions are split over {@link RvExecute}.
 */
final class RvCore implements IsaCore {
    /** Unicorn's (QEMU's) exception number for an environment call, from any mode. */
    static final int EXCP_ECALL = 8;
    private static final int STATE = 33 + RvCsrs.STATE;

    final Arch arch;
    final GuestBus bus;
    final long[] x = new long[32];
    final RvCsrs csr = new RvCsrs();
    long pc;
    int lastWord;
    int exception = -1;

    RvCore(Arch arch, GuestBus bus) {
        this.arch = arch;
        this.bus = bus;
        bus.bigEndian(false);
    }

    /** Sets {@code rd} unless it is x0. */
    void set(int rd, long v) {
        if (rd != 0) {
            x[rd] = v;
        }
    }

    @Override
    public int step() {
        long cia = pc;
        int w = bus.fetch32(cia);
        lastWord = w;
        return RvExecute.execute(this, w, cia);
    }

    /** True if word {@code w} ends a basic block: a branch, a jump, a system instruction, fence.i. */
    static boolean endsBlock(int w) {
        int op = w & 0x7f;
        return op == RvFormat.BRANCH || op == RvFormat.JAL || op == RvFormat.JALR || op == RvFormat.SYSTEM
                || op == RvFormat.MISC_MEM;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public void enter(long begin) {
        pc = begin;
    }

    @Override
    public long stopAddress(long until) {
        return until;
    }

    @Override
    public int instructionSize(long address) {
        return 4;
    }

    @Override
    public int blockSize(long address, long until) {
        return WordBlocks.size(bus, address, until, -1L, RvCore::endsBlock);
    }

    @Override
    public long runIdiom(long maxInstructions, long until) {
        return RvCopyIdiom.run(this, maxInstructions, until);
    }

    @Override
    public int exceptionNumber() {
        return exception;
    }

    @Override
    public String invalidDetail() {
        int w = lastWord;
        if ((w & 3) != 3) {
            return String.format("bytes %02x %02x (halfword 0x%04x) are a compressed (C) instruction, which the Java "
                    + "engine does not implement for %s (Unicorn runs them)", w & 0xff, w >>> 8 & 0xff, w & 0xffff, arch);
        }
        return String.format("bytes %02x %02x %02x %02x (word 0x%08x: opcode 0x%02x, funct3 %d) are not an "
                + "instruction the Java engine implements for %s", w & 0xff, w >>> 8 & 0xff, w >>> 16 & 0xff,
                w >>> 24, w, w & 0x7f, w >>> 12 & 7, arch);
    }

    @Override
    public long readRegister(Register register) {
        RiscvRegister r = (RiscvRegister) register;
        if (r.isInteger()) {
            return x[r.ordinal()];
        }
        switch (r) {
            case PC: return pc;
            case MHARTID: return 0;
            default: return csr.read(RvCsrNumbers.of(r));
        }
    }

    @Override
    public void writeRegister(Register register, long value) {
        RiscvRegister r = (RiscvRegister) register;
        if (r.isInteger()) {
            set(r.ordinal(), value);
        } else if (r == RiscvRegister.PC) {
            pc = value;
        } else if (r != RiscvRegister.MHARTID) {
            csr.write(RvCsrNumbers.of(r), value);
        }
    }

    @Override
    public int stateSize() {
        return STATE;
    }

    @Override
    public void save(long[] s) {
        System.arraycopy(x, 0, s, 0, 32);
        s[32] = pc;
        csr.save(s, 33);
    }

    @Override
    public void restore(long[] s) {
        System.arraycopy(s, 0, x, 0, 32);
        x[0] = 0;
        pc = s[32];
        csr.restore(s, 33);
    }
}
