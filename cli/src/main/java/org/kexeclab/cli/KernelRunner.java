package org.kexeclab.cli;

import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;

/**
 * Runs a planned real-kernel load: relocation by the stub to the purgatory, then the
 * purgatory's leg to the kernel entry with the boot registers checked; or a replayed
 * {@code kexec -d} layout, relocation only.
 */
final class KernelRunner {
    /**
     * What a kernel run did.
     *
     * @param relocation the stub's run, verified byte by byte
     * @param leg        the purgatory's run to the kernel entry, or null if relocation did not reach the purgatory
     */
    record Outcome(KexecOutcome relocation, KernelEntryLeg.Outcome leg) {
        boolean verified() {
            return relocation.verified() && leg != null && leg.verified();
        }

        /** The first failed check's sentence, or null when verified. */
        String failure() {
            if (!relocation.verified() || leg == null) {
                return relocation.failure();
            }
            return leg.verified() ? null : leg.failures().get(0);
        }
    }

    private KernelRunner() {
    }

    /** Relocates {@code loaded}, the load of {@code plan}, and follows the purgatory to the kernel entry. */
    static Outcome run(LoadPlan plan, LoadedImage loaded, ImageOptions options, StatusLine progress) {
        return run(Arches.support(plan.image().arch()).machineKexec(), plan, loaded, options, progress);
    }

    /** As {@link #run(LoadPlan, LoadedImage, ImageOptions, StatusLine)}, relocating with {@code machine}. */
    static Outcome run(MachineKexec machine, LoadPlan plan, LoadedImage loaded, ImageOptions options,
                       StatusLine progress) {
        return run(machine, plan, loaded, options, progress, null, null);
    }

    /**
     * As {@link #run(MachineKexec, LoadPlan, LoadedImage, ImageOptions, StatusLine)}, also
     * counting, when not null, the stub's loads and stores into {@code stub} and the purgatory's
     * instructions, loads and stores into {@code purgatory}.
     */
    @SuppressWarnings("try") // the bar and the counters are resources for their close(), which detaches them
    static Outcome run(MachineKexec machine, LoadPlan plan, LoadedImage loaded, ImageOptions options,
                       StatusLine progress, MemoryStats stub, PurgatoryStats purgatory) {
        Arch arch = plan.image().arch();
        try (KexecRun run = KexecRun.prepare(machine, loaded, options.kexecOptions(), options.cpuEngine(arch));
             ProgressBar bar = ProgressBar.attach(run, arch, progress, stub == null ? "relocating on"
                     : "counting loads and stores on");
             MemoryStats.Attached stubCounting = stub == null ? null : stub.attach(run);
             PurgatoryStats.Attached purgatoryCounting = purgatory == null ? null
                     : purgatory.attach(run, plan.purgatoryStub().orElse(null))) {
            KexecOutcome relocation = run.execute();
            KernelEntryLeg.Outcome leg = relocation.reachedEntry()
                    ? KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters()) : null;
            return new Outcome(relocation, leg);
        }
    }

    /** Relocates a replayed log's image (generated contents) and verifies it; there is no purgatory leg. */
    static KexecOutcome replay(LogReplay replay, ImageOptions options, StatusLine progress) {
        return replay(Arches.support(replay.arch()).machineKexec(), replay, options, progress);
    }

    /** As {@link #replay(LogReplay, ImageOptions, StatusLine)}, relocating with {@code machine}. */
    static KexecOutcome replay(MachineKexec machine, LogReplay replay, ImageOptions options, StatusLine progress) {
        return replay(machine, replay, options, progress, null);
    }

    /**
     * As {@link #replay(MachineKexec, LogReplay, ImageOptions, StatusLine)}; {@code stats}, when not
     * null, counts the stub's loads and stores.
     */
    @SuppressWarnings("try") // the bar and the counter are resources for their close(), which detaches them
    static KexecOutcome replay(MachineKexec machine, LogReplay replay, ImageOptions options, StatusLine progress,
                               MemoryStats stats) {
        LoadedImage loaded = replay.loaded();
        Arch arch = loaded.image().arch();
        try (KexecRun run = KexecRun.prepare(machine, loaded, replay.options(), options.cpuEngine(arch));
             ProgressBar bar = ProgressBar.attach(run, arch, progress,
                     stats == null ? "relocating on" : "counting loads and stores on");
             MemoryStats.Attached counting = stats == null ? null : stats.attach(run)) {
            return run.execute();
        }
    }
}
