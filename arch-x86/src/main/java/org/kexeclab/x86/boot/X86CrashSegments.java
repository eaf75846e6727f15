package org.kexeclab.x86.boot;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
 * What an x86_64 crash load adds before the usual segments, as kexec-tools'
 * {@code load_crashdump_segments()} (kexec/arch/i386/crashdump-x86.c) does, all top-down in
 * the crash kernel reservation:
 * <ol>
 * <li>the backup region: room for the old kernel's first 640 KiB of RAM (the first RAM range
 *     ending at or below 0xa0000, else 0-0x9ffff), 1 KiB-aligned, zero-filled (the purgatory
 *     copies that memory there at crash time, for the dump);</li>
 * <li>the ELF core header ({@link ElfCoreHeader}): a PT_NOTE per CPU and for vmcoreinfo, a
 *     PT_LOAD for the kernel text mapping and one per RAM range outside the reservation (the one
 *     the backup region saves read from the backup region); its buffer has room for a header per
 *     memory range, reserved ones too, and its hole is at least 16 KiB;</li>
 * <li>{@code elfcorehdr=<address in KiB>K} appended to the command line;</li>
 * <li>the crash kernel's e820 map: the backup's source and the reservation as RAM, less the
 *     backup region and the ELF core header, then the old machine's reserved ranges where they
 *     overlap no entry (kexec-tools drops those that do).</li>
 * </ol>
 */
final class X86CrashSegments {
    /** {@code COMMAND_LINE_SIZE} of x86 (NUL included): a longer crash command line is refused. */
    static final int COMMAND_LINE_SIZE = 2048;
    static final long BACKUP_SRC_END = 0xa0000;
    static final long ELF_HEADER_MIN_HOLE = 16 * 1024;
    static final int EM_X86_64 = 62;
    /** Where x86_64 maps the kernel's text: {@code __START_KERNEL_map} + 16 MiB ({@code _text} without KASLR). */
    static final long KERNEL_TEXT_VADDR = 0xffffffff81000000L;
    /** The direct map's base ({@code PAGE_OFFSET}, 4-level paging, no KASLR). */
    static final long PAGE_OFFSET = 0xffff888000000000L;
    static final String BACKUP_LABEL = "backup region";
    static final String ELF_LABEL = "ELF core header";

    private final String commandLine;
    private final List<ZeroPage.E820Entry> e820;

    private X86CrashSegments(String commandLine, List<ZeroPage.E820Entry> e820) {
        this.commandLine = commandLine;
        this.e820 = List.copyOf(e820);
    }

    /** The command line with {@code elfcorehdr=} appended. */
    String commandLine() {
        return commandLine;
    }

    /** The crash kernel's memory map. */
    List<ZeroPage.E820Entry> e820() {
        return e820;
    }

    /** Places the backup region and the ELF core header in {@code alloc} (the crash kernel reservation). */
    static X86CrashSegments place(HoleAllocator alloc, LoadRequest req, MemoryLayout layout, long max)
            throws PlanningException {
        CrashedKernel crashed = req.crash();
        AddressRange kernel = layout.runningKernel().orElseThrow(() -> new PlanningException(
                "a crash load needs to know where the running kernel is (the memory map's Kernel code)"));
        AddressRange reservation = layout.crashReservation().orElseThrow();
        List<AddressRange> dumped = layout.allocatableRam();
        AddressRange backupSource = backupSource(dumped);
        long backupSize = align(backupSource.size(), 1024);
        long backup = alloc.add(BACKUP_LABEL, SegmentData.of(new byte[(int) backupSize]), backupSize, 1024, 0,
                HoleAllocator.NO_MAX, true);
        List<ElfCoreHeader.Phdr> phdrs = new ArrayList<>();
        for (long note : crashed.crashNotes()) {
            phdrs.add(ElfCoreHeader.Phdr.note(note, crashed.crashNotesSize()));
        }
        phdrs.add(ElfCoreHeader.Phdr.note(crashed.vmcoreinfo(), crashed.vmcoreinfoSize()));
        phdrs.add(ElfCoreHeader.Phdr.load(kernel.start(), KERNEL_TEXT_VADDR, align(kernel.size(), 4096)));
        for (AddressRange r : dumped) {
            ElfCoreHeader.Phdr p = ElfCoreHeader.Phdr.load(r.start(), PAGE_OFFSET + r.start(), r.size());
            phdrs.add(r.start() == backupSource.start() && r.size() == backupSource.size() ? p.readFrom(backup) : p);
        }
        int ranges = dumped.size() + reservedInRam(layout).size();
        byte[] header = ElfCoreHeader.write(EM_X86_64, ByteOrder.LITTLE_ENDIAN, phdrs,
                crashed.cpus() + 1 + 1 + ranges);
        long hole = Math.max(header.length, ELF_HEADER_MIN_HOLE);
        long elf = alloc.add(ELF_LABEL, SegmentData.of(header), hole, 1024, 0, HoleAllocator.NO_MAX, true);
        String cmdline = req.cmdline() + " elfcorehdr=" + (elf / 1024) + "K";
        if (cmdline.getBytes(StandardCharsets.UTF_8).length > COMMAND_LINE_SIZE - 1) {
            throw new PlanningException(String.format("the crash kernel's command line with elfcorehdr= is longer "
                    + "than the %d bytes x86 takes (kexec-tools: \"Command line overflow\")", COMMAND_LINE_SIZE - 1));
        }
        List<ZeroPage.E820Entry> map = new ArrayList<>();
        add(map, backupSource.start(), backupSource.size(), ZeroPage.E820_RAM);
        add(map, reservation.start(), reservation.size(), ZeroPage.E820_RAM);
        delete(map, backup, backupSize);
        delete(map, elf, hole);
        for (AddressRange r : reservedInRam(layout)) {
            add(map, r.start(), r.size(), ZeroPage.E820_RESERVED);
        }
        return new X86CrashSegments(cmdline, map);
    }

    /** The first RAM range that ends at or below 640 KiB, else kexec-tools' default, 0-0x9ffff. */
    private static AddressRange backupSource(List<AddressRange> ram) {
        for (AddressRange r : ram) {
            if (r.end() <= BACKUP_SRC_END + 1) {
                return r;
            }
        }
        return new AddressRange(0, BACKUP_SRC_END, "first 640 KiB");
    }

    /** The layout's reserved ranges inside RAM: kexec-tools' "Reserved" crash memory ranges. */
    private static List<AddressRange> reservedInRam(MemoryLayout layout) {
        return layout.reserved().stream().filter(r -> layout.ram().stream().anyMatch(m -> m.overlaps(r.start(), r.end())))
                .toList();
    }

    /** kexec-tools' {@code add_memmap()}: kept sorted; a range overlapping an entry is dropped. */
    private static void add(List<ZeroPage.E820Entry> map, long addr, long size, int type) {
        for (ZeroPage.E820Entry e : map) {
            if (e.addr() < addr + size && addr < e.addr() + e.size()) {
                return;
            }
        }
        map.add(new ZeroPage.E820Entry(addr, size, type));
        map.sort(Comparator.comparingLong(ZeroPage.E820Entry::addr));
    }

    /** kexec-tools' {@code delete_memmap()}: cuts {@code [addr, addr + size)} out of the entry holding it. */
    private static void delete(List<ZeroPage.E820Entry> map, long addr, long size) {
        for (int i = 0; i < map.size(); i++) {
            ZeroPage.E820Entry e = map.get(i);
            long end = e.addr() + e.size();
            if (e.addr() <= addr && addr + size <= end) {
                map.remove(i);
                if (addr > e.addr()) {
                    map.add(i++, new ZeroPage.E820Entry(e.addr(), addr - e.addr(), e.type()));
                }
                if (addr + size < end) {
                    map.add(i, new ZeroPage.E820Entry(addr + size, end - addr - size, e.type()));
                }
                return;
            }
        }
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }
}
