package org.kexeclab.ppc.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.crash.ElfCoreHeader;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The crash segments and device-tree marks of a 64-bit powerpc crash load, as kexec-tools'
 * {@code load_crashdump_segments()} (kexec/arch/ppc64/crashdump-ppc64.c) and its fs2dt build
 * them. After the kernel, bottom-up in the reservation and 1 KiB-aligned: a zeroed
 * {@value #BACKUP_SIZE}-byte backup region (purgatory saves the old kernel's first 64 KiB there
 * before the crash kernel's vectors overwrite them), then the ELF core header: a PT_NOTE per CPU
 * and for vmcoreinfo, a PT_LOAD for the first 64 KiB read from the backup region, and a PT_LOAD
 * per memory range outside the reservation, mapped at {@code paddr + PAGE_OFFSET} (no PT_LOAD
 * for the kernel image: ppc64's kexec-tools names none). The header's address goes on the
 * command line as {@code elfcorehdr=NK}, the old RAM's top as {@code savemaxmem=NM}; the tree
 * keeps {@code /chosen/linux,crashkernel-base} and {@code -size} (8 bytes each, as the running
 * kernel exports them) and each memory node gets {@code linux,usable-memory}: its part of the
 * reservation, or {@code <0 0>} where it has none. RTAS and OPAL ranges, which kexec-tools also
 * lets the crash kernel use, are not on kexec-lab's machine.
 */
final class PpcCrashSegments {
    static final String BACKUP_LABEL = "backup region";
    static final String ELF_LABEL = "ELF core header";
    static final String CRASHKERNEL_BASE = "linux,crashkernel-base";
    static final String CRASHKERNEL_SIZE = "linux,crashkernel-size";
    static final String USABLE_MEMORY = "linux,usable-memory";
    /** {@code BACKUP_SRC_SIZE}: the old kernel's first 64 KiB. */
    static final int BACKUP_SIZE = 0x10000;
    /** The 1 KiB alignment of both segments ({@code elfcorehdr=} is given in KiB). */
    static final long ALIGN = 1024;
    /** ppc64's linear map: where the old kernel sees physical address 0. */
    static final long PAGE_OFFSET = 0xc000000000000000L;
    static final int EM_PPC64 = 21;

    private PpcCrashSegments() {
    }

    /** Places the backup region and the ELF core header; returns the command line with elfcorehdr= and savemaxmem=. */
    static String place(HoleAllocator alloc, LoadRequest req, MemoryLayout layout, ByteOrder order)
            throws PlanningException {
        AddressRange reservation = layout.crashReservation().orElseThrow();
        long backup = alloc.add(BACKUP_LABEL, SegmentData.of(new byte[BACKUP_SIZE]), BACKUP_SIZE, ALIGN, 0,
                HoleAllocator.NO_MAX, false);
        CrashedKernel crashed = req.crash();
        List<ElfCoreHeader.Phdr> phdrs = new ArrayList<>();
        for (long note : crashed.crashNotes()) {
            phdrs.add(ElfCoreHeader.Phdr.note(note, crashed.crashNotesSize()));
        }
        phdrs.add(ElfCoreHeader.Phdr.note(crashed.vmcoreinfo(), crashed.vmcoreinfoSize()));
        phdrs.add(ElfCoreHeader.Phdr.load(0, PAGE_OFFSET, BACKUP_SIZE).readFrom(backup));
        long top = BACKUP_SIZE;
        for (AddressRange r : dumped(layout.ram(), reservation)) {
            phdrs.add(ElfCoreHeader.Phdr.load(r.start(), r.start() + PAGE_OFFSET, r.size()));
            top = Math.max(top, r.end());
        }
        byte[] header = ElfCoreHeader.write(EM_PPC64, order, phdrs, phdrs.size());
        long at = alloc.add(ELF_LABEL, SegmentData.of(header), header.length, ALIGN, 0, HoleAllocator.NO_MAX, false);
        return req.cmdline() + " elfcorehdr=" + (at / ALIGN) + "K savemaxmem=" + (top >> 20) + "M";
    }

    /** RAM the dump reads from the old kernel: past the first 64 KiB (read from the backup) and outside the reservation. */
    static List<AddressRange> dumped(List<AddressRange> ram, AddressRange reservation) {
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : ram) {
            long start = r.start() == 0 && r.end() >= BACKUP_SIZE ? BACKUP_SIZE : r.start();
            long end = r.end();
            if (reservation.start() < end && reservation.end() > start) {
                if (start < reservation.start()) {
                    out.add(new AddressRange(start, reservation.start(), r.label()));
                }
                if (end > reservation.end()) {
                    out.add(new AddressRange(reservation.end(), end, r.label()));
                }
            } else if (start < end) {
                out.add(new AddressRange(start, end, r.label()));
            }
        }
        return out;
    }

    /** Marks the crash kernel's tree: the reservation in {@code /chosen}, each memory node's usable part of it. */
    static void markTree(Fdt tree, AddressRange reservation) {
        FdtNode root = tree.root();
        FdtNode chosen = root.childOrCreate("chosen");
        chosen.setCells(CRASHKERNEL_BASE, 2, reservation.start());
        chosen.setCells(CRASHKERNEL_SIZE, 2, reservation.size());
        int addressCells = root.number("#address-cells").orElse(2L).intValue();
        int sizeCells = root.number("#size-cells").orElse(2L).intValue();
        for (FdtNode node : root.children()) {
            if (!isMemory(node)) {
                continue;
            }
            List<Long> usable = new ArrayList<>();
            ByteBuffer reg = ByteBuffer.wrap(node.property("reg").orElse(new byte[0]));
            while (reg.remaining() >= 4 * (addressCells + sizeCells)) {
                long start = cells(reg, addressCells);
                long end = start + cells(reg, sizeCells);
                long from = Math.max(start, reservation.start());
                long to = Math.min(end, reservation.end());
                if (from < to) {
                    usable.add(from);
                    usable.add(to - from);
                }
            }
            if (usable.isEmpty()) {
                usable.add(0L);
                usable.add(0L);
            }
            node.set(USABLE_MEMORY, pairs(usable, addressCells, sizeCells));
        }
    }

    private static boolean isMemory(FdtNode node) {
        byte[] type = node.property("device_type").orElse(new byte[0]);
        return new String(type, java.nio.charset.StandardCharsets.US_ASCII).equals("memory\0");
    }

    private static long cells(ByteBuffer b, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 32) | (b.getInt() & 0xffffffffL);
        }
        return v;
    }

    private static byte[] pairs(List<Long> values, int addressCells, int sizeCells) {
        ByteBuffer b = ByteBuffer.allocate(values.size() / 2 * 4 * (addressCells + sizeCells));
        for (int i = 0; i < values.size(); i++) {
            int n = i % 2 == 0 ? addressCells : sizeCells;
            for (int c = n - 1; c >= 0; c--) {
                b.putInt(c >= 2 ? 0 : (int) (values.get(i) >>> (32 * c)));
            }
        }
        return b.array();
    }
}
