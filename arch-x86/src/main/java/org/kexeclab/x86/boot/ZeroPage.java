package org.kexeclab.x86.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;

/**
 * The x86 boot parameters ("zero page", Documentation/arch/x86/zero-page.rst) followed by
 * the command line, as kexec-tools' 64-bit bzImage loader builds its setup segment: a
 * zeroed buffer of {@code max(setup size, 4096)} bytes with only the setup header copied in
 * at 0x1f1, {@code type_of_loader} 0xd0 (kexec), {@code loadflags} 0 (kexec-tools: "No loader flags"), the initrd and command-line pointers (low and
 * {@code ext_} high halves) and an e820 table; the NUL-terminated command line follows.
 */
public final class ZeroPage {
    static final int E820_ENTRIES = 0x1e8;
    static final int E820_TABLE = 0x2d0;
    static final int E820_MAX = 128;
    static final int E820_RAM = 1;
    static final int E820_RESERVED = 2;
    static final int EXT_RAMDISK_IMAGE = 0x0c0;
    static final int EXT_RAMDISK_SIZE = 0x0c4;
    static final int EXT_CMD_LINE_PTR = 0x0c8;
    static final int TYPE_OF_LOADER = 0x210;
    /** {@code type_of_loader} for kexec: loader id 0xD in the high nibble, as kexec-tools writes it. */
    static final int LOADER_TYPE_KEXEC = 0xd0;
    static final int LOADFLAGS = 0x211;
    static final int RAMDISK_IMAGE = 0x218;
    static final int RAMDISK_SIZE = 0x21c;
    static final int CMD_LINE_PTR = 0x228;
    /** Room kexec-tools leaves after the command line for purgatory's own arguments. */
    static final int PURGATORY_CMDLINE_SIZE = 64;

    private ZeroPage() {
    }

    /** Where the command line starts in the setup segment: {@code max(setupSize, 4096)}. */
    static int cmdlineOffset(BzImage bz) {
        return Math.max(bz.setupSize(), 4096);
    }

    /** The segment's size: zero page (and room for the setup size) + command line + NUL + 64. */
    static int size(BzImage bz, String cmdline) {
        return cmdlineOffset(bz) + cmdline.getBytes(StandardCharsets.UTF_8).length + 1 + PURGATORY_CMDLINE_SIZE;
    }

    /**
     * The setup segment's bytes for a segment loaded at {@code base}.
     *
     * @param initrdBase the initrd's address (ignored if {@code initrdSize} is 0)
     */
    public static byte[] build(BzImage bz, String cmdline, long base, long initrdBase, long initrdSize,
                               MemoryLayout layout) {
        ByteBuffer b = ByteBuffer.allocate(size(bz, cmdline)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BzImage.SETUP_HEADER_OFFSET, bz.setupHeader());
        b.put(TYPE_OF_LOADER, (byte) LOADER_TYPE_KEXEC);
        b.put(LOADFLAGS, (byte) 0);
        long cmdPtr = base + cmdlineOffset(bz);
        b.putInt(CMD_LINE_PTR, (int) cmdPtr).putInt(EXT_CMD_LINE_PTR, (int) (cmdPtr >>> 32));
        if (initrdSize > 0) {
            b.putInt(RAMDISK_IMAGE, (int) initrdBase).putInt(EXT_RAMDISK_IMAGE, (int) (initrdBase >>> 32));
            b.putInt(RAMDISK_SIZE, (int) initrdSize).putInt(EXT_RAMDISK_SIZE, (int) (initrdSize >>> 32));
        } else {
            b.putInt(RAMDISK_IMAGE, 0).putInt(RAMDISK_SIZE, 0);
        }
        List<long[]> e820 = e820(layout);
        b.put(E820_ENTRIES, (byte) e820.size());
        for (int i = 0; i < e820.size(); i++) {
            int at = E820_TABLE + 20 * i;
            b.putLong(at, e820.get(i)[0]).putLong(at + 8, e820.get(i)[1]).putInt(at + 16, (int) e820.get(i)[2]);
        }
        b.put(cmdlineOffset(bz), cmdline.getBytes(StandardCharsets.UTF_8));
        return b.array();
    }

    /**
     * The e820 map of {@code layout}, sorted: reserved ranges as type 2 (the machine area is
     * the machine's own), the rest of RAM as type 1, at most 128 entries.
     */
    static List<long[]> e820(MemoryLayout layout) {
        List<long[]> out = new ArrayList<>();
        for (AddressRange r : layout.reserved()) {
            out.add(new long[] {r.start(), r.size(), E820_RESERVED});
        }
        for (AddressRange ram : layout.ram()) {
            long start = ram.start();
            for (AddressRange r : layout.reserved()) {
                if (r.end() <= start || r.start() >= ram.end()) {
                    continue;
                }
                if (r.start() > start) {
                    out.add(new long[] {start, r.start() - start, E820_RAM});
                }
                start = Math.max(start, r.end());
            }
            if (start < ram.end()) {
                out.add(new long[] {start, ram.end() - start, E820_RAM});
            }
        }
        out.sort(Comparator.comparingLong(e -> e[0]));
        return out.size() > E820_MAX ? out.subList(0, E820_MAX) : out;
    }
}
