package org.kexeclab.arm.support;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.boot.DeviceTreeElfBoot;
import org.kexeclab.arm.unicorn.Arm64UnicornTarget;
import org.kexeclab.arm64.A64Encoder;
import org.kexeclab.arm64.Arm64EntryProbe;
import org.kexeclab.arm64.Arm64ImageLinkAddress;
import org.kexeclab.arm64.Arm64KernelRelocation;
import org.kexeclab.arm64.Arm64KexecData;
import org.kexeclab.arm64.Arm64MachineKexec;
import org.kexeclab.arm64.Arm64Purgatory;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.arm64.Arm64RelocateKernel;
import org.kexeclab.arm64.Arm64RelocateNewKernelCode;
import org.kexeclab.arm64.boot.Arm64CrashKernelRules;
import org.kexeclab.arm64.boot.Arm64ImageFormat;
import org.kexeclab.arm64.interp.A64Isa;
import org.kexeclab.arm64.qemu.Arm64QemuMachine;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.StubSource;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.arm64.Arm64GdbTarget;

/** Everything arm64 to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class Arm64Support implements ArchSupport {
    /** The architecture: AArch64, little-endian, 64-bit words. */
    public static final Arch ARCH = ArmArches.ARM64;
    /** {@code EM_AARCH64}. */
    private static final int EM_AARCH64 = 183;
    /** kexec-tools' {@code KEXEC_ARCH_ARM64}. */
    private static final int KEXEC_ARCH_ARM64 = 183;

    private final A64Encoder encoder = new A64Encoder();
    private final GdbTarget gdb = new Arm64GdbTarget();
    private final MachineKexec machine = new Arm64MachineKexec();
    private final Purgatory purgatory = new Arm64Purgatory();
    private final List<KernelFormat> formats = List.of(new Arm64ImageFormat());
    private final CrashKernelRules crash = new Arm64CrashKernelRules();
    private final ElfMachine elf = new ElfMachine(ARCH, EM_AARCH64, true, true, DeviceTreeElfBoot.arm64(ARCH));
    private final A64Isa isa = new A64Isa();
    private final Arm64UnicornTarget unicorn = new Arm64UnicornTarget();

    private final Arm64ImageLinkAddress linkAddress = new Arm64ImageLinkAddress();
    private final Arm64RelocateNewKernelCode relocationCode = new Arm64RelocateNewKernelCode();
    private final Arm64KernelRelocation kernelRelocation = new Arm64KernelRelocation(machine);
    private final Arm64QemuMachine qemu = new Arm64QemuMachine();

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public List<String> aliases() {
        return List.of("aarch64");
    }

    @Override
    public RegisterSet registers() {
        return Arm64Register.SET;
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
    public Optional<CrashKernelRules> crashKernel() {
        return Optional.of(crash);
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
        return KEXEC_ARCH_ARM64;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_AARCH64";
    }

    @Override
    public String kernelFamily() {
        return "arm64";
    }

    @Override
    public List<StubSource> stubSources() {
        Assembler asm = new Assembler(encoder, ByteOrder.LITTLE_ENDIAN);
        return List.of(
                new StubSource(Arm64RelocateKernel.RESOURCE, Arm64RelocateKernel.class, asm, Arm64KexecData.symbols()),
                new StubSource(Arm64EntryProbe.RESOURCE, Arm64EntryProbe.class, asm,
                        Map.of("PROBE_RECORD", StandardMachine.PROBE_RECORD)),
                new StubSource(Arm64Purgatory.RESOURCE, Arm64Purgatory.class, asm, Map.of()),
                Arm64QemuMachine.trampolineSource());
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
