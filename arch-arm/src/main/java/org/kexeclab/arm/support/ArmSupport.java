package org.kexeclab.arm.support;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.arm.A32Encoder;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmEntryProbe;
import org.kexeclab.arm.ArmImageLinkAddress;
import org.kexeclab.arm.ArmKernelRelocation;
import org.kexeclab.arm.ArmMachineKexec;
import org.kexeclab.arm.ArmPurgatory;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.arm.ArmRelocateKernel;
import org.kexeclab.arm.ArmRelocateNewKernelCode;
import org.kexeclab.arm.boot.DeviceTreeElfBoot;
import org.kexeclab.arm.boot.ZImageFormat;
import org.kexeclab.arm.interp.A32Isa;
import org.kexeclab.arm.qemu.ArmQemuMachine;
import org.kexeclab.arm.unicorn.ArmUnicornTarget;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.StubSource;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.arm.ArmGdbTarget;

/** Everything 32-bit arm to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class ArmSupport implements ArchSupport {
    /** The architecture: 32-bit ARM (A32, with Thumb entry), little-endian. */
    public static final Arch ARCH = ArmArches.ARM;
    /** {@code EM_ARM}. */
    private static final int EM_ARM = 40;
    /** kexec-tools' {@code KEXEC_ARCH_ARM}. */
    private static final int KEXEC_ARCH_ARM = 40;
    /** CPSR's T bit: Thumb state. */
    private static final long CPSR_T = 0x20;

    private final A32Encoder encoder = new A32Encoder();
    private final GdbTarget gdb = new ArmGdbTarget();
    private final MachineKexec machine = new ArmMachineKexec();
    private final Purgatory purgatory = new ArmPurgatory();
    private final List<KernelFormat> formats = List.of(new ZImageFormat());
    private final ElfMachine elf = new ElfMachine(ARCH, EM_ARM, false, true, DeviceTreeElfBoot.arm(ARCH));
    private final A32Isa isa = new A32Isa();
    private final ArmUnicornTarget unicorn = new ArmUnicornTarget();

    private final ArmImageLinkAddress linkAddress = new ArmImageLinkAddress();
    private final ArmRelocateNewKernelCode relocationCode = new ArmRelocateNewKernelCode();
    private final ArmKernelRelocation kernelRelocation = new ArmKernelRelocation(machine);
    private final ArmQemuMachine qemu = new ArmQemuMachine();

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 30;
    }

    @Override
    public RegisterSet registers() {
        return ArmRegister.SET;
    }

    /** {@code pc}, with bit 0 set in Thumb state (CPSR.T): how a run selects Thumb. */
    @Override
    public long runAddress(Cpu cpu, long pc) {
        return (cpu.readRegister(ArmRegister.CPSR) & CPSR_T) != 0 ? pc | 1 : pc;
    }

    /** Debian's port name. */
    @Override
    public List<String> aliases() {
        return List.of("armhf");
    }

    @Override
    public InstructionEncoder encoder() {
        return encoder;
    }

    @Override
    public MachineKexec machineKexec() {
        return machine;
    }

    @Override
    public Optional<Purgatory> purgatory() {
        return Optional.of(purgatory);
    }

    @Override
    public List<KernelFormat> kernelFormats() {
        return formats;
    }

    @Override
    public ElfMachine elf() {
        return elf;
    }

    @Override
    public int kexecArchCode() {
        return KEXEC_ARCH_ARM;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_ARM";
    }

    @Override
    public String kernelFamily() {
        return "arm";
    }

    @Override
    public List<StubSource> stubSources() {
        Assembler asm = new Assembler(encoder, ByteOrder.LITTLE_ENDIAN);
        return List.of(
                new StubSource(ArmRelocateKernel.RESOURCE, ArmRelocateKernel.class, asm, Map.of()),
                new StubSource(ArmEntryProbe.RESOURCE, ArmEntryProbe.class, asm,
                        Map.of("PROBE_RECORD", StandardMachine.PROBE_RECORD, "MACH_TYPE", ArmMachineKexec.MACHINE_TYPE)),
                new StubSource(ArmPurgatory.RESOURCE, ArmPurgatory.class, asm, Map.of()),
                ArmQemuMachine.trampolineSource());
    }

    @Override
    public Optional<GdbTarget> gdbTarget() {
        return Optional.of(gdb);
    }

    @Override
    public <T> Optional<T> binding(Class<T> type) {
        return ArchSupport.bindingOf(type, isa, unicorn, linkAddress, relocationCode, kernelRelocation, qemu);
    }
}
