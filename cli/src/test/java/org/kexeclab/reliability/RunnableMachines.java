package org.kexeclab.reliability;

import java.util.List;
import java.util.SplittableRandom;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.Engines;

/** The architectures that can run end to end here, and a small image for quick runs. */
final class RunnableMachines {
    /** Entry point and kernel segment of {@link #smallImage}. */
    static final long KERNEL = 0x1000000;
    /** Second segment of {@link #smallImage}. */
    static final long INITRD = 0x1400000;
    /** RAM of {@link #smallImage}'s machine. */
    static final long RAM = 32L << 20;

    private RunnableMachines() {
    }

    /** Every registered machine whose architecture the default engine can run. */
    static List<MachineKexec> all() {
        return Arches.supports().stream().map(ArchSupport::machineKexec)
                .filter(m -> Engines.unicorn().probe(m.arch()).supported())
                .toList();
    }

    /**
     * A nine-page image: a kernel that starts with the machine's entry probe (5 pages of data,
     * 6 of memory) and a 3-page initrd, contents from {@code seed}.
     */
    static KexecImage smallImage(MachineKexec machine, long seed) {
        byte[] probe = machine.entryProbe(KERNEL, StandardMachine.PROBE_RECORD).code();
        byte[] kernel = new byte[0x5000];
        SegmentData.generated(kernel.length, seed).read(0, kernel, 0, kernel.length);
        System.arraycopy(probe, 0, kernel, 0, probe.length);
        return KexecImage.builder(machine.arch())
                .layout(StandardMachine.layout(RAM).build())
                .entry(KERNEL)
                .segment(SegmentData.of(kernel), KERNEL, 0x6000)
                .segment(SegmentData.generated(0x3000, seed + 1), INITRD, 0x3000)
                .build();
    }

    /** {@link #smallImage} loaded with a scattering allocator seeded from {@code r}. */
    static LoadedImage load(MachineKexec machine, long seed, SplittableRandom r) {
        try {
            return LoadedImage.load(smallImage(machine, seed),
                    LoadOptions.defaults().withSeed(r.nextLong()).withControlPages(machine.controlPages()));
        } catch (KexecLoadException e) {
            throw new AssertionError("the small image must load: " + e.getMessage(), e);
        }
    }
}
