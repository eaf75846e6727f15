package org.kexeclab.panic;

import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;

/**
 * A crash image loaded into its reservation, and {@code machine_kexec} on it run by
 * {@link KexecRun} in the CPU emulator: the architecture's relocation stub finds
 * {@code head == IND_DONE}, copies nothing and jumps to the entry, where the entry probe
 * checks the boot protocol.
 */
public final class EmulatedCrashKernel implements CrashKernel {
    private final MachineKexec machine;
    private final LoadedImage crashImage;
    private final CpuEngine engine;
    private final KexecOptions options;

    /**
     * A crash kernel from an already loaded crash image.
     *
     * @throws IllegalArgumentException if the image is not a crash image
     */
    public EmulatedCrashKernel(MachineKexec machine, LoadedImage crashImage, CpuEngine engine, KexecOptions options) {
        if (crashImage.image().type() != ImageType.CRASH) {
            throw new IllegalArgumentException("__crash_kexec only ever jumps into a crash image (kexec -p), not a "
                    + crashImage.image().type() + " image");
        }
        this.machine = machine;
        this.crashImage = crashImage;
        this.engine = engine;
        this.options = options;
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
            return CrashKernelEntry.of(run.execute(), head());
        } catch (EngineUnavailableException e) {
            return CrashKernelEntry.notRun(arch(), entry(), head(), e.getMessage());
        }
    }
}
