package org.kexeclab.riscv.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.StubSource;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvEntryProbe;
import org.kexeclab.riscv.RiscvGdbTarget;
import org.kexeclab.riscv.RiscvImageLinkAddress;
import org.kexeclab.riscv.kernel.RiscvKernelRelocation;
import org.kexeclab.riscv.kernel.RiscvKexecRelocateCode;
import org.kexeclab.riscv.RiscvMachineKexec;
import org.kexeclab.riscv.RiscvPurgatory;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.riscv.RiscvRelocateKernel;
import org.kexeclab.riscv.RvEncoder;
import org.kexeclab.riscv.boot.RiscvElfBoot;
import org.kexeclab.riscv.boot.RiscvImageFormat;
import org.kexeclab.riscv.interp.RvIsa;
import org.kexeclab.riscv.qemu.Riscv64QemuMachine;
import org.kexeclab.riscv.unicorn.RiscvUnicornTarget;

/** Everything riscv64 to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class Riscv64Support implements ArchSupport {
    /** The architecture: RV64, little-endian, 64-bit words. */
    public static final Arch ARCH = RiscvArches.RISCV64;
    /** {@code EM_RISCV}. */
    private static final int EM_RISCV = 243;
    /** kexec-tools' {@code KEXEC_ARCH_RISCV}. */
    private static final int KEXEC_ARCH_RISCV = 243;

    private final RvEncoder encoder = new RvEncoder();
    private final MachineKexec machine = new RiscvMachineKexec();
    private final Purgatory purgatory = new RiscvPurgatory();
    private final List<KernelFormat> formats = List.of(new RiscvImageFormat());
    private final ElfMachine elf = new ElfMachine(ARCH, EM_RISCV, true, true, new RiscvElfBoot());
    private final RvIsa isa = new RvIsa();
    private final RiscvUnicornTarget unicorn = new RiscvUnicornTarget();
    private final GdbTarget gdb = new RiscvGdbTarget();
    private final Riscv64QemuMachine qemu = new Riscv64QemuMachine();
    private final RiscvImageLinkAddress linkAddress = new RiscvImageLinkAddress();
    private final RiscvKexecRelocateCode relocationCode = new RiscvKexecRelocateCode();
    private final RiscvKernelRelocation kernelRelocation = new RiscvKernelRelocation(machine);

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 70;
    }

    @Override
    public List<String> aliases() {
        return List.of("rv64");
    }

    @Override
    public RegisterSet registers() {
        return RiscvRegister.SET;
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
        return KEXEC_ARCH_RISCV;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_RISCV";
    }

    @Override
    public String kernelFamily() {
        return "riscv";
    }

    @Override
    public List<StubSource> stubSources() {
        Assembler asm = RiscvRelocateKernel.assembler();
        return List.of(
                new StubSource(RiscvRelocateKernel.RESOURCE, RiscvRelocateKernel.class, asm,
                        RiscvRelocateKernel.symbols()),
                new StubSource(RiscvEntryProbe.RESOURCE, RiscvEntryProbe.class, asm,
                        Map.of("PROBE_RECORD", StandardMachine.PROBE_RECORD)),
                new StubSource(RiscvPurgatory.RESOURCE, RiscvPurgatory.class, asm, Map.of()),
                Riscv64QemuMachine.trampolineSource());
    }

    @Override
    public Optional<GdbTarget> gdbTarget() {
        return Optional.of(gdb);
    }

    @Override
    public <T> Optional<T> binding(Class<T> type) {
        return ArchSupport.bindingOf(type, isa, unicorn, qemu, linkAddress, relocationCode, kernelRelocation);
    }
}
