package org.kexeclab.arm64.boot;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.crash.ElfCoreHeader;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The ELF core header of an arm64 crash load, as kexec-tools' {@code load_crashdump_segments()}
 * (kexec/arch/arm64/crashdump-arm64.c) builds and places it: a PT_NOTE per CPU and for
 * vmcoreinfo, a PT_LOAD for the kernel image mapped at {@code _text}, and a PT_LOAD per RAM
 * range outside the crash kernel reservation, mapped linearly ({@code vaddr = paddr -
 * PHYS_OFFSET + PAGE_OFFSET}); page-aligned, top-down in the reservation, placed before
 * everything else. The DTB's {@code /chosen} then says where it is ({@value #ELFCOREHDR}) and
 * which memory the crash kernel may use ({@value #USABLE_MEMORY}).
 */
final class Arm64CrashSegments {
    static final String ELFCOREHDR = "linux,elfcorehdr";
    static final String USABLE_MEMORY = "linux,usable-memory-range";
    static final String LABEL = "ELF core header";
    static final int EM_AARCH64 = 183;
    /** {@code _text} of Debian's 6.1 arm64 kernel (no KASLR): where its image is mapped. */
    static final long KERNEL_TEXT_VADDR = 0xffff800008000000L;
    /** {@code PAGE_OFFSET} with 48-bit virtual addresses since Linux 5.4 ({@code -1 << VA_BITS}). */
    static final long PAGE_OFFSET = 0xffff000000000000L;
    /** {@code ARM64_MEMSTART_ALIGN} with 4 KiB pages and 48-bit VAs: PHYS_OFFSET is the RAM start rounded down to it. */
    static final long MEMSTART_ALIGN = 1L << 30;

    private Arm64CrashSegments() {
    }

    /** Places the header at the top of the reservation and returns its {@code [address, address + bufsz)}. */
    static AddressRange placeHeader(HoleAllocator alloc, LoadRequest req, MemoryLayout layout)
            throws PlanningException {
        CrashedKernel crashed = req.crash();
        AddressRange kernel = layout.runningKernel().orElseThrow(() -> new PlanningException(
                "a crash load needs to know where the running kernel is (the memory map's Kernel code)"));
        long physOffset = layout.ram().get(0).start() & -MEMSTART_ALIGN;
        List<ElfCoreHeader.Phdr> phdrs = new ArrayList<>();
        for (long note : crashed.crashNotes()) {
            phdrs.add(ElfCoreHeader.Phdr.note(note, crashed.crashNotesSize()));
        }
        phdrs.add(ElfCoreHeader.Phdr.note(crashed.vmcoreinfo(), crashed.vmcoreinfoSize()));
        phdrs.add(ElfCoreHeader.Phdr.load(kernel.start(), KERNEL_TEXT_VADDR, kernel.size()));
        List<AddressRange> dumped = layout.allocatableRam();
        for (AddressRange r : dumped) {
            phdrs.add(ElfCoreHeader.Phdr.load(r.start(), r.start() - physOffset + PAGE_OFFSET, r.size()));
        }
        byte[] header = ElfCoreHeader.write(EM_AARCH64, ByteOrder.LITTLE_ENDIAN, phdrs, phdrs.size());
        long at = alloc.add(LABEL, SegmentData.of(header), header.length, 0, 0, HoleAllocator.NO_MAX, true);
        return AddressRange.of(at, header.length, LABEL);
    }
}
