package org.kexeclab.testkit;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.PrefixedData;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * Small images for the end-to-end matrix, on the {@link StandardMachine}: segment 0 starts
 * with the architecture's entry probe and holds the entry point; the rest is seeded data.
 */
public final class TestImages {
    private TestImages() {
    }

    /** One segment of the recipe: where it goes, how much data, how much memory. */
    public record Seg(long mem, long bufsz, long memsz) {
    }

    /** A default image with these segments; the entry is segment 0's start. */
    public static KexecImage image(MachineKexec machine, List<Seg> segs) {
        return build(machine, segs, ImageType.DEFAULT, StandardMachine.layout(StandardMachine.DEFAULT_RAM).build());
    }

    /**
     * A default image with these segments on {@code standard}'s machine (RAM from its base, its
     * area reserved there, the probe's record in it); the entry is segment 0's start.
     */
    public static KexecImage image(MachineKexec machine, List<Seg> segs, StandardMachine standard) {
        return build(machine, segs, ImageType.DEFAULT, standard.memory(StandardMachine.DEFAULT_RAM).build());
    }

    /** A crash image with these segments inside the reservation {@code [crashStart, +crashSize)}. */
    public static KexecImage crashImage(MachineKexec machine, List<Seg> segs, long crashStart, long crashSize) {
        MemoryLayout layout = StandardMachine.layout(StandardMachine.DEFAULT_RAM, crashStart, crashSize).build();
        return build(machine, segs, ImageType.CRASH, layout);
    }

    /** {@code n} segments of {@code pages} pages each, 1 MiB apart from 16 MiB. */
    public static List<Seg> spread(int n, long pages) {
        return spread(n, pages, 0);
    }

    /** {@code n} segments of {@code pages} pages each, 1 MiB apart from {@code ramBase} + 16 MiB. */
    public static List<Seg> spread(int n, long pages, long ramBase) {
        List<Seg> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long mem = ramBase + 0x1000000L + i * 0x100000L;
            out.add(new Seg(mem, pages * 4096 - 100 * i, pages * 4096));
        }
        return out;
    }

    private static KexecImage build(MachineKexec machine, List<Seg> segs, ImageType type, MemoryLayout layout) {
        long entry = segs.get(0).mem();
        byte[] probe = machine.entryProbe(entry, StandardMachine.of(layout).probeRecord()).code();
        KexecImage.Builder b = KexecImage.builder(machine.arch()).type(type).layout(layout).entry(entry);
        for (int i = 0; i < segs.size(); i++) {
            Seg s = segs.get(i);
            SegmentData data = i == 0
                    ? new PrefixedData(probe, SegmentData.generated(Math.max(0, s.bufsz() - probe.length), 100 + i))
                    : SegmentData.generated(s.bufsz(), 100 + i);
            b.segment(data, s.mem(), s.memsz());
        }
        return b.build();
    }
}
