package org.kexeclab.image;

import java.util.Random;
import org.kexeclab.Arch;
import org.kexeclab.engine.SparseMemory;

/** Layouts, random images and memories shared by the image tests. */
final class TestImages {
    static final int PAGE = 4096;
    /** 16 MiB of RAM at 0, the first 64 KiB reserved for "firmware". */
    static final long RAM_SIZE = 16L << 20;

    private TestImages() {
    }

    /** 16 MiB of RAM at 0 with 64 KiB of firmware at 0 and a 4 MiB crash reservation at 8 MiB. */
    static MemoryLayout layout() {
        return MemoryLayout.builder()
                .ram(0, RAM_SIZE)
                .reserve(0, 0x10000, "firmware")
                .reserve(0xf00000, 0x2000, "stub")
                .crashReservation(8L << 20, 4L << 20)
                .build();
    }

    /**
     * A DEFAULT image of 1 to {@code maxSegments} segments with random sizes, gaps and
     * contents, between 1 MiB and 7 MiB, at most 1400 pages together (half of the 3054
     * allocatable pages is 1527).
     */
    static KexecImage randomDefault(Arch arch, long seed, int maxSegments) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(maxSegments);
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout());
        long at = 0x100000 + (long) r.nextInt(64) * PAGE;
        int budget = 1400;
        for (int i = 0; i < n && budget > 0; i++) {
            int pages = 1 + r.nextInt(Math.min(budget, 600));
            budget -= pages;
            long memsz = (long) pages * PAGE;
            long bufsz = r.nextInt(4) == 0 ? memsz : (long) (r.nextDouble() * memsz);
            b.segment(SegmentData.generated(bufsz, r.nextLong()), at, memsz);
            at += memsz + (long) r.nextInt(16) * PAGE;
        }
        return b.entry(0x100000 + 0x40).build();
    }

    /** A CRASH image with 1 to 4 segments inside the reservation. */
    static KexecImage randomCrash(Arch arch, long seed) {
        Random r = new Random(seed);
        long base = 8L << 20;
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout()).type(ImageType.CRASH);
        long at = base + (long) r.nextInt(8) * PAGE;
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
            long memsz = (long) (1 + r.nextInt(100)) * PAGE;
            b.segment(SegmentData.generated(r.nextInt((int) memsz + 1), r.nextLong()), at, memsz);
            at += memsz + (long) r.nextInt(4) * PAGE;
        }
        return b.entry(base + PAGE * 8).build();
    }

    /** A memory with all of {@link #layout()}'s RAM mapped. */
    static SparseMemory memory() {
        return new SparseMemory().map(0, RAM_SIZE);
    }
}
