package org.kexeclab.testkit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.ToIntFunction;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * One instruction set of an architecture as the engine contract suites drive it
 * ({@link CpuContractTest}, {@link CpuLifecycleContractTest}): its golden programs
 * ({@code /golden/engine/LABEL.golden}, see {@link GoldenPrograms}), which registers play which
 * role in them, how long a {@code nop} is, and the bits a run's address carries to select the
 * instruction set (32-bit ARM's Thumb: bit 0). Each arch module's tests define their modes.
 *
 * @param label                the mode's name and its golden file's ({@code x86_64}, {@code thumb}, ...)
 * @param arch                 the architecture whose CPU runs it
 * @param a                    arith operand and result; value stored by {@code store}; loop accumulator
 * @param b                    second arith operand; receives the first stored byte in {@code store}
 * @param c                    arith multiplier; loop counter
 * @param base                 address register of {@code store}
 * @param faultAddr            address register of {@code load_fault} / {@code store_fault}
 * @param nopSize              bytes in the leading {@code nop} of the fault, invalid and trap programs
 * @param entryBits            ORed into an address to run code there in this mode (0 for most)
 * @param generalRegisters     the general registers a context save and restore must keep
 * @param firstInstructionSize the size of the first instruction of a golden program
 */
public record EngineMode(String label, Arch arch, Register a, Register b, Register c, Register base,
                         Register faultAddr, int nopSize, long entryBits, List<Register> generalRegisters,
                         ToIntFunction<byte[]> firstInstructionSize) {

    /** Code is placed here; data pages follow. */
    public static final long CODE = 0x10000;
    /** A mapped data page. */
    public static final long DATA = 0x20000;
    /** Nothing is mapped here. */
    public static final long UNMAPPED = 0x7000_0000L;

    /** Copies the register list. */
    public EngineMode {
        generalRegisters = List.copyOf(generalRegisters);
    }

    /** The {@code begin} address to pass to {@link Cpu#run} to execute code at {@code address} in this mode. */
    public long entry(long address) {
        return address | entryBits;
    }

    /** All-ones in the mode's word. */
    public long wordMask() {
        return arch.wordSize() == 8 ? -1L : 0xffff_ffffL;
    }

    /** {@code value} as one word in the mode's byte order. */
    public byte[] word(long value) {
        ByteBuffer b = ByteBuffer.allocate(arch.wordSize()).order(arch.byteOrder());
        if (arch.wordSize() == 8) {
            b.putLong(value);
        } else {
            b.putInt((int) value);
        }
        return b.array();
    }

    /** Opens a CPU for the mode with code (rwx) and data (rw) pages mapped and {@code program} at {@link #CODE}. */
    public Cpu load(CpuEngine engine, byte[] program) {
        Cpu cpu = engine.open(arch);
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
        return cpu.run(entry(CODE), CODE + len, limits);
    }

    @Override
    public String toString() {
        return label;
    }
}
