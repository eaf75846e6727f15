package org.kexeclab.ppc.kernel;

import org.kexeclab.ppc.PpcDecoder;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Everything calling one ppc64le kernel's own {@code kexec_sequence} needs to know about that
 * build, each fact read from the kernel itself and checked, so that a kernel built differently
 * is refused with one sentence instead of being called with wrong inputs:
 *
 * <ul>
 *   <li>where the kernel sits in physical memory ({@link OldKernelImage});</li>
 *   <li>the code and its helpers ({@code Ppc64LeKexecSequenceCode}, the relocation-code
 *       locator), with the {@code struct kimage} offsets it decodes;</li>
 *   <li>the paca offsets: {@code hw_cpu_id} from {@code kexec_sequence}'s {@code lhz rX, d(r13)}
 *       and the canary from {@code kexec_copy_flush} ({@link CopyFlushShape});</li>
 *   <li>the {@code struct kexec_segment} layout and {@code KEXEC_SEGMENT_MAX}, and the page size,
 *       which {@code copy_page}'s {@code lis r5; ori r5} must confirm;</li>
 *   <li>{@code kexec_stack}, on which {@code kexec_sequence} builds its frame with
 *       {@code stdu r1, F(r3)} (F must lie inside it);</li>
 *   <li>the call sites ftrace turns into {@code nop}s at boot ({@link FtraceCallSites}).</li>
 * </ul>
 *
 * @param code           the relocation code and its helpers, as the locator found them
 * @param image          the kernel as physical memory holds it, and {@code PAGE_OFFSET}
 * @param pageSize       the kernel's page size
 * @param kexecStack     the virtual address of {@code kexec_stack}
 * @param stackFrame     {@code F} in {@code stdu r1, F(r3)}: where on {@code kexec_stack} the first frame goes
 * @param hwCpuId        the paca offset of {@code hw_cpu_id} (a halfword)
 * @param canary         the paca offset of the stack-protector canary (a doubleword)
 * @param kimage         the {@code struct kimage} and {@code struct kexec_segment} layouts
 * @param ftrace         the {@code _mcount} call sites ftrace patches
 */
public record KexecSequenceFacts(RelocationCode code, OldKernelImage image, int pageSize, long kexecStack,
                                 int stackFrame, int hwCpuId, int canary, KimageLayout kimage,
                                 FtraceCallSites ftrace) {
    /**
     * Reads every fact from {@code kernel}.
     *
     * @throws VmlinuxException if the kernel is not laid out, or its code not shaped, as expected
     */
    public static KexecSequenceFacts read(Vmlinux kernel) throws VmlinuxException {
        RelocationCode code = ArchServices.locator(kernel.arch()).locate(kernel);
        OldKernelImage image = OldKernelImage.of(kernel, code.label("kexec_sequence"));
        CopyFlushShape flush = CopyFlushShape.read(kernel.function("kexec_copy_flush"), code.label("memcpy"));
        int pageSize = copyPageSize(kernel.function("copy_page"));
        if (pageSize != flush.pageSize()) {
            throw new VmlinuxException(String.format("copy_page copies 0x%x bytes but kexec_copy_flush advances its "
                    + "destination by 0x%x", pageSize, flush.pageSize()));
        }
        KernelCode sequence = code.code();
        KernelSymbol stack = kernel.symbols().require("kexec_stack");
        int frame = firstDisplacement(sequence, w -> PpcDecoder.isStdu(w) && PpcDecoder.rt(w) == 1
                && PpcDecoder.ra(w) == 3, "stdu r1, F(r3) onto kexec_stack");
        long stackSize = kernel.symbols().sizeOf(stack).orElse(0);
        if (frame < 0 || frame + 8 > stackSize) {
            throw new VmlinuxException(String.format("kexec_sequence puts its first frame at kexec_stack + %d, "
                    + "outside the 0x%x bytes up to the next symbol", frame, stackSize));
        }
        int hwCpuId = firstDisplacement(sequence, w -> PpcDecoder.isLhz(w) && PpcDecoder.ra(w) == 13,
                "lhz rX, d(r13) (the paca's hw_cpu_id)");
        KimageLayout kimage = KimageLayout.of(code.fieldOffsets(), flush);
        FtraceCallSites ftrace = FtraceCallSites.read(kernel);
        return new KexecSequenceFacts(code, image, pageSize, stack.address(), frame, hwCpuId, flush.canary(), kimage,
                ftrace);
    }

    /** PAGE_SIZE from {@code copy_page}'s {@code lis r5, H; ori r5, r5, L}. */
    static int copyPageSize(KernelCode copyPage) throws VmlinuxException {
        for (int i = 0; i + 8 <= copyPage.size(); i += 4) {
            int lis = copyPage.word(i);
            int ori = copyPage.word(i + 4);
            if (PpcDecoder.isLis(lis) && PpcDecoder.rt(lis) == 5 && PpcDecoder.isOri(ori) && PpcDecoder.rt(ori) == 5
                    && PpcDecoder.ra(ori) == 5) {
                long size = ((long) PpcDecoder.displacement(lis) << 16) | PpcDecoder.unsignedImmediate(ori);
                if (size < 4096 || size > 1 << 24 || Long.bitCount(size) != 1) {
                    throw new VmlinuxException(String.format("copy_page copies 0x%x bytes, not a page", size));
                }
                return (int) size;
            }
        }
        throw new VmlinuxException("copy_page does not load its size with lis r5, H; ori r5, r5, L");
    }

    /** The displacement of the first word of {@code code} that {@code form} accepts. */
    private static int firstDisplacement(KernelCode code, java.util.function.IntPredicate form, String what)
            throws VmlinuxException {
        for (int i = 0; i + 4 <= code.size(); i += 4) {
            if (form.test(code.word(i))) {
                return PpcDecoder.displacement(code.word(i));
            }
        }
        throw new VmlinuxException(code.name() + " has no " + what);
    }

    /** The physical address of kernel virtual address {@code va}. */
    public long physical(long va) {
        return image.physical(va);
    }

    /** The kernel virtual address of physical address {@code pa}. */
    public long virtual(long pa) {
        return image.virtual(pa);
    }
}
