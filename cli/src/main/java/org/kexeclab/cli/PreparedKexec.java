package org.kexeclab.cli;

import java.nio.file.Path;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;

/**
 * The machine {@code run} would prepare for the same options, prepared and not run: the demo
 * image or own segments, a real kernel with its purgatory, or a replayed {@code kexec -d} layout.
 * What {@code gdbserver} debugs, and where {@code asm} takes the address the stub runs from.
 *
 * @param run     the prepared run (close it)
 * @param plan    the real kernel's plan, or null
 * @param options the run's options
 */
record PreparedKexec(KexecRun run, LoadPlan plan, KexecOptions options) implements AutoCloseable {

    /**
     * Prepares on {@code engine} (null: the options' engine) what {@code run} with these options runs.
     *
     * @throws UsageException for options {@code run} refuses
     */
    static PreparedKexec prepare(Arch arch, ImageOptions image, KernelOptions kernel, Path kexecLog, CpuEngine engine)
            throws Exception {
        kernel.requireKernelForExtras();
        if (kexecLog != null) {
            if (kernel.given()) {
                throw new UsageException("--kexec-log and --kernel cannot be used together: the log is the layout");
            }
            kernel.refuseImageOptions(image);
            LogReplay replay = LogReplay.load(kexecLog, arch, kernel.mem, image);
            Arch a = replay.arch();
            return open(a, replay.loaded(), replay.options(), null, image, engine);
        }
        if (kernel.given()) {
            Arch a = kernel.arch(arch); // without --arch, the kernel file's
            kernel.refuseImageOptions(image);
            LoadPlan plan = kernel.plan(a);
            return open(a, kernel.load(plan, image), image.kexecOptions(), plan, image, engine);
        }
        if (arch == null) {
            throw new UsageException("--arch ARCH is required (" + HelpTexts.archOneOf() + ")");
        }
        if (kernel.mem != null) {
            throw new UsageException("--mem goes with --kernel or --kexec-log");
        }
        MachineKexec machine = Arches.support(arch).machineKexec();
        return open(arch, DemoRunner.load(machine, image, "demo"), image.kexecOptions(), null, image, engine);
    }

    private static PreparedKexec open(Arch arch, LoadedImage loaded, KexecOptions options, LoadPlan plan,
                                      ImageOptions image, CpuEngine engine) throws KexecLoadException {
        MachineKexec machine = Arches.support(arch).machineKexec();
        KexecRun run = KexecRun.prepare(machine, loaded, options, engine != null ? engine : image.cpuEngine(arch));
        return new PreparedKexec(run, plan, options);
    }

    Arch arch() {
        return run.loaded().image().arch();
    }

    @Override
    public void close() {
        run.close();
    }
}
