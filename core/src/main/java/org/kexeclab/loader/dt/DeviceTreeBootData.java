package org.kexeclab.loader.dt;

import java.nio.charset.StandardCharsets;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * Places the initrd and then the device tree above the kernel, as kexec-tools' device-tree
 * loaders do: the initrd page-aligned, bottom-up from the end of the kernel; the DTB (patched
 * with the initrd's final addresses, at most 2 MiB) in the lowest page-aligned hole left above
 * the kernel, which is after the initrd. Architectures with another placement build theirs
 * from {@link #tree}, {@link #checkSize} and {@link #withSelfReservation}.
 */
public final class DeviceTreeBootData {
    /** booting.rst: "The device tree blob (dtb) must ... not exceed 2 megabytes in size." */
    public static final int DTB_MAX = 2 << 20;

    private DeviceTreeBootData() {
    }

    /**
     * Refuses a command line the kernel cannot hold: longer than {@code commandLineSize - 1}
     * bytes (UTF-8), the architecture's {@code COMMAND_LINE_SIZE} less its NUL. kexec-tools
     * refuses such a line on some architectures and cuts it on others; the kernel itself would
     * cut it when it copies {@code bootargs}.
     */
    public static void checkCommandLine(Arch arch, String cmdline, int commandLineSize) throws PlanningException {
        int length = cmdline.getBytes(StandardCharsets.UTF_8).length;
        if (length > commandLineSize - 1) {
            throw new PlanningException(String.format("the %d-byte command line is longer than the %d bytes %s kernel "
                    + "takes (COMMAND_LINE_SIZE %d, less the NUL), so the kernel would cut it", length,
                    commandLineSize - 1, arch.withArticle(), commandLineSize));
        }
    }

    /**
     * Places the initrd (if any) and the DTB at or above {@code holeMin}, below {@code holeMax}.
     *
     * @return the DTB's address
     */
    public static long place(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req, long holeMin, long holeMax)
            throws PlanningException, ImageFormatException {
        return place(alloc, arch, layout, req, holeMin, holeMax, false);
    }

    /**
     * Like {@link #place(HoleAllocator, Arch, MemoryLayout, LoadRequest, long, long)}; with
     * {@code spareDtbPage} the DTB starts no lower than one page past the initrd's end (or
     * past {@code holeMin} without an initrd), as some of kexec-tools' loaders leave it.
     */
    public static long place(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req, long holeMin, long holeMax,
                      boolean spareDtbPage) throws PlanningException, ImageFormatException {
        return place(alloc, arch, layout, req, holeMin, holeMax, spareDtbPage, DeviceTreeEdits.REPLACE_MEMORY);
    }

    /** Like {@link #place(HoleAllocator, Arch, MemoryLayout, LoadRequest, long, long, boolean)}, editing the tree with {@code edits}. */
    public static long place(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req, long holeMin, long holeMax,
                      boolean spareDtbPage, DeviceTreeEdits edits) throws PlanningException, ImageFormatException {
        long initrdStart = -1;
        long initrdEnd = -1;
        if (req.initrd() != null) {
            initrdStart = alloc.add("initrd", SegmentData.of(req.initrd()), req.initrd().length, 4096, holeMin, holeMax,
                    false);
            initrdEnd = initrdStart + req.initrd().length;
        }
        byte[] dtb = FdtWriter.write(tree(arch, layout, req, initrdStart, initrdEnd, edits));
        checkSize(dtb.length);
        long dtbMin = !spareDtbPage ? holeMin : ((initrdStart >= 0 ? initrdEnd : holeMin) + 4096) & -4096L;
        return alloc.add("dtb", SegmentData.of(dtb), dtb.length, 8, dtbMin, holeMax, false);
    }

    /**
     * The device tree for a load: the user's DTB ({@link LoadRequest#dtb()}) or the standard
     * tree of {@code arch}, patched with the command line, the initrd ({@code initrdStart} -1
     * for none) and the machine's memory.
     */
    public static Fdt tree(Arch arch, MemoryLayout layout, LoadRequest req, long initrdStart, long initrdEnd)
            throws PlanningException, ImageFormatException {
        return tree(arch, layout, req, initrdStart, initrdEnd, DeviceTreeEdits.REPLACE_MEMORY);
    }

    /** Like {@link #tree(Arch, MemoryLayout, LoadRequest, long, long)}, editing the tree with {@code edits}. */
    public static Fdt tree(Arch arch, MemoryLayout layout, LoadRequest req, long initrdStart, long initrdEnd,
                           DeviceTreeEdits edits) throws PlanningException, ImageFormatException {
        Fdt base = req.dtb() != null ? FdtParser.parse(req.dtb()) : DeviceTrees.standard(arch, layout);
        return DeviceTrees.patch(base, layout, req.cmdline(), initrdStart, initrdEnd,
                req.dtb() != null ? edits : new DeviceTreeEdits(false, edits.chosenRanges()));
    }

    /** Fails if a device tree of {@code size} bytes is larger than a kernel accepts ({@link #DTB_MAX}). */
    public static void checkSize(long size) throws PlanningException {
        if (size > DTB_MAX) {
            throw new PlanningException(String.format("the 0x%x-byte device tree is larger than the 2 MiB a kernel accepts",
                    size));
        }
    }

    /** {@code fdt} with one more {@code /memreserve/} entry, {@code [address, address + size)}. */
    public static Fdt withSelfReservation(Fdt fdt, long address, long size) {
        java.util.List<Fdt.Reservation> rsv = new java.util.ArrayList<>(fdt.reservations());
        rsv.add(new Fdt.Reservation(address, size));
        return new Fdt(fdt.root(), rsv, fdt.bootCpuId());
    }
}
