package org.kexeclab.bench;

import org.kexeclab.Arch;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.StandardMachine;

/**
 * The images the benchmarks relocate, on the {@link StandardMachine}: one segment of generated
 * bytes at 16 MiB, entry at its start. RAM grows with the image so the allocator always finds
 * room for the source pages and the list (128 MiB up to 4,096 pages, 256 MiB up to 24,576).
 */
public final class BenchImages {
    /** Where the segment (and the entry) is. */
    public static final long SEGMENT = 0x100_0000L;
    /** Start of the crash reservation of {@link #crash}. */
    public static final long CRASH_BASE = 0x400_0000L;
    private static final long CRASH_SIZE = 0x200_0000L;

    private BenchImages() {
    }

    /** A default image of {@code pages} pages of data. */
    public static KexecImage relocation(Arch arch, int pages) {
        long size = (long) pages * arch.pageSize();
        long ram = StandardMachine.DEFAULT_RAM;
        while (ram < SEGMENT + 2 * size + (32L << 20)) {
            ram *= 2;
        }
        return KexecImage.builder(arch).type(ImageType.DEFAULT)
                .layout(StandardMachine.layout(ram).build())
                .entry(SEGMENT)
                .segment(SegmentData.generated(size, 7), SEGMENT, size)
                .build();
    }

    /** A one-page crash image: its segment is loaded in place, so the list's head is DONE. */
    public static KexecImage crash(Arch arch) {
        return KexecImage.builder(arch).type(ImageType.CRASH)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM, CRASH_BASE, CRASH_SIZE).build())
                .entry(CRASH_BASE)
                .segment(SegmentData.generated(arch.pageSize(), 7), CRASH_BASE, arch.pageSize())
                .build();
    }
}
