package org.kexeclab.x86.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Plans;

/**
 * Plans a bzImage the way kexec-tools' {@code do_bzImage64_load()} does (purgatory aside):
 * the setup segment (zero page + command line) top-down from 0x3000 with 16-byte alignment,
 * the protected-mode kernel top-down from 1 MiB, aligned to {@code kernel_alignment}, with
 * {@code memsz = init_size} rounded to pages, the initrd top-down from 16 MiB, page-aligned,
 * below {@code initrd_addr_max} (or anywhere if the kernel can be loaded above 4 GiB).
 * Everything stays below 4 GiB unless {@code XLF_CAN_BE_LOADED_ABOVE_4G}. The entry is the
 * kernel + 0x200 with {@code rsi} = the zero page.
 *
 * <p>A 32-bit kernel is planned as kexec-tools' {@code do_bzImage_load()} does for its
 * protected-mode entry: the same segments below 4 GiB, entered at the kernel's load address
 * (its 32-bit entry) with {@code esi} = the zero page. kexec-tools keeps that loader's setup
 * segment below 640 KiB; here the machine reserves the first MiB for itself
 * ({@link org.kexeclab.kexec.StandardMachine}), so the setup segment is placed as for a 64-bit
 * kernel, which the 32-bit protocol allows (the zero page may be anywhere the kernel can read).
 */
final class X86BzImagePlanner {
    static final long SETUP_MIN = 0x3000;
    static final long KERNEL_MIN = 0x100000;
    static final long INITRD_BASE = 0x1000000;
    static final long FOUR_GIB = 1L << 32;

    private X86BzImagePlanner() {
    }

    static LoadPlan plan(BzImage bz, LoadRequest req, MemoryLayout layout) throws PlanningException {
        int cmdLen = req.cmdline().getBytes(StandardCharsets.UTF_8).length;
        if (cmdLen + 1 > bz.cmdlineSize()) {
            throw new PlanningException(String.format("the %d-byte command line and its NUL are longer than the %d "
                    + "bytes of the kernel's cmdline_size", cmdLen, bz.cmdlineSize()));
        }
        if (req.dtb() != null) {
            throw new PlanningException("an " + bz.arch().name() + " bzImage load takes no device tree: drop the DTB (the kernel gets "
                    + "boot params and an e820 map instead)");
        }
        long max = bz.canLoadAbove4G() ? HoleAllocator.NO_MAX : FOUR_GIB;
        HoleAllocator alloc = new HoleAllocator(layout);
        int setupSize = ZeroPage.size(bz, req.cmdline());
        // The setup segment's contents depend on where it and the initrd land: reserve first, fill in after.
        long setupBase = alloc.add("boot params + command line", SegmentData.generated(setupSize, 0), setupSize,
                16, SETUP_MIN, max, true);
        long kernel = alloc.add("kernel", SegmentData.of(bz.payload()), bz.initSize(), bz.kernelAlignment(),
                KERNEL_MIN, max, true);
        long initrdBase = 0;
        long initrdSize = req.initrd() == null ? 0 : req.initrd().length;
        if (req.initrd() != null) {
            long initrdMax = bz.canLoadAbove4G() ? HoleAllocator.NO_MAX : Math.min(bz.initrdAddrMax() + 1, FOUR_GIB);
            initrdBase = alloc.add("initrd", SegmentData.of(req.initrd()), initrdSize, 4096, INITRD_BASE,
                    initrdMax, true);
        }
        byte[] zeroPage = ZeroPage.build(bz, req.cmdline(), setupBase, initrdBase, initrdSize, layout);
        List<PlannedSegment> segs = new ArrayList<>(alloc.placed());
        PlannedSegment setup = segs.get(0);
        segs.set(0, new PlannedSegment(setup.label(),
                new Segment(SegmentData.of(zeroPage), setupBase, setup.segment().memsz())));
        long entry = kernel + bz.entryOffset();
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put(bz.is64Bit() ? "rsi" : "esi", setupBase);
        regs.put(bz.is64Bit() ? "rip" : "eip", entry);
        return Plans.build(bz.arch(), layout, entry, segs, bz.formatName(), regs);
    }
}
