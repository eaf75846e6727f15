package org.kexeclab.ppc.support;

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
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.ppc.PpcEncoder;
import org.kexeclab.ppc.PpcGdbTarget;
import org.kexeclab.ppc.PpcEntryProbes;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.ppc.boot.Ppc64CrashKernelRules;
import org.kexeclab.ppc.boot.PpcElfBoot;
import org.kexeclab.ppc.interp.PpcIsa;
import org.kexeclab.ppc.unicorn.PpcUnicornTarget;

/**
 * What the three PowerPC architectures share as {@link ArchSupport}s: one encoder per word
 * size, ELF vmlinux booted with a device tree ({@link PpcElfBoot}), three sources each (the
 * relocation code, the entry probe, the purgatory). {@link Ppc32Support}, {@link Ppc64Support}
 * and {@link Ppc64LeSupport} fill in the rest.
 */
abstract class PpcSupport implements ArchSupport {
    private final Arch arch;
    private final int rank;
    private final int kexecArchCode;
    private final PpcEncoder encoder;
    private final MachineKexec machine;
    private final Purgatory purgatory;
    private final ElfMachine elf;
    private final PpcIsa isa = new PpcIsa();
    private final PpcUnicornTarget unicorn;
    private final String relocationSource;
    private final Class<?> relocationOwner;
    private final Object[] bindings;
    private final GdbTarget gdb;

    PpcSupport(Arch arch, int rank, int elfMachine, int kexecArchCode, MachineKexec machine, Purgatory purgatory,
               String relocationSource, Class<?> relocationOwner, Object... moreBindings) {
        this.arch = arch;
        this.rank = rank;
        this.kexecArchCode = kexecArchCode;
        this.encoder = PpcEncoder.forArch(arch);
        this.machine = machine;
        this.purgatory = purgatory;
        this.elf = new ElfMachine(arch, elfMachine, arch.wordSize() == 8,
                arch.byteOrder() == ByteOrder.LITTLE_ENDIAN, new PpcElfBoot(arch));
        this.unicorn = new PpcUnicornTarget(arch);
        this.gdb = new PpcGdbTarget(arch);
        this.relocationSource = relocationSource;
        this.relocationOwner = relocationOwner;
        this.bindings = new Object[moreBindings.length + 2];
        bindings[0] = isa;
        bindings[1] = unicorn;
        System.arraycopy(moreBindings, 0, bindings, 2, moreBindings.length);
    }

    @Override
    public final Arch arch() {
        return arch;
    }

    @Override
    public final int rank() {
        return rank;
    }

    @Override
    public final RegisterSet registers() {
        return PpcRegister.SET;
    }

    @Override
    public final InstructionEncoder encoder() {
        return encoder;
    }

    @Override
    public final MachineKexec machineKexec() {
        return machine;
    }

    @Override
    public final Optional<Purgatory> purgatory() {
        return Optional.of(purgatory);
    }

    /** ppc64's and ppc64le's kdump facts; ppc32's crash loads are not modelled. */
    @Override
    public final Optional<CrashKernelRules> crashKernel() {
        return arch.wordSize() == 8 ? Optional.of(new Ppc64CrashKernelRules()) : Optional.empty();
    }

    @Override
    public final ElfMachine elf() {
        return elf;
    }

    @Override
    public final int kexecArchCode() {
        return kexecArchCode;
    }

    @Override
    public final String kernelFamily() {
        return "powerpc";
    }

    @Override
    public final List<StubSource> stubSources() {
        Assembler asm = new Assembler(encoder, arch.byteOrder());
        return List.of(
                new StubSource(relocationSource, relocationOwner, asm, Map.of()),
                new StubSource(PpcEntryProbes.source(arch), PpcEntryProbes.class, asm,
                        Map.of(PpcEntryProbes.RECORD_SYMBOL, StandardMachine.PROBE_RECORD)),
                new StubSource(purgatory.sourceName(), purgatory.getClass(), asm, Map.of()));
    }

    @Override
    public final Optional<GdbTarget> gdbTarget() {
        return Optional.of(gdb);
    }

    @Override
    public final <T> Optional<T> binding(Class<T> type) {
        return ArchSupport.bindingOf(type, bindings);
    }
}
