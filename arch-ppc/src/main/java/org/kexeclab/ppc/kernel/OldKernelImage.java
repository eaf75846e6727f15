package org.kexeclab.ppc.kernel;

import java.util.List;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The running (old) ppc64le kernel as physical memory holds it: each ELF {@code PT_LOAD} at its
 * physical address, its file bytes followed by zeroed BSS. A Book3S kernel runs at physical 0
 * and at {@code PAGE_OFFSET + p} in its linear map; real mode reaches physical {@code p} from
 * that address because it ignores the top four address bits, so {@code PAGE_OFFSET}'s low 60
 * bits must be 0 for the kernel's code to run in real mode at all.
 *
 * @param file       the ELF vmlinux
 * @param loads      its {@code PT_LOAD} headers
 * @param pageOffset the virtual address of physical 0 ({@code vaddr - paddr}, one for every load)
 * @param end        the physical end of the highest load's memory (text, data and BSS)
 */
public record OldKernelImage(byte[] file, List<ElfKernel.Segment> loads, long pageOffset, long end) {
    /** Real mode ignores these top bits of an effective address. */
    static final long REAL_MODE_IGNORED = 0xf000_0000_0000_0000L;

    /**
     * The placement of {@code kernel}, whose code at {@code text} must be in a load.
     *
     * @throws VmlinuxException if the kernel is not an ELF vmlinux placed as a Book3S kernel is
     */
    public static OldKernelImage of(Vmlinux kernel, long text) throws VmlinuxException {
        if (!kernel.unpacked().elf()) {
            throw new VmlinuxException("the ppc64le kernel is not an ELF vmlinux, so its physical placement is not "
                    + "known");
        }
        ElfKernel elf;
        try {
            elf = KernelFormats.parseElf(kernel.unpacked().bytes());
        } catch (ImageFormatException e) {
            throw new VmlinuxException("the vmlinux's ELF headers do not parse: " + e.getMessage());
        }
        ElfKernel.Segment holding = elf.segments().stream()
                .filter(s -> Long.compareUnsigned(text - s.vaddr(), s.memsz()) < 0).findFirst()
                .orElseThrow(() -> new VmlinuxException(String.format("no PT_LOAD of the vmlinux holds 0x%x", text)));
        long pageOffset = holding.vaddr() - holding.paddr();
        if ((pageOffset & ~REAL_MODE_IGNORED) != 0) {
            throw new VmlinuxException(String.format("the vmlinux maps physical 0x%x at 0x%x, so PAGE_OFFSET 0x%x is "
                    + "not an address real mode reduces to 0", holding.paddr(), holding.vaddr(), pageOffset));
        }
        long end = 0;
        for (ElfKernel.Segment s : elf.segments()) {
            if (s.vaddr() - s.paddr() != pageOffset) {
                throw new VmlinuxException(String.format("the vmlinux's PT_LOADs do not share one PAGE_OFFSET: "
                        + "0x%x maps to physical 0x%x", s.vaddr(), s.paddr()));
            }
            end = Math.max(end, s.paddr() + s.memsz());
        }
        return new OldKernelImage(kernel.unpacked().bytes(), elf.segments(), pageOffset, end);
    }

    /** Writes every load at its physical address: file bytes, then zeros up to its memory size. */
    public void writeTo(GuestMemory memory) {
        for (ElfKernel.Segment s : loads) {
            memory.write(s.paddr(), file, (int) s.offset(), (int) s.filesz());
            long bss = s.memsz() - s.filesz();
            for (long done = 0; done < bss; done += ZEROS.length) {
                int n = (int) Math.min(ZEROS.length, bss - done);
                memory.write(s.paddr() + s.filesz() + done, ZEROS, 0, n);
            }
        }
    }

    private static final byte[] ZEROS = new byte[1 << 16];

    /** The physical address of kernel virtual address {@code va}. */
    public long physical(long va) {
        return va - pageOffset;
    }

    /** The kernel virtual address of physical address {@code pa}. */
    public long virtual(long pa) {
        return pa + pageOffset;
    }

    @Override
    public String toString() {
        return String.format("OldKernelImage{PAGE_OFFSET 0x%x, physical 0..0x%x}", pageOffset, end);
    }
}
