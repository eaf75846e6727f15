package org.kexeclab.x86.support;

import java.nio.ByteOrder;
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
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Encoder;
import org.kexeclab.x86.X86EntryProbe;
import org.kexeclab.x86.X86KernelRelocation;
import org.kexeclab.x86.X86Register;
import org.kexeclab.x86.X86RelocateKernelCode;
import org.kexeclab.x86.X86RelocationStub;
import org.kexeclab.x86.X86_64MachineKexec;
import org.kexeclab.x86.X86_64Purgatory;
import org.kexeclab.x86.boot.BzImageFormat;
import org.kexeclab.x86.boot.X86CrashKernelRules;
import org.kexeclab.x86.boot.X86ElfBoot;
import org.kexeclab.x86.interp.X86Isa;
import org.kexeclab.x86.qemu.PcBoard;
import org.kexeclab.x86.unicorn.X86UnicornTarget;
import org.kexeclab.x86.X86_64GdbTarget;

/** Everything x86_64 to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class X86_64Support implements ArchSupport {
    /** The architecture: x86-64, little-endian, 64-bit words. */
    public static final Arch ARCH = X86Arches.X86_64;
    /** {@code EM_X86_64}. */
    private static final int EM_X86_64 = 62;
    /** kexec-tools' {@code KEXEC_ARCH_X86_64}. */
    private static final int KEXEC_ARCH_X86_64 = 62;

    private final X86Encoder encoder = new X86Encoder();
    private final GdbTarget gdb = new X86_64GdbTarget();
    private final MachineKexec machine = new X86_64MachineKexec();
    private final Purgatory purgatory = new X86_64Purgatory();
    private final List<KernelFormat> formats = List.of(new BzImageFormat());
    private final CrashKernelRules crash = new X86CrashKernelRules();
    private final ElfMachine elf = new ElfMachine(ARCH, EM_X86_64, true, true, new X86ElfBoot(ARCH.name()));
    private final X86Isa isa = new X86Isa();
    private final PcBoard qemu = PcBoard.x86_64();
    private final X86UnicornTarget unicorn = new X86UnicornTarget();
    private final X86RelocateKernelCode relocationCode = new X86RelocateKernelCode();
    private final X86KernelRelocation kernelRelocation = new X86KernelRelocation(machine);

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public List<String> aliases() {
        return List.of("amd64", "x86-64");
    }

    @Override
    public String kernelFamily() {
        return "x86";
    }

    @Override
    public RegisterSet registers() {
        return X86Register.SET;
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
        return KEXEC_ARCH_X86_64;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_X86_64";
    }

    @Override
    public List<StubSource> stubSources() {
        Assembler asm = new Assembler(encoder, ByteOrder.LITTLE_ENDIAN);
        return List.of(
                new StubSource(X86RelocationStub.RESOURCE, X86RelocationStub.class, asm, Map.of()),
                new StubSource(X86EntryProbe.RESOURCE, X86EntryProbe.class, asm,
                        Map.of(X86EntryProbe.RECORD_SYMBOL, StandardMachine.PROBE_RECORD)),
                new StubSource(X86_64Purgatory.RESOURCE, X86_64Purgatory.class, asm, Map.of()),
                qemu.trampolineSource());
    }

    @Override
    public Optional<GdbTarget> gdbTarget() {
        return Optional.of(gdb);
    }

    @Override
    public <T> Optional<T> binding(Class<T> type) {
        return ArchSupport.bindingOf(type, isa, unicorn, relocationCode, kernelRelocation, qemu);
    }
}
