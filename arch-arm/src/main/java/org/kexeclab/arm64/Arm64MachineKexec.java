package org.kexeclab.arm64;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.DeviceTreeSegments;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.CountedLoop;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * arm64's {@code machine_kexec}: the stub {@code relocate_kernel_arm64.S} in the control page,
 * its {@link Arm64KexecData} block at the start of the machine's architecture area
 * ({@link StandardMachine#archArea()} of the layout it loads on), {@code x0} pointing
 * at the block, DAIF masked, and the old kernel's EL1 state (MMU off, as kexec-lab models the
 * switch, but data and instruction caches on, which the stub must turn off).
 *
 * <p>The dtb passed in {@code x0}: the {@code mem} of the last segment whose data starts with
 * the FDT magic {@code 0xd00dfeed} ({@link DeviceTreeSegments}, the rule arm's kernel applies
 * to its r2), else 0 when the image carries no device tree (the demo image does not).
 */
public final class Arm64MachineKexec implements MachineKexec {

    /** DAIF with D, A, I and F set (bits 9..6), as {@code local_daif_mask()} leaves it. */
    public static final long DAIF_MASKED = 0xfL << 6;
    /** SCTLR_EL1.M: MMU enable. */
    public static final long SCTLR_M = 1L;
    /** SCTLR_EL1.C: data cache enable. */
    public static final long SCTLR_C = 1L << 2;
    /** SCTLR_EL1.I: instruction cache enable. */
    public static final long SCTLR_I = 1L << 12;
    /** The old kernel's SCTLR_EL1: the engine's reset value with both caches enabled. */
    public static final long OLD_KERNEL_SCTLR = 0xc50838L | SCTLR_C | SCTLR_I;
    /**
     * Where {@link #prepare} writes the arch data block (the value of {@code x0} at the stub) on
     * the default machine; a machine at another RAM base has it at the same offset from there.
     */
    public static final long KEXEC_DATA = StandardMachine.ARCH_AREA;
    /** Bytes {@code copy_round} moves per round: four ldp/stp pairs of 16 bytes. */
    static final long COPY_ROUND = 64;

    @Override
    public Arch arch() {
        return ArmArches.ARM64;
    }

    /** Every instruction is 4 bytes and 4-byte aligned. */
    @Override
    public int entryAlignment(long entry) {
        return 4;
    }

    @Override
    public String stubName() {
        return Arm64RelocateKernel.RESOURCE;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        try {
            return Arm64RelocateKernel.assemble(controlPage);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the arm64 stub does not assemble: " + e.getMessage(), e);
        }
    }

    /**
     * The page copy and the cache clean after it, both from {@code kexec_copy_page}:
     * {@code copy_round} (four ldp, four stp, tst, b.ne) moves {@value #COPY_ROUND} bytes a round
     * until x12 reaches a page boundary, and {@code clean_line} (dc, add, cmp, b.lo) steps x19,
     * which starts at x13, by the cache line size in x15 until it is one page on.
     */
    @Override
    public List<CountedLoop> countedLoops(Stub stub) {
        long page = stub.symbol("PAGE_SIZE");
        return List.of(CountedLoop.of(stub, "kexec_copy_page", "copy_round", 10, cpu -> copyRounds(cpu, page)),
                CountedLoop.of(stub, "kexec_copy_page", "clean_line", 4, cpu -> cleanLines(cpu, page)));
    }

    /** Rounds until the source cursor x12 is page aligned; -1 if it never gets there. */
    static long copyRounds(Cpu cpu, long page) {
        long inPage = cpu.readRegister(Arm64Register.X12) & (page - 1);
        return (inPage & (COPY_ROUND - 1)) != 0 ? -1 : (page - inPage) / COPY_ROUND;
    }

    /** Cache lines of x15 bytes from x13 until one page on (at least one); -1 if x15 is 0 or the walk wraps. */
    static long cleanLines(Cpu cpu, long page) {
        long line = cpu.readRegister(Arm64Register.X15);
        long from = cpu.readRegister(Arm64Register.X13);
        if (line == 0 || Long.compareUnsigned(line, page) > 0 && Long.compareUnsigned(from + line, from) < 0
                || Long.compareUnsigned(from + page, from) < 0) {
            return -1;
        }
        return Long.compareUnsigned(line, page) >= 0 ? 1 : (page + line - 1) / line;
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        StandardMachine machine = StandardMachine.of(loaded.image().layout());
        new Arm64KexecData(loaded.image().entry(), dtb(loaded), loaded.head(), 0).writeTo(cpu, machine.archArea());
        cpu.writeRegister(Arm64Register.X0, machine.archArea());
        cpu.writeRegister(Arm64Register.SP, machine.stackTop());
        cpu.writeRegister(Arm64Register.SCTLR_EL1, OLD_KERNEL_SCTLR);
        cpu.writeRegister(Arm64Register.DAIF, DAIF_MASKED);
        return new KexecLaunch(stub, stub.symbol(Arm64RelocateKernel.ENTRY), control);
    }

    /** The device tree address handed to the new kernel in {@code x0} (0 when the image has none). */
    public static long dtb(LoadedImage loaded) {
        return Math.max(0, DeviceTreeSegments.lastWithFdtMagic(loaded.image()));
    }

    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        return List.of(
                new ExpectedRegister(Arm64Register.X0, dtb(loaded), "dtb physical address"),
                new ExpectedRegister(Arm64Register.X1, 0, "reserved, must be 0"),
                new ExpectedRegister(Arm64Register.X2, 0, "reserved, must be 0"),
                new ExpectedRegister(Arm64Register.X3, 0, "reserved, must be 0"),
                new ExpectedRegister(Arm64Register.DAIF, DAIF_MASKED, "debug, SError, IRQ and FIQ masked"));
    }

    @Override
    public List<Register> entryRegisters() {
        return List.of(Arm64Register.X0, Arm64Register.X1, Arm64Register.X2, Arm64Register.X3, Arm64Register.SP,
                Arm64Register.PC, Arm64Register.SCTLR_EL1, Arm64Register.DAIF, Arm64Register.CURRENT_EL);
    }

    /** MMU and data cache off (SCTLR_EL1.M and .C clear) and the pc at the entry point. */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long sctlr = cpu.readRegister(Arm64Register.SCTLR_EL1);
        if ((sctlr & SCTLR_M) != 0) {
            out.add(String.format("at entry SCTLR_EL1 = 0x%x has M set: the MMU must be off", sctlr));
        }
        if ((sctlr & SCTLR_C) != 0) {
            out.add(String.format("at entry SCTLR_EL1 = 0x%x has C set: the data cache must be off", sctlr));
        }
        long pc = cpu.readRegister(Arm64Register.PC);
        if (pc != loaded.image().entry()) {
            out.add(String.format("at entry pc = 0x%x, not the entry point 0x%x", pc, loaded.image().entry()));
        }
        return out;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return Arm64EntryProbe.assemble(entry, recordAddress);
    }
}
