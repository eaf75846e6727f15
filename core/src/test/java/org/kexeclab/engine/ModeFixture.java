package org.kexeclab.engine;

import java.nio.ByteBuffer;
import org.kexeclab.Arch;

/**
 * What the contract tests need to know about a mode to drive its golden programs: which
 * registers play which role and how long a {@code nop} is.
 *
 * @param mode      the execution mode
 * @param a         arith operand and result; value stored by {@code store}; loop accumulator
 * @param b         second arith operand; receives the first stored byte in {@code store}
 * @param c         arith multiplier; loop counter
 * @param base      address register of {@code store}
 * @param faultAddr address register of {@code load_fault} / {@code store_fault}
 * @param nopSize   bytes in the leading {@code nop} of the fault, invalid and trap programs
 */
public record ModeFixture(ExecutionMode mode, Register a, Register b, Register c, Register base,
                          Register faultAddr, int nopSize) {

    /** Code is placed here; data pages follow. */
    public static final long CODE = 0x10000;
    /** A mapped data page. */
    public static final long DATA = 0x20000;
    /** Nothing is mapped here. */
    public static final long UNMAPPED = 0x7000_0000L;

    /** The fixture of {@code mode}. */
    public static ModeFixture of(ExecutionMode mode) {
        switch (mode) {
            case X86_64:
                return new ModeFixture(mode, X86Register.RAX, X86Register.RBX, X86Register.RCX, X86Register.RDX,
                        X86Register.RBX, 1);
            case ARM64:
                return new ModeFixture(mode, Arm64Register.X0, Arm64Register.X1, Arm64Register.X2,
                        Arm64Register.X3, Arm64Register.X1, 4);
            case ARM:
            case THUMB:
                return new ModeFixture(mode, ArmRegister.R0, ArmRegister.R1, ArmRegister.R2, ArmRegister.R3,
                        ArmRegister.R1, mode.thumb() ? 2 : 4);
            case PPC32:
            case PPC64:
                return new ModeFixture(mode, PpcRegister.R3, PpcRegister.R4, PpcRegister.R5, PpcRegister.R6,
                        PpcRegister.R4, 4);
            default:
                throw new IllegalArgumentException("no fixture for " + mode);
        }
    }

    /** The mode's architecture. */
    public Arch arch() {
        return mode.arch();
    }

    /** All-ones in the mode's word. */
    public long wordMask() {
        return arch().wordSize() == 8 ? -1L : 0xffff_ffffL;
    }

    /** {@code value} as one word in the mode's byte order. */
    public byte[] word(long value) {
        ByteBuffer b = ByteBuffer.allocate(arch().wordSize()).order(arch().byteOrder());
        if (arch().wordSize() == 8) {
            b.putLong(value);
        } else {
            b.putInt((int) value);
        }
        return b.array();
    }

    /** Opens a CPU for the mode with code (rwx) and data (rw) pages mapped and {@code program} at {@link #CODE}. */
    public Cpu load(CpuEngine engine, byte[] program) {
        Cpu cpu = engine.open(arch());
        try {
            cpu.map(CODE, 0x1000, Perm.ALL);
            cpu.map(DATA, 0x2000, Perm.READ | Perm.WRITE);
            cpu.write(CODE, program);
            return cpu;
        } catch (RuntimeException e) {
            cpu.close();
            throw e;
        }
    }

    /** {@link Cpu#run} of {@code len} bytes of code at {@link #CODE}, in this mode, until the end. */
    public RunResult runAll(Cpu cpu, int len, RunLimits limits) {
        return cpu.run(mode.entry(CODE), CODE + len, limits);
    }
}
