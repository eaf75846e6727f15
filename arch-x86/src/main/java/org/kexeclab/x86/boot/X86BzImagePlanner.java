package org.kexeclab.x86.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.image.AddressRange;
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
 * Plans a bzImage the way kexec-tools' {@code do_bzImage64_load()} does, in its order:
 * <ol>
 * <li>room for the purgatory, top-down from 0x3000 with no upper limit, of kexec-tools' own
 *     purgatory's size ({@link #PURGATORY_FOOTPRINT}; kexec-lab's purgatory goes there);</li>
 * <li>the setup segment (zero page + command line) top-down from 0x3000, 16-byte aligned;</li>
 * <li>the protected-mode kernel top-down from 1 MiB, aligned to {@code kernel_alignment},
 *     {@code memsz = init_size} rounded to pages;</li>
 * <li>the initrd top-down from 16 MiB, page-aligned, below {@code initrd_addr_max} (or anywhere
 *     if the kernel can be loaded above 4 GiB);</li>
 * <li>the RNG seed {@code setup_data} ({@link SetupData}) in the lowest page from 1 MiB, linked
 *     from the zero page's {@code setup_data}.</li>
 * </ol>
 * Everything stays below 4 GiB unless {@code XLF_CAN_BE_LOADED_ABOVE_4G}. The entry is the
 * kernel + 0x200 with {@code rsi} = the zero page. A crash load ({@link LoadRequest#crash()})
 * places the backup region and the ELF core header first, inside the crash kernel reservation
 * ({@link X86CrashSegments}).
 *
 * <p>A 32-bit kernel is planned as kexec-tools' {@code do_bzImage_load()} does for its
 * protected-mode entry: the same segments below 4 GiB, entered at the kernel's load address
 * (its 32-bit entry) with {@code esi} = the zero page, the kernel ending below 896 MiB and its
 * {@code initrd_addr_max} ({@link #KERNEL32_END_MAX}). kexec-tools keeps that loader's setup
 * segment below 640 KiB; here the machine reserves the first MiB for itself
 * ({@link org.kexeclab.kexec.StandardMachine}), so the setup segment is placed as for a 64-bit
 * kernel, which the 32-bit protocol allows (the zero page may be anywhere the kernel can read).
 */
final class X86BzImagePlanner {
    static final long SETUP_MIN = 0x3000;
    static final long KERNEL_MIN = 0x100000;
    static final long INITRD_BASE = 0x1000000;
    static final long SETUP_DATA_MIN = 0x100000;
    static final long FOUR_GIB = 1L << 32;
    /**
     * kexec-tools' {@code DEFAULT_BZIMAGE_ADDR_MAX} + 1 (896 MiB): a 32-bit kernel ends below it
     * (and below its {@code initrd_addr_max}), where its decompressor can still address its output
     * through the kernel's direct map ("Destination address too large" otherwise).
     */
    static final long KERNEL32_END_MAX = 0x38000000L;
    /**
     * The memory kexec-tools 2.0.25's x86_64 purgatory takes (Debian 1:2.0.25-3+deb12u3, as
     * {@code elf_rel_load()} lays out the relocatable purgatory embedded in {@code kexec}:
     * 0x70e0 bytes of code and data, then its .bss, in 4 KiB-aligned sections): kexec-lab holds
     * that much where kexec-tools puts it, so every other segment lands where kexec-tools puts it.
     */
    static final long PURGATORY_FOOTPRINT = 0x9000;
    static final String SETUP_LABEL = "boot params + command line";

    private X86BzImagePlanner() {
    }

    static LoadPlan plan(BzImage bz, LoadRequest req, MemoryLayout layout) throws PlanningException {
        if (req.dtb() != null) {
            throw new PlanningException("an " + bz.arch().name() + " bzImage load takes no device tree: drop the DTB (the kernel gets "
                    + "boot params and an e820 map instead)");
        }
        checkCommandLine(bz, req.cmdline());
        long max = bz.canLoadAbove4G() ? HoleAllocator.NO_MAX : FOUR_GIB;
        HoleAllocator alloc = req.crash() == null ? new HoleAllocator(layout) : HoleAllocator.inCrashReservation(layout);
        X86CrashSegments crash = req.crash() == null ? null : X86CrashSegments.place(alloc, req, layout, max);
        String cmdline = crash == null ? req.cmdline() : crash.commandLine();
        AddressRange purgatory = alloc.reserve("purgatory", PURGATORY_FOOTPRINT, 0, SETUP_MIN, HoleAllocator.NO_MAX,
                true);
        int setupSize = ZeroPage.size(bz, cmdline);
        // The setup segment's contents depend on where it, the initrd and the setup_data land: reserve first, fill in after.
        long setupBase = alloc.add(SETUP_LABEL, SegmentData.generated(setupSize, 0), setupSize, 16, SETUP_MIN, max,
                true);
        long kernelMax = bz.is64Bit() ? max : Math.min(KERNEL32_END_MAX, bz.initrdAddrMax() + 1);
        long kernel = alloc.add("kernel", SegmentData.of(bz.payload()), bz.initSize(), bz.kernelAlignment(),
                KERNEL_MIN, kernelMax, true);
        long initrdBase = 0;
        long initrdSize = req.initrd() == null ? 0 : req.initrd().length;
        if (req.initrd() != null) {
            long initrdMax = bz.canLoadAbove4G() ? HoleAllocator.NO_MAX : Math.min(bz.initrdAddrMax() + 1, FOUR_GIB);
            initrdBase = alloc.add("initrd", SegmentData.of(req.initrd()), initrdSize, 4096, INITRD_BASE,
                    initrdMax, true);
        }
        byte[] seed = SetupData.rngSeed(cmdline);
        long setupData = alloc.add(SetupData.LABEL, SegmentData.of(seed), seed.length, 4096, SETUP_DATA_MIN,
                HoleAllocator.NO_MAX, false);
        ZeroPage.Fields f = new ZeroPage.Fields(cmdline, setupBase, initrdBase, initrdSize, setupData,
                crash == null ? ZeroPage.e820(layout) : crash.e820());
        List<PlannedSegment> segs = new ArrayList<>(alloc.placed());
        int at = indexOf(segs, SETUP_LABEL);
        segs.set(at, new PlannedSegment(SETUP_LABEL, new Segment(SegmentData.of(ZeroPage.build(bz, f)), setupBase,
                segs.get(at).segment().memsz())));
        long entry = kernel + bz.entryOffset();
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put(bz.is64Bit() ? "rsi" : "esi", setupBase);
        regs.put(bz.is64Bit() ? "rip" : "eip", entry);
        LoadPlan plan = crash == null
                ? Plans.build(bz.arch(), layout, entry, segs, bz.formatName(), regs)
                : Plans.buildCrash(bz.arch(), layout, entry, segs, bz.formatName(), regs);
        return plan.withPurgatoryHole(purgatory);
    }

    /**
     * kexec-tools counts the NUL: a command line of {@code cmdline_size} bytes or more is refused
     * (the user's: what a crash load appends is not checked against it).
     */
    private static void checkCommandLine(BzImage bz, String cmdline) throws PlanningException {
        int cmdLen = cmdline.getBytes(StandardCharsets.UTF_8).length;
        if (cmdLen + 1 > bz.cmdlineSize()) {
            throw new PlanningException(String.format("the %d-byte command line and its NUL are longer than the %d "
                    + "bytes of the kernel's cmdline_size", cmdLen, bz.cmdlineSize()));
        }
    }

    private static int indexOf(List<PlannedSegment> segs, String label) {
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).label().equals(label)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + label + " segment in " + segs);
    }
}
