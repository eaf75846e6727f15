package org.kexeclab.cli;

import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.MachineKexecs;

/** Loads the demo image for one architecture and runs its kexec. */
final class DemoRunner {
    private DemoRunner() {
    }

    static KexecOutcome run(Arch arch, ImageOptions options) throws KexecLoadException {
        MachineKexec machine = MachineKexecs.forArch(arch);
        CpuEngine engine = options.cpuEngine();
        KexecImage image = DemoImage.build(machine, options.crash);
        LoadedImage loaded = LoadedImage.load(image, options.loadOptions(machine.controlPages()));
        try (KexecRun run = KexecRun.prepare(machine, loaded, options.kexecOptions(), engine)) {
            return run.execute();
        }
    }
}
