package org.kexeclab.arm64;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.vmlinux.ImageLinkAddress;
import org.kexeclab.vmlinux.Kallsyms;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Places a raw arm64 {@code Image}. Two facts of the file fix it:
 * <ul>
 * <li>The Image header's {@code code0}/{@code code1} (booting.rst) hold a {@code b} to the
 *     kernel's entry, {@code primary_entry} (called {@code stext} before 5.8), which kallsyms
 *     names: the branch target's file offset and the symbol's address give the address of the
 *     file's first byte.</li>
 * <li>arm64 links its image with {@code --no-apply-dynamic-relocs}: absolute words, among them
 *     {@code kallsyms_relative_base}, are stored as 0 and carried by {@code R_AARCH64_RELATIVE}
 *     entries ({@code r_offset}, {@code r_info} 1027, {@code r_addend}) that the kernel applies
 *     at boot. The entry whose {@code r_offset} is the relative base's own address carries the
 *     real base; it is the one whose {@code r_offset - r_addend} equals the distance the first
 *     rule fixes.</li>
 * </ul>
 * A kernel that stores a non-zero relative base needs only the first rule.
 */
public final class Arm64ImageLinkAddress implements ImageLinkAddress {
    private static final long R_AARCH64_RELATIVE = 1027;
    private static final String[] ENTRY_SYMBOLS = {"primary_entry", "stext"};

    @Override
    public Arch arch() {
        return ArmArches.ARM64;
    }

    @Override
    public Link link(byte[] image, Kallsyms kallsyms) throws VmlinuxException {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < 64 || b.getInt(0x38) != 0x644d5241) {
            throw new VmlinuxException("the raw image has no arm64 Image header (magic \"ARM\\x64\" at 0x38)");
        }
        long entryOffset = headerBranchTarget(b);
        long entry = entrySymbolAddress(kallsyms);
        long start = entry - entryOffset;
        if ((start & 0xfff) != 0) {
            throw new VmlinuxException(String.format("the header branch to offset 0x%x and the entry symbol at 0x%x "
                    + "put the image at 0x%x, which is not page-aligned", entryOffset, entry, start));
        }
        if (kallsyms.relativeBase() != 0) {
            return new Link(start, kallsyms.relativeBase());
        }
        long base = relocatedBase(b, kallsyms.layout().relativeBaseAt(), start);
        return new Link(base, base - start);
    }

    /** The file offset {@code code0} or {@code code1} branches to. */
    private static long headerBranchTarget(ByteBuffer b) throws VmlinuxException {
        for (int at = 0; at <= 4; at += 4) {
            int w = b.getInt(at);
            if (A64Decoder.isB(w)) {
                return A64Decoder.branchTarget(w, at);
            }
        }
        throw new VmlinuxException(String.format("neither code0 (0x%08x) nor code1 (0x%08x) of the arm64 Image header "
                + "is a b to the kernel's entry", b.getInt(0), b.getInt(4)));
    }

    private static long entrySymbolAddress(Kallsyms k) throws VmlinuxException {
        for (String name : ENTRY_SYMBOLS) {
            int i = k.names().indexOf(name);
            if (i >= 0) {
                return k.address(i);
            }
        }
        throw new VmlinuxException("kallsyms names neither primary_entry nor stext, the entry the Image header branches to");
    }

    /**
     * The address of the image's first byte, from the R_AARCH64_RELATIVE entry that fills in
     * {@code kallsyms_relative_base} (at file offset {@code relAt}); {@code start} is the
     * image's address in the stored (base 0) numbering.
     */
    private static long relocatedBase(ByteBuffer b, int relAt, long start) throws VmlinuxException {
        long wanted = relAt + start;
        long found = 0;
        int matches = 0;
        for (int p = 0; p + 24 <= b.capacity(); p += 8) {
            if (b.getLong(p + 8) == R_AARCH64_RELATIVE && b.getLong(p) - b.getLong(p + 16) == wanted) {
                long base = b.getLong(p) - relAt;
                if (matches == 0 || base != found) {
                    matches++;
                }
                found = base;
            }
        }
        if (matches != 1) {
            throw new VmlinuxException(String.format("kallsyms_relative_base is stored as 0 and %d R_AARCH64_RELATIVE "
                    + "entries could fill it in (expected exactly one)", matches));
        }
        if ((found & 0xfff) != 0) {
            throw new VmlinuxException(String.format("the relocation of kallsyms_relative_base puts the image at 0x%x, "
                    + "which is not page-aligned", found));
        }
        return found;
    }
}
