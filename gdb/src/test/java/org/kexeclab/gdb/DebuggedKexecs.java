package org.kexeclab.gdb;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.TestImages;

/** Small prepared kexecs for the tests: a few pages in two segments, ready to debug. */
final class DebuggedKexecs {
    private DebuggedKexecs() {
    }

    /** Two segments of {@code pages} pages each (at most 256) on {@code arch}, prepared on {@code engine}. */
    static DebuggedKexec of(Arch arch, CpuEngine engine, long pages) throws Exception {
        return of(arch, engine, TestImages.spread(2, pages));
    }

    /** These segments on {@code arch}, prepared on {@code engine}. */
    static DebuggedKexec of(Arch arch, CpuEngine engine, List<TestImages.Seg> segments) throws Exception {
        MachineKexec machine = Arches.support(arch).machineKexec();
        LoadedImage loaded = LoadedImage.load(TestImages.image(machine, segments),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        KexecOptions options = KexecOptions.defaults();
        return new DebuggedKexec(KexecRun.prepare(machine, loaded, options, engine), options.instructionBudget(), null);
    }

    /** Every architecture that describes itself to GDB. */
    static List<Arch> debuggable() {
        return Arches.supports().stream().filter(s -> s.gdbTarget().isPresent()).map(s -> s.arch()).toList();
    }
}
