package org.kexeclab.riscv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.ImageLinkAddress;
import org.kexeclab.vmlinux.Kallsyms;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Places a raw RISC-V {@code Image} (Documentation/arch/riscv/boot-image-header.rst). Its header
 * starts with a jump to the kernel's entry, {@code _start_kernel}, which kallsyms names: with the
 * EFI stub the first halfword is the "MZ" magic (itself a harmless compressed instruction) and
 * the {@code jal zero} follows at offset 2; without it the {@code jal} is at offset 0. The jump's
 * target in the file and the symbol's address give the address of the file's first byte. RISC-V
 * stores its {@code kallsyms_relative_base}, so that word is the base.
 */
public final class RiscvImageLinkAddress implements ImageLinkAddress {
    private static final String ENTRY = "_start_kernel";
    private static final int JAL = 0x6f;
    private static final int RISCV_MAGIC_AT = 0x30;

    @Override
    public Arch arch() {
        return RiscvArches.RISCV64;
    }

    @Override
    public Link link(byte[] image, Kallsyms kallsyms) throws VmlinuxException {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < 64 || b.getLong(RISCV_MAGIC_AT) != 0x5643534952L) {
            throw new VmlinuxException("the raw image has no RISC-V Image header (magic \"RISCV\" at 0x30)");
        }
        if (kallsyms.relativeBase() == 0) {
            throw new VmlinuxException("the RISC-V image stores kallsyms_relative_base as 0, so its symbols' "
                    + "addresses are not known");
        }
        int i = kallsyms.names().indexOf(ENTRY);
        if (i < 0) {
            throw new VmlinuxException("kallsyms does not name _start_kernel, the entry the Image header jumps to");
        }
        long start = kallsyms.address(i) - headerJumpTarget(b);
        if ((start & 0xfff) != 0) {
            throw new VmlinuxException(String.format("the header's jump and _start_kernel at 0x%x put the image at "
                    + "0x%x, which is not page-aligned", kallsyms.address(i), start));
        }
        return new Link(start, kallsyms.relativeBase());
    }

    /** The file offset the header's {@code jal zero} (at offset 0, or at 2 after "MZ") jumps to. */
    static long headerJumpTarget(ByteBuffer b) throws VmlinuxException {
        for (int at = 0; at <= 2; at += 2) {
            int w = b.getInt(at);
            if ((w & 0xfff) == JAL) {
                return at + jalOffset(w);
            }
        }
        throw new VmlinuxException(String.format("the RISC-V Image header starts with 0x%08x: no jal zero to the "
                + "kernel's entry at offset 0 or 2", b.getInt(0)));
    }

    /** The signed byte offset of a JAL (imm[20|10:1|11|19:12] in bits 31..12). */
    static long jalOffset(int w) {
        int imm = (w >>> 31) << 20 | (w >>> 21 & 0x3ff) << 1 | (w >>> 20 & 1) << 11 | (w >>> 12 & 0xff) << 12;
        return imm << 11 >> 11;
    }
}
