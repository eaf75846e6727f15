package org.kexeclab.panic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;

/**
 * A crash image loaded into its reservation, and {@code machine_kexec} on it run by
 * {@link KexecRun} in the CPU emulator: the architecture's relocation stub finds
 * {@code head == IND_DONE}, copies nothing and jumps to the entry, where the entry probe
 * checks the boot protocol. A real kernel loaded as {@code kexec -p} loads it enters at its
 * purgatory instead: the run then follows the purgatory to the kernel's entry
 * ({@link KernelEntryLeg}) and checks the boot registers there.
 */
public final class EmulatedCrashKernel implements CrashKernel {
    private final MachineKexec machine;
    private final LoadedImage crashImage;
    private final CpuEngine engine;
    private final KexecOptions options;
    private final long kernelEntry;
    private final Map<String, Long> bootRegisters;

    /**
     * A crash kernel from an already loaded crash image.
     *
     * @throws IllegalArgumentException if the image is not a crash image
     */
    public EmulatedCrashKernel(MachineKexec machine, LoadedImage crashImage, CpuEngine engine, KexecOptions options) {
        this(machine, crashImage, engine, options, -1, Map.of());
    }

    private EmulatedCrashKernel(MachineKexec machine, LoadedImage crashImage, CpuEngine engine, KexecOptions options,
                                long kernelEntry, Map<String, Long> bootRegisters) {
        if (crashImage.image().type() != ImageType.CRASH) {
            throw new IllegalArgumentException("__crash_kexec only ever jumps into a crash image (kexec -p), not a "
                    + crashImage.image().type() + " image");
        }
        this.machine = machine;
        this.crashImage = crashImage;
        this.engine = engine;
        this.options = options;
        this.kernelEntry = kernelEntry;
        this.bootRegisters = Collections.unmodifiableMap(new LinkedHashMap<>(bootRegisters));
    }

    /**
     * A real kernel's crash image, loaded as {@code kexec -p} loads it: its entry is the
     * purgatory, which must reach {@code kernelEntry} with {@code bootRegisters} (lower-case
     * names, in the plan's order).
     *
     * @throws IllegalArgumentException if the image is not a crash image
     */
    public static EmulatedCrashKernel kernel(MachineKexec machine, LoadedImage crashImage, CpuEngine engine,
                                             KexecOptions options, long kernelEntry, Map<String, Long> bootRegisters) {
        return new EmulatedCrashKernel(machine, crashImage, engine, options, kernelEntry, bootRegisters);
    }

    /**
     * The built-in demo image's crash variant ({@link DemoImage#build(MachineKexec, boolean)}),
     * loaded as {@code kexec -p} would load it.
     *
     * @throws KexecLoadException if the kernel's load checks refuse it
     */
    public static EmulatedCrashKernel demo(MachineKexec machine, CpuEngine engine) throws KexecLoadException {
        KexecImage image = DemoImage.build(machine, true);
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine.controlPages()));
        return new EmulatedCrashKernel(machine, loaded, engine, KexecOptions.defaults());
    }

    @Override
    public Arch arch() {
        return machine.arch();
    }

    @Override
    public long entry() {
        return crashImage.image().entry();
    }

    @Override
    public long head() {
        return crashImage.head();
    }

    @Override
    public CrashKernelEntry machineKexec() {
        try (KexecRun run = KexecRun.prepare(machine, crashImage, options, engine)) {
            KexecOutcome o = run.execute();
            if (kernelEntry < 0 || !o.reachedEntry()) {
                return CrashKernelEntry.of(o, head());
            }
            return throughPurgatory(o, KernelEntryLeg.follow(run, kernelEntry, bootRegisters));
        } catch (EngineUnavailableException e) {
            return CrashKernelEntry.notRun(arch(), entry(), head(), e.getMessage());
        }
    }

    /** The entry at the kernel's entry point after the purgatory's leg: its registers, both runs' failures. */
    private CrashKernelEntry throughPurgatory(KexecOutcome relocation, KernelEntryLeg.Outcome leg) {
        List<String> failures = new ArrayList<>(relocation.failures());
        failures.addAll(leg.failures());
        boolean entered = leg.run().reachedUntil();
        return new CrashKernelEntry(arch(), entered, entered && failures.isEmpty(), kernelEntry, head(),
                leg.registers(), relocation.instructions(), relocation.pagesCopied(), failures);
    }
}
