package org.kexeclab.loader.format;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Plans;
import org.kexeclab.loader.plan.Purgatories;

/**
 * Plans an ELF vmlinux the way kexec-tools' ELF loaders ({@code elf_exec_build_load()} and
 * the architectures' own) do: each PT_LOAD at its physical address {@code p_paddr} with
 * {@code memsz = p_memsz}, the entry translated to physical; the architecture's {@link ElfBoot}
 * then places initrd and boot data and names the boot registers. PT_LOADs that share a page
 * are merged into one segment ({@link ElfRuns}). kexec-lab's machine keeps its first MiB, so a
 * kernel linked at physical 0 is shifted up by the smallest multiple of 1 MiB that puts all its
 * segments in free RAM, unless the architecture's loader picks the kernel's address itself
 * ({@link ElfBoot#placeKernel}); the shift is applied to the entry too. A purgatory hole the
 * boot data holds ({@link HoleAllocator#reserve}, labelled "purgatory") is the plan's.
 */
final class ElfPlanner {
    static final long SHIFT_STEP = 1L << 20;

    private ElfPlanner() {
    }

    static LoadPlan plan(ElfKernel elf, LoadRequest req, MemoryLayout layout)
            throws PlanningException, ImageFormatException {
        ElfBoot boot = elf.machine().boot();
        boot.accept(elf, req);
        boolean crash = req.crash() != null;
        if (crash && !boot.plansCrashLoads()) {
            throw new PlanningException("crash loads (kexec -p) of " + elf.arch().withArticle() + " ELF kernel are not "
                    + "modelled: kexec-lab plans them for the architectures whose kexec-tools crash layout it follows");
        }
        long ramEnd = layout.ram().get(layout.ram().size() - 1).end();
        List<ElfRuns.Run> runs = ElfRuns.runs(elf, ramEnd);
        HoleAllocator alloc = crash ? HoleAllocator.inCrashReservation(layout) : new HoleAllocator(layout);
        OptionalLong chosen = boot.placeKernel(alloc, layout, elf, req);
        long shift = chosen.isPresent() ? chosen.getAsLong() - runs.get(0).start() : shift(runs, layout, elf);
        long top = 0;
        for (int i = 0; i < runs.size(); i++) {
            ElfRuns.Run r = runs.get(i);
            alloc.addAt(i == 0 ? "kernel" : "kernel PT_LOAD run " + i, SegmentData.of(r.data()), r.start() + shift,
                    r.memsz());
            top = Math.max(top, r.start() + shift + r.memsz());
        }
        long entry = elf.physicalEntry() + shift;
        Map<String, Long> regs = boot.placeBootData(alloc, layout, req, top, entry);
        LoadPlan plan = crash ? Plans.buildCrash(elf.arch(), layout, entry, alloc.placed(), elf.formatName(), regs)
                : Plans.build(elf.arch(), layout, entry, alloc.placed(), elf.formatName(), regs);
        for (AddressRange held : alloc.reserved()) {
            if (held.label().equals(Purgatories.LABEL)) {
                return plan.withPurgatoryHole(held);
            }
        }
        return plan;
    }

    /** The smallest multiple of 1 MiB that puts every run into free RAM. */
    private static long shift(List<ElfRuns.Run> runs, MemoryLayout layout, ElfKernel elf) throws PlanningException {
        long ramEnd = layout.ram().get(layout.ram().size() - 1).end();
        if (Long.compareUnsigned(runs.get(0).start(), ramEnd) >= 0) {
            throw new PlanningException(String.format("the ELF kernel's first PT_LOAD has p_paddr 0x%x, beyond the "
                    + "machine's RAM (a virtual address?): load the kernel's Image/zImage/bzImage instead",
                    runs.get(0).start()));
        }
        for (long shift = 0; shift < ramEnd; shift += SHIFT_STEP) {
            if (fits(runs, layout, shift)) {
                return shift;
            }
        }
        throw new PlanningException(String.format("the ELF kernel's PT_LOAD segments (first at p_paddr 0x%x) do not "
                + "fit the machine's free RAM at any 1 MiB shift: give the machine more memory",
                elf.segments().get(0).paddr()));
    }

    private static boolean fits(List<ElfRuns.Run> runs, MemoryLayout layout, long shift) {
        HoleAllocator probe = new HoleAllocator(layout);
        try {
            for (ElfRuns.Run r : runs) {
                probe.addAt("probe", SegmentData.generated(0, 0), r.start() + shift, r.memsz());
            }
            return true;
        } catch (PlanningException e) {
            return false;
        }
    }
}
