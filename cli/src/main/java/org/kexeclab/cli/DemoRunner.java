package org.kexeclab.cli;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.load.KexecLoad;

/** Loads the chosen image for one architecture and runs its kexec. */
final class DemoRunner {
    private DemoRunner() {
    }

    /** The image the options name (default {@code defaultImage}), loaded as the architecture's kexec_load would. */
    static LoadedImage load(MachineKexec machine, ImageOptions options, String defaultImage) throws KexecLoadException {
        KexecImage image = ImageSource.build(machine, options, defaultImage);
        LoadedImage loaded = KexecLoad.load(machine, image, options.loadOptions(machine.controlPages()),
                options.kexecOptions());
        if (!options.segments.isEmpty()) {
            ImageSource.requireEntryInASegment(image);
        }
        return Relocators.refuseUnfit(machine, loaded);
    }

    /**
     * Refuses, before a command that runs several architectures prints or runs anything, the
     * options whose flags {@code kexec_load} on one of {@code archs} refuses
     * ({@code --preserve-context} where there is no CONFIG_KEXEC_JUMP).
     */
    static void checkFlags(List<Arch> archs, ImageOptions options) throws KexecLoadException {
        for (Arch a : archs) {
            KexecLoad.checkFlags(Arches.support(a).machineKexec(), options.kexecOptions());
        }
    }

    /** Runs the kexec; {@code progress} (null for none) gets a progress bar if it takes over a second. */
    static KexecOutcome run(Arch arch, ImageOptions options, StatusLine progress) throws KexecLoadException {
        return run(Arches.support(arch).machineKexec(), options, progress, null);
    }

    /** As {@link #run(Arch, ImageOptions, StatusLine)}, also counting loads and stores into {@code stats}. */
    static KexecOutcome run(Arch arch, ImageOptions options, StatusLine progress, MemoryStats stats)
            throws KexecLoadException {
        return run(Arches.support(arch).machineKexec(), options, progress, stats);
    }

    /**
     * Runs the kexec with {@code machine} (the stub's or the kernel's code); {@code stats}, when not
     * null, counts loads and stores.
     */
    @SuppressWarnings("try") // the bar and the counters are resources for their close(), which detaches them
    static KexecOutcome run(MachineKexec machine, ImageOptions options, StatusLine progress, MemoryStats stats)
            throws KexecLoadException {
        Arch arch = machine.arch();
        LoadedImage loaded = load(machine, options, "demo");
        try (KexecRun run = KexecRun.prepare(machine, loaded, options.kexecOptions(), options.cpuEngine(arch));
             ProgressBar bar = ProgressBar.attach(run, arch, progress,
                     stats == null ? "relocating on" : "counting loads and stores on");
             MemoryStats.Attached counting = stats == null ? null : stats.attach(run)) {
            return run.execute();
        }
    }
}
