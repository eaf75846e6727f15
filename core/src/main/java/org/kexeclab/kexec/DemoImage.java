package org.kexeclab.kexec;

import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.PrefixedData;
import org.kexeclab.image.SegmentData;

/**
 * The built-in demo image, the same on every architecture: a "kernel" segment that starts
 * with the architecture's entry probe, an "initrd" large enough that the indirection list
 * spans several indirection pages on every word size, and a small "boot data" segment
 * whose memsz is larger than its bufsz (so the tail must be zeroed). Contents are
 * deterministic pseudo-random bytes; the layout is the {@link StandardMachine}'s.
 *
 * <pre>
 *   kernel     0x1000000  bufsz 0x4c000 (probe + data)  memsz 0x50000
 *   boot data  0x1800000  bufsz 0x1234                  memsz 0x2000
 *   initrd     0x2000000  bufsz 0x400000 (4 MiB)        memsz 0x400000
 * </pre>
 * The crash variant moves the same segments into a crash reservation at 64 MiB.
 */
public final class DemoImage {
    /** Entry point (and kernel segment) of the default demo image. */
    public static final long KERNEL = 0x1000000;
    /** Boot data segment of the default demo image. */
    public static final long BOOT_DATA = 0x1800000;
    /** Initrd segment of the default demo image. */
    public static final long INITRD = 0x2000000;
    /** Start of the crash reservation of the crash variant. */
    public static final long CRASH_BASE = 0x4000000;
    /** Size of the crash reservation of the crash variant. */
    public static final long CRASH_SIZE = 0x2000000;

    private static final long KERNEL_BUFSZ = 0x4c000;
    private static final long KERNEL_MEMSZ = 0x50000;
    private static final long BOOT_BUFSZ = 0x1234;
    private static final long BOOT_MEMSZ = 0x2000;
    private static final long INITRD_SIZE = 0x400000;

    private DemoImage() {
    }

    /** The demo image for {@code machine}'s architecture; {@code crash} picks the kdump variant. */
    public static KexecImage build(MachineKexec machine, boolean crash) {
        long shift = crash ? CRASH_BASE - KERNEL : 0;
        MemoryLayout layout = crash
                ? StandardMachine.layout(StandardMachine.DEFAULT_RAM, CRASH_BASE, CRASH_SIZE).build()
                : StandardMachine.layout(StandardMachine.DEFAULT_RAM).build();
        long entry = KERNEL + shift;
        byte[] probe = machine.entryProbe(entry, StandardMachine.PROBE_RECORD).code();
        SegmentData kernel = new PrefixedData(probe, SegmentData.generated(KERNEL_BUFSZ - probe.length, 1));
        return KexecImage.builder(machine.arch())
                .type(crash ? ImageType.CRASH : ImageType.DEFAULT)
                .layout(layout)
                .entry(entry)
                .segment(kernel, KERNEL + shift, KERNEL_MEMSZ)
                .segment(SegmentData.generated(BOOT_BUFSZ, 2), BOOT_DATA + shift, BOOT_MEMSZ)
                .segment(SegmentData.generated(INITRD_SIZE, 3), INITRD + shift, INITRD_SIZE)
                .build();
    }
}
