package org.kexeclab.loader.dt;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/**
 * Reads a flattened device tree (version 16 or 17) into an {@link Fdt}, checking every
 * offset and length in the header and every token against the blocks they must lie in.
 */
public final class FdtParser {
    static final String FORMAT = "DTB";
    /** Deepest node nesting accepted (real trees are under 10 deep). */
    static final int MAX_DEPTH = 64;

    private final FileBytes f;
    private final long structStart;
    private final long structEnd;
    private final long stringsStart;
    private final long stringsEnd;

    private FdtParser(FileBytes f, long structStart, long structEnd, long stringsStart, long stringsEnd) {
        this.f = f;
        this.structStart = structStart;
        this.structEnd = structEnd;
        this.stringsStart = stringsStart;
        this.stringsEnd = stringsEnd;
    }

    /** Parses {@code dtb}. */
    public static Fdt parse(byte[] dtb) throws ImageFormatException {
        FileBytes f = new FileBytes(dtb, FORMAT, ByteOrder.BIG_ENDIAN);
        long magic = f.u32(0, "magic");
        if (magic != Fdt.MAGIC) {
            throw f.error(0, String.format("the magic is 0x%08x, not 0xd00dfeed, so this is not a device tree blob", magic));
        }
        long total = f.u32(4, "totalsize");
        long version = f.u32(20, "version");
        long lastComp = f.u32(24, "last_comp_version");
        if (version < 16 || lastComp > Fdt.VERSION) {
            throw f.error(20, String.format("version %d (compatible back to %d) is not readable as version 16 or 17",
                    version, lastComp));
        }
        int headerSize = version >= 17 ? Fdt.HEADER_SIZE : 36;
        if (total < headerSize || total > dtb.length) {
            throw f.error(4, String.format("totalsize 0x%x does not fit the 0x%x-byte file", total, dtb.length));
        }
        long structOff = f.u32(8, "off_dt_struct");
        long stringsOff = f.u32(12, "off_dt_strings");
        long rsvOff = f.u32(16, "off_mem_rsvmap");
        long stringsSize = f.u32(32, "size_dt_strings");
        long structSize = version >= 17 ? f.u32(36, "size_dt_struct") : stringsOff - structOff;
        checkBlock(f, 8, "structure block", structOff, structSize, total, 4);
        checkBlock(f, 12, "strings block", stringsOff, stringsSize, total, 1);
        checkBlock(f, 16, "memory reservation block", rsvOff, 16, total, 8);
        FdtParser p = new FdtParser(f, structOff, structOff + structSize, stringsOff, stringsOff + stringsSize);
        return new Fdt(p.structure(), reservations(f, rsvOff, total), f.u32(28, "boot_cpuid_phys"));
    }

    private static void checkBlock(FileBytes f, long field, String what, long off, long size, long total, int align)
            throws ImageFormatException {
        if (off < Fdt.HEADER_SIZE - 4 || off > total || size > total - off) {
            throw f.error(field, String.format("the %s [0x%x, +0x%x) lies outside the 0x%x-byte tree", what, off, size, total));
        }
        if (off % align != 0) {
            throw f.error(field, String.format("the %s offset 0x%x is not %d-byte aligned", what, off, align));
        }
    }

    private static List<Fdt.Reservation> reservations(FileBytes f, long off, long total) throws ImageFormatException {
        List<Fdt.Reservation> out = new ArrayList<>();
        for (long p = off; ; p += 16) {
            if (p + 16 > total) {
                throw f.error(p, "the memory reservation block has no terminating zero entry");
            }
            long addr = f.u64(p, "a memory reservation address");
            long size = f.u64(p + 8, "a memory reservation size");
            if (addr == 0 && size == 0) {
                return out;
            }
            out.add(new Fdt.Reservation(addr, size));
        }
    }

    private FdtNode structure() throws ImageFormatException {
        Deque<FdtNode> open = new ArrayDeque<>();
        FdtNode root = null;
        long p = structStart;
        while (true) {
            long token = token(p);
            long at = p;
            p += 4;
            if (token == Fdt.FDT_BEGIN_NODE) {
                String name = string(p, structEnd, "node name");
                p = align4(p + name.getBytes(StandardCharsets.UTF_8).length + 1);
                if (root != null && open.isEmpty()) {
                    throw f.error(at, "a second root node follows the first");
                }
                if (open.size() >= MAX_DEPTH) {
                    throw f.error(at, "nodes nest more than " + MAX_DEPTH + " deep");
                }
                FdtNode n = new FdtNode(name);
                if (open.isEmpty()) {
                    root = n;
                } else {
                    open.peek().add(n);
                }
                open.push(n);
            } else if (token == Fdt.FDT_END_NODE) {
                if (open.isEmpty()) {
                    throw f.error(at, "FDT_END_NODE closes no open node");
                }
                open.pop();
            } else if (token == Fdt.FDT_PROP) {
                p = property(at, open);
            } else if (token == Fdt.FDT_END) {
                return finish(at, root, open);
            } else if (token != Fdt.FDT_NOP) {
                throw f.error(at, String.format("0x%x is not a structure block token", token));
            }
        }
    }

    private long property(long at, Deque<FdtNode> open) throws ImageFormatException {
        if (open.isEmpty()) {
            throw f.error(at, "a property appears outside any node");
        }
        long len = token(at + 4);
        long nameOff = token(at + 8);
        if (nameOff >= stringsEnd - stringsStart) {
            throw f.error(at + 8, String.format("property name offset 0x%x is past the strings block", nameOff));
        }
        String name = string(stringsStart + nameOff, stringsEnd, "property name");
        long value = at + 12;
        if (len > structEnd - value) {
            throw f.error(at + 4, String.format("property '%s' claims 0x%x bytes, past the structure block", name, len));
        }
        open.peek().set(name, f.slice(value, len, "property " + name));
        return align4(value + len);
    }

    private FdtNode finish(long at, FdtNode root, Deque<FdtNode> open) throws ImageFormatException {
        if (root == null) {
            throw f.error(at, "FDT_END comes before any node");
        }
        if (!open.isEmpty()) {
            throw f.error(at, "FDT_END comes while node '" + open.peek().name() + "' is still open");
        }
        return root;
    }

    private long token(long p) throws ImageFormatException {
        if (p + 4 > structEnd) {
            throw f.error(p, "the structure block ends without an FDT_END token");
        }
        return f.u32(p, "a structure token");
    }

    private String string(long p, long end, String what) throws ImageFormatException {
        for (long q = p; q < end; q++) {
            if (f.u8(q, what) == 0) {
                return new String(f.data(), (int) p, (int) (q - p), StandardCharsets.UTF_8);
            }
        }
        throw f.error(p, "the " + what + " has no terminating NUL inside its block");
    }

    private static long align4(long p) {
        return (p + 3) & ~3L;
    }
}
