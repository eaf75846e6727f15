package org.kexeclab.arm;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
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
 * 32-bit arm's {@code machine_kexec}: the stub {@code relocate_kernel_arm.S} copied into the
 * control page with its 16-byte data block filled ({@code start}; the indirection page
 * {@code head & PAGE_MASK}, which is 0 for a crash image whose head is IND_DONE; the machine
 * type {@link #MACHINE_TYPE}; r2 from {@link #r2}), the CPU in SVC mode with IRQ and FIQ
 * masked in ARM state, and the stub entered at its first instruction.
 */
public final class ArmMachineKexec implements MachineKexec {

    /**
     * The machine type passed in r1: {@code ~0}, the number a device-tree-only board
     * ({@code DT_MACHINE_START}) carries, so what a modern kernel booted from a DTB passes on.
     */
    public static final long MACHINE_TYPE = 0xffff_ffffL;
    /** Offset of a zImage's entry from the start of RAM the kernel assumes ({@code KEXEC_ARM_ZIMAGE_OFFSET}). */
    public static final long ZIMAGE_OFFSET = 0x8000;
    /** Offset of the ATAGS from that start of RAM ({@code KEXEC_ARM_ATAGS_OFFSET}). */
    public static final long ATAGS_OFFSET = 0x1000;
    /** CPSR mode field value of SVC mode. */
    public static final long MODE_SVC = 0x13;
    /** CPSR mode field value of HYP mode (allowed at entry on CPUs with the virtualization extensions). */
    public static final long MODE_HYP = 0x1a;
    /** CPSR.F, CPSR.I: FIQ and IRQ masked. */
    public static final long CPSR_F_I = 0xc0;
    /** CPSR.T: Thumb state. */
    public static final long CPSR_T = 1L << 5;
    /** The old kernel's CPSR when it jumps to the stub: SVC mode, IRQ and FIQ masked, ARM state. */
    public static final long OLD_KERNEL_CPSR = MODE_SVC | CPSR_F_I;
    /** The words of one page, the count {@code relocate_kernel_arm.S} moves into r6 before its copy loop. */
    static final long COPY_WORDS = 1024;

    @Override
    public Arch arch() {
        return ArmArches.ARM;
    }

    /**
     * An even entry starts in ARM state, where every instruction is 4 bytes and 4-byte
     * aligned; an odd one selects Thumb state at {@code entry - 1}, which is always 2-byte
     * aligned, as Thumb needs.
     */
    @Override
    public int entryAlignment(long entry) {
        return (entry & 1) != 0 ? 1 : 4;
    }

    @Override
    public String stubName() {
        return ArmRelocateKernel.RESOURCE;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        try {
            return ArmRelocateKernel.assemble(controlPage);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the arm stub does not assemble: " + e.getMessage(), e);
        }
    }

    /**
     * The word copy: from {@code kexec_copy_page} the stub loads {@value #COPY_WORDS} into r6 and
     * {@code copy_word} (ldr, str, subs, bne) runs that many times.
     */
    @Override
    public List<CountedLoop> countedLoops(Stub stub) {
        return List.of(CountedLoop.of(stub, "kexec_copy_page", "copy_word", 4, CountedLoop.fixed(COPY_WORDS)));
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        Stub stub = ArmRelocateKernel.withData(assembleStub(control), loaded.image().entry(),
                indirectionPage(loaded), MACHINE_TYPE, r2(loaded));
        cpu.write(control, stub.bytes());
        cpu.writeRegister(ArmRegister.CPSR, OLD_KERNEL_CPSR);
        cpu.writeRegister(ArmRegister.sp(), StandardMachine.of(loaded.image().layout()).stackTop());
        return new KexecLaunch(stub, stub.symbol(ArmRelocateKernel.ENTRY), control);
    }

    /** {@code head & PAGE_MASK}: the page the walk reads its first entry from; 0 when head is IND_DONE (crash). */
    public static long indirectionPage(LoadedImage loaded) {
        return loaded.head() & ~(long) (loaded.image().pageSize() - 1) & 0xffff_ffffL;
    }

    /**
     * The value for r2: the last segment whose data starts with the FDT magic, else the ATAGS
     * address the kernel assumes, {@code start - 0x8000 + 0x1000} (32-bit).
     */
    public static long r2(LoadedImage loaded) {
        long fdt = DeviceTreeSegments.lastWithFdtMagic(loaded.image());
        return fdt >= 0 ? fdt : (loaded.image().entry() - ZIMAGE_OFFSET + ATAGS_OFFSET) & 0xffff_ffffL;
    }

    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        return List.of(
                new ExpectedRegister(ArmRegister.R0, 0, "must be 0"),
                new ExpectedRegister(ArmRegister.R1, MACHINE_TYPE, "machine type"),
                new ExpectedRegister(ArmRegister.R2, r2(loaded), "ATAGS or DTB physical address"));
    }

    @Override
    public List<Register> entryRegisters() {
        return List.of(ArmRegister.R0, ArmRegister.R1, ArmRegister.R2, ArmRegister.sp(), ArmRegister.pc(),
                ArmRegister.CPSR);
    }

    /** Thumb state iff the entry is odd, the pc at the entry (bit 0 dropped), SVC or HYP mode, IRQ and FIQ masked. */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long entry = loaded.image().entry();
        long cpsr = cpu.readRegister(ArmRegister.CPSR);
        boolean thumb = (cpsr & CPSR_T) != 0;
        if (thumb != ((entry & 1) != 0)) {
            out.add(String.format("at entry CPSR = 0x%x is in %s state, but the entry point 0x%x asks for %s",
                    cpsr, thumb ? "Thumb" : "ARM", entry, (entry & 1) != 0 ? "Thumb" : "ARM"));
        }
        long pc = cpu.readRegister(ArmRegister.pc());
        if (pc != (entry & ~1L)) {
            out.add(String.format("at entry pc = 0x%x, not the entry point 0x%x", pc, entry & ~1L));
        }
        long mode = cpsr & 0x1f;
        if (mode != MODE_SVC && mode != MODE_HYP || (cpsr & CPSR_F_I) != CPSR_F_I) {
            out.add(String.format("at entry CPSR = 0x%x: the kernel must start in SVC or HYP mode with IRQ and "
                    + "FIQ masked", cpsr));
        }
        return out;
    }

    /** The probe is A32 code: there is none for an odd entry, which starts in Thumb state. */
    @Override
    public boolean hasEntryProbe(long entry) {
        return (entry & 1) == 0;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return ArmEntryProbe.assemble(entry, recordAddress, MACHINE_TYPE);
    }
}
