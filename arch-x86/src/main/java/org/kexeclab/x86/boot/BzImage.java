package org.kexeclab.x86.boot;

import java.util.Arrays;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.format.UnpackedKernel;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.x86.X86Arches;

/**
 * A parsed x86 bzImage (Documentation/arch/x86/boot.rst): the real-mode setup of
 * {@code (setup_sects + 1) * 512} bytes whose setup header starts at 0x1f1, followed by the
 * protected-mode payload. A kernel with {@code XLF_KERNEL_64} is an x86_64 kernel, entered at its
 * 64-bit entry (load address + 0x200); one without is a 32-bit (i386) kernel, entered at its
 * 32-bit entry, the load address itself.
 *
 * @param file            the whole file (not copied; treat as read-only)
 * @param setupSects      {@code setup_sects} (0 already replaced by 4)
 * @param version         boot protocol version, e.g. 0x020f for 2.15
 * @param loadflags       {@code loadflags} (bit 0 LOADED_HIGH)
 * @param relocatable     {@code relocatable_kernel} != 0
 * @param kernelAlignment {@code kernel_alignment} (a power of two)
 * @param xloadflags      {@code xloadflags} (bit 0 XLF_KERNEL_64, bit 1 XLF_CAN_BE_LOADED_ABOVE_4G)
 * @param prefAddress     {@code pref_address}
 * @param initSize        {@code init_size}: bytes the kernel needs from its load address
 * @param initrdAddrMax   {@code initrd_addr_max}: highest address the initrd may end at
 * @param cmdlineSize     {@code cmdline_size}: longest command line, without its NUL
 */
public record BzImage(byte[] file, int setupSects, int version, int loadflags, boolean relocatable,
                      long kernelAlignment, int xloadflags, long prefAddress, long initSize,
                      long initrdAddrMax, long cmdlineSize) implements KernelImage {
    /** Offset of the setup header in the file and in the zero page. */
    public static final int SETUP_HEADER_OFFSET = 0x1f1;
    /** Offset of the 64-bit entry point in the protected-mode payload. */
    public static final int ENTRY64_OFFSET = 0x200;
    /** {@code xloadflags} bit: the kernel has the 64-bit entry at +0x200. */
    public static final int XLF_KERNEL_64 = 1;
    /** {@code xloadflags} bit: kernel, boot params, command line and initrd may be above 4 GiB. */
    public static final int XLF_CAN_BE_LOADED_ABOVE_4G = 2;

    /** x86_64 if the kernel has the 64-bit entry ({@code XLF_KERNEL_64}), else i386. */
    @Override
    public Arch arch() {
        return is64Bit() ? X86Arches.X86_64 : X86Arches.I386;
    }

    /** True if {@code xloadflags} has {@code XLF_KERNEL_64}: the kernel is entered in 64-bit mode at +0x200. */
    public boolean is64Bit() {
        return (xloadflags & XLF_KERNEL_64) != 0;
    }

    /** Offset of the entry in the payload: 0x200 for the 64-bit entry, 0 for the 32-bit one. */
    public int entryOffset() {
        return is64Bit() ? ENTRY64_OFFSET : 0;
    }

    /** Planned as kexec-tools' bzImage loaders do, the 64-bit or the 32-bit one ({@link X86BzImagePlanner}). */
    @Override
    public LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException {
        return X86BzImagePlanner.plan(this, req, layout);
    }

    /** The ELF vmlinux inside the payload (xz or gzip); see {@link BzImagePayload}. */
    @Override
    public UnpackedKernel unpack(long maxSize) throws ImageFormatException {
        return BzImagePayload.unpack(this, maxSize);
    }

    @Override
    public String formatName() {
        return "bzImage";
    }

    /** Bytes of real-mode setup code before the payload: {@code (setup_sects + 1) * 512}. */
    public int setupSize() {
        return (setupSects + 1) * 512;
    }

    /** Bytes of the protected-mode payload (the kernel segment's {@code bufsz}). */
    public int payloadSize() {
        return file.length - setupSize();
    }

    /** A copy of the protected-mode payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(file, setupSize(), file.length);
    }

    /**
     * A copy of the setup header as it is copied into the zero page: from 0x1f1 to
     * {@code 0x202 + file[0x201]}, at most 0x7f bytes.
     */
    public byte[] setupHeader() {
        int end = Math.min(0x202 + (file[0x201] & 0xff), SETUP_HEADER_OFFSET + 0x7f);
        return Arrays.copyOfRange(file, SETUP_HEADER_OFFSET, end);
    }

    /** True if {@code xloadflags} allows loading above 4 GiB. */
    public boolean canLoadAbove4G() {
        return (xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G) != 0;
    }

    @Override
    public String toString() {
        return String.format("bzImage{protocol %d.%02d, setup_sects %d, payload 0x%x, init_size 0x%x, "
                        + "kernel_alignment 0x%x, relocatable %b, xloadflags 0x%x}", version >> 8, version & 0xff,
                setupSects, payloadSize(), initSize, kernelAlignment, relocatable, xloadflags);
    }
}
