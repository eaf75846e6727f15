package org.kexeclab.loader;

import java.nio.charset.StandardCharsets;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;

/**
 * Places the initrd and then the device tree above the kernel, as kexec-tools' arm64, arm and
 * powerpc loaders do: the initrd page-aligned, bottom-up from the end of the kernel; the
 * DTB (patched with the initrd's final addresses, at most 2 MiB) in the lowest page-aligned
 * hole left above the kernel, which is after the initrd.
 */
final class DeviceTreeBootData {
    /** booting.rst: "The device tree blob (dtb) must ... not exceed 2 megabytes in size." */
    static final int DTB_MAX = 2 << 20;

    private DeviceTreeBootData() {
    }

    /**
     * Refuses a command line the kernel cannot hold: longer than {@code commandLineSize - 1}
     * bytes (UTF-8), the architecture's {@code COMMAND_LINE_SIZE} less its NUL. kexec-tools
     * refuses it on arm64 ("Kernel command line too long for kernel!") and ppc32, cuts it on
     * arm; the kernel itself would cut it when it copies {@code bootargs}.
     */
    static void checkCommandLine(Arch arch, String cmdline, int commandLineSize) throws PlanningException {
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
    static long place(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req, long holeMin, long holeMax)
            throws PlanningException, ImageFormatException {
        return place(alloc, arch, layout, req, holeMin, holeMax, false);
    }

    /**
     * Like {@link #place(HoleAllocator, Arch, MemoryLayout, LoadRequest, long, long)}; with
     * {@code spareDtbPage} the DTB starts no lower than one page past the initrd's end (or
     * past {@code holeMin} without an initrd), as kexec-tools' arm zImage loader leaves it.
     */
    static long place(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req, long holeMin, long holeMax,
                      boolean spareDtbPage) throws PlanningException, ImageFormatException {
        long initrdStart = -1;
        long initrdEnd = -1;
        if (req.initrd() != null) {
            initrdStart = alloc.add("initrd", SegmentData.of(req.initrd()), req.initrd().length, 4096, holeMin, holeMax,
                    false);
            initrdEnd = initrdStart + req.initrd().length;
        }
        Fdt base = req.dtb() != null ? FdtParser.parse(req.dtb()) : DeviceTrees.standard(arch, layout);
        byte[] dtb = FdtWriter.write(DeviceTrees.patch(base, layout, req.cmdline(), initrdStart, initrdEnd));
        if (dtb.length > DTB_MAX) {
            throw new PlanningException(String.format("the 0x%x-byte device tree is larger than the 2 MiB a kernel accepts",
                    dtb.length));
        }
        long dtbMin = !spareDtbPage ? holeMin : ((initrdStart >= 0 ? initrdEnd : holeMin) + 4096) & -4096L;
        return alloc.add("dtb", SegmentData.of(dtb), dtb.length, 8, dtbMin, holeMax, false);
    }

    /**
     * The powerpc placement of kexec-tools' {@code elf_ppc64_load()}: the initrd in the
     * lowest free hole, the DTB in the highest, and the DTB's last {@code /memreserve/}
     * entry covering the DTB itself.
     *
     * @return the DTB's address
     */
    static long placePowerpc(HoleAllocator alloc, Arch arch, MemoryLayout layout, LoadRequest req)
            throws PlanningException, ImageFormatException {
        long initrdStart = -1;
        long initrdEnd = -1;
        if (req.initrd() != null) {
            initrdStart = alloc.add("initrd", SegmentData.of(req.initrd()), req.initrd().length, 4096, 0,
                    HoleAllocator.NO_MAX, false);
            initrdEnd = initrdStart + req.initrd().length;
        }
        Fdt base = req.dtb() != null ? FdtParser.parse(req.dtb()) : DeviceTrees.standard(arch, layout);
        Fdt patched = DeviceTrees.patch(base, layout, req.cmdline(), initrdStart, initrdEnd);
        int size = FdtWriter.write(withSelfReservation(patched, 0, 1)).length;
        if (size > DTB_MAX) {
            throw new PlanningException(String.format("the 0x%x-byte device tree is larger than the 2 MiB a kernel accepts",
                    size));
        }
        HoleAllocator probe = alloc.copy();
        long at = probe.add("dtb", SegmentData.generated(size, 0), size, 8, 0, HoleAllocator.NO_MAX, true);
        byte[] dtb = FdtWriter.write(withSelfReservation(patched, at, size));
        alloc.addAt("dtb", SegmentData.of(dtb), at, size);
        return at;
    }

    private static Fdt withSelfReservation(Fdt fdt, long address, long size) {
        java.util.List<Fdt.Reservation> rsv = new java.util.ArrayList<>(fdt.reservations());
        rsv.add(new Fdt.Reservation(address, size));
        return new Fdt(fdt.root(), rsv, fdt.bootCpuId());
    }
}
