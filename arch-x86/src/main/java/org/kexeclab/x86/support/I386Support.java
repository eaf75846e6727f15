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
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.x86.I386EntryProbe;
import org.kexeclab.x86.I386GdbTarget;
import org.kexeclab.x86.I386KernelRelocation;
import org.kexeclab.x86.I386MachineKexec;
import org.kexeclab.x86.I386Purgatory;
import org.kexeclab.x86.I386Register;
import org.kexeclab.x86.I386RelocateKernelCode;
import org.kexeclab.x86.I386RelocationStub;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Encoder;
import org.kexeclab.x86.X86Mode;
import org.kexeclab.x86.boot.X86ElfBoot;
import org.kexeclab.x86.interp.X86Isa;
import org.kexeclab.x86.qemu.PcBoard;
import org.kexeclab.x86.unicorn.I386UnicornTarget;

/**
 * Everything i386 (32-bit x86 in protected mode) to the rest of kexec-lab: found by
 * {@link org.kexeclab.arch.Arches}. It shares the x86 encoder (in 32-bit mode), the Java engine's
 * x86 core and the bzImage format with x86_64; the bzImage format is registered once, by
 * {@link X86_64Support}, and a parsed image names its own architecture from its setup header.
 */
public final class I386Support implements ArchSupport {
    /** The architecture: 32-bit x86, little-endian, 32-bit words. */
    public static final Arch ARCH = X86Arches.I386;
    /** {@code EM_386}. */
    private static final int EM_386 = 3;
    /** kexec-tools' {@code KEXEC_ARCH_386}. */
    private static final int KEXEC_ARCH_386 = 3;

    private final X86Encoder encoder = new X86Encoder(X86Mode.PROTECTED);
    private final MachineKexec machine = new I386MachineKexec();
    private final Purgatory purgatory = new I386Purgatory();
    private final ElfMachine elf = new ElfMachine(ARCH, EM_386, false, true, new X86ElfBoot(ARCH.name()));
    private final X86Isa isa = new X86Isa();
    private final PcBoard qemu = PcBoard.i386();
    private final I386UnicornTarget unicorn = new I386UnicornTarget();
    private final GdbTarget gdb = new I386GdbTarget();
    private final I386RelocateKernelCode relocationCode = new I386RelocateKernelCode();
    private final I386KernelRelocation kernelRelocation = new I386KernelRelocation(machine);

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 15;
    }

    /** Debian's name ({@code i386}) is the architecture's own; GNU's 686 triplet name and Intel's. */
    @Override
    public List<String> aliases() {
        return List.of("i686", "ia32");
    }

    @Override
    public String kernelFamily() {
        return "x86";
    }

    @Override
    public RegisterSet registers() {
        return I386Register.SET;
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
    public ElfMachine elf() {
        return elf;
    }

    @Override
    public int kexecArchCode() {
        return KEXEC_ARCH_386;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_386";
    }

    @Override
    public List<StubSource> stubSources() {
        Assembler asm = new Assembler(encoder, ByteOrder.LITTLE_ENDIAN);
        return List.of(
                new StubSource(I386RelocationStub.RESOURCE, I386RelocationStub.class, asm, Map.of()),
                new StubSource(I386EntryProbe.RESOURCE, I386EntryProbe.class, asm,
                        Map.of(I386EntryProbe.RECORD_SYMBOL, StandardMachine.PROBE_RECORD)),
                new StubSource(I386Purgatory.RESOURCE, I386Purgatory.class, asm, Map.of()),
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
