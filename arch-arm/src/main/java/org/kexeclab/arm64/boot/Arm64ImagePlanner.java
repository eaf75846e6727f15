package org.kexeclab.arm64.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.dt.DeviceTreeEdits;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Plans;

/**
 * Plans an arm64 Image the way kexec-tools' {@code arm64_locate_kernel_segment()} and
 * {@code arm64_load_other_segments()} do: the lowest 2 MiB-aligned hole of
 * {@code text_offset + image_size} bytes, the Image at hole + {@code text_offset} with
 * {@code memsz = image_size}, then initrd, DTB and the purgatory (room of kexec-tools' own
 * purgatory's size, {@link #PURGATORY_FOOTPRINT}, where kexec-lab's goes) bottom-up above the
 * image; like kexec-tools it refuses an initrd ending more than 32 GiB above the image's 1
 * GiB-aligned base (booting.rst). A user's DTB keeps its memory nodes and reservations, as
 * kexec-tools never rewrites them. Entry: the Image's first instruction, {@code x0} = DTB.
 *
 * <p>A crash load ({@code kexec -p}, {@link Arm64CrashSegments}) puts the ELF core header at the
 * top of the crash kernel reservation first, the Image at the reservation's first 2 MiB
 * boundary, everything else above it inside the reservation, and adds the header's and the
 * reservation's ranges to the DTB's {@code /chosen}.
 */
public final class Arm64ImagePlanner {
    static final long GIB = 1L << 30;
    /** arm64's {@code COMMAND_LINE_SIZE} in Linux 6.1 (arch/arm64/include/uapi/asm/setup.h), NUL included. */
    public static final int COMMAND_LINE_SIZE = 2048;
    /**
     * The memory kexec-tools 2.0.25's arm64 purgatory takes (Debian 1:2.0.25-3+deb12u3: 0x3558
     * bytes of code and data, no .bss, rounded to pages); kexec-lab's purgatory fills that room.
     */
    static final long PURGATORY_FOOTPRINT = 0x4000;

    private Arm64ImagePlanner() {
    }

    static LoadPlan plan(Arm64Image img, LoadRequest req, MemoryLayout layout)
            throws PlanningException, ImageFormatException {
        DeviceTreeBootData.checkCommandLine(ArmArches.ARM64, req.cmdline(), COMMAND_LINE_SIZE);
        boolean crash = req.crash() != null;
        HoleAllocator alloc = crash ? HoleAllocator.inCrashReservation(layout) : new HoleAllocator(layout);
        DeviceTreeEdits edits = new DeviceTreeEdits(true, Map.of());
        long holeMax = HoleAllocator.NO_MAX;
        long hole;
        if (crash) {
            AddressRange reservation = layout.crashReservation().orElseThrow();
            AddressRange header = Arm64CrashSegments.placeHeader(alloc, req, layout);
            edits = edits.withChosenRange(Arm64CrashSegments.ELFCOREHDR, header.start(), header.size())
                    .withChosenRange(Arm64CrashSegments.USABLE_MEMORY, reservation.start(), reservation.size());
            holeMax = reservation.end();
            hole = crashHole(img, reservation);
        } else {
            hole = firstHole(alloc, img);
        }
        long imageBase = hole + img.textOffset();
        alloc.addAt("kernel", SegmentData.of(img.image()), imageBase, img.imageSize());
        long holeMin = imageBase + img.imageSize();
        long dtb = DeviceTreeBootData.place(alloc, ArmArches.ARM64, layout, req, holeMin, holeMax, false, edits);
        checkInitrdWindow(alloc, imageBase);
        AddressRange purgatory = alloc.reserve("purgatory", PURGATORY_FOOTPRINT, 0, holeMin, holeMax, false);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("x0", dtb);
        regs.put("x1", 0L);
        regs.put("x2", 0L);
        regs.put("x3", 0L);
        LoadPlan plan = crash
                ? Plans.buildCrash(ArmArches.ARM64, layout, imageBase, alloc.placed(), img.formatName(), regs)
                : Plans.build(ArmArches.ARM64, layout, imageBase, alloc.placed(), img.formatName(), regs);
        return plan.withPurgatoryHole(purgatory);
    }

    /** kexec-tools' crash placement: the reservation's first 2 MiB boundary, the whole image inside it. */
    private static long crashHole(Arm64Image img, AddressRange reservation) throws PlanningException {
        long hole = HoleAllocator.roundUp(reservation.start(), Arm64Image.BASE_ALIGN);
        if (hole + img.textOffset() + img.imageSize() > reservation.end()) {
            throw new PlanningException(String.format("the Image (0x%x bytes from the first 2 MiB boundary 0x%x) does "
                    + "not fit the crash kernel reservation %s: give it a larger reservation",
                    img.textOffset() + img.imageSize(), hole, reservation.bounds()));
        }
        return hole;
    }

    /** kexec-tools' "image + initrd too big": both must lie in a 32 GiB window of 1 GiB-aligned memory. */
    private static void checkInitrdWindow(HoleAllocator alloc, long imageBase) throws PlanningException {
        for (PlannedSegment p : alloc.placed()) {
            if (p.label().equals("initrd")) {
                long end = p.segment().mem() + p.segment().bufsz();
                if (HoleAllocator.roundUp(end, GIB) - (imageBase & -GIB) > 32 * GIB) {
                    throw new PlanningException(String.format("the initrd ends at 0x%x, more than 32 GiB above the "
                            + "kernel's 1 GiB-aligned base 0x%x, which an arm64 kernel may not map", end, imageBase & -GIB));
                }
            }
        }
    }

    /** The lowest 2 MiB-aligned hole for text_offset + image_size (probed with a throw-away allocator). */
    private static long firstHole(HoleAllocator alloc, Arm64Image img) throws PlanningException {
        HoleAllocator probe = alloc.copy();
        return probe.add("kernel (text_offset + image_size)", SegmentData.generated(0, 0),
                img.textOffset() + img.imageSize(), Arm64Image.BASE_ALIGN, 0, HoleAllocator.NO_MAX, false);
    }
}
