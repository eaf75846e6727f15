package org.kexeclab.x86.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.IomemMap;

/**
 * The x86 boot parameters ("zero page", Documentation/arch/x86/zero-page.rst) followed by
 * the command line, as kexec-tools' 64-bit bzImage loader builds its setup segment
 * ({@code setup_linux_bootloader_parameters_high()} and {@code setup_linux_system_parameters()}):
 * a zeroed buffer of {@code max(setup size, 4096)} bytes with only the setup header copied in
 * at 0x1f1, then {@code type_of_loader} 0xd0 (kexec), {@code loadflags} 0 ("No loader flags"),
 * the old command-line protocol's {@code cl_magic}/{@code cl_offset}, the initrd and
 * command-line pointers (low and {@code ext_} high halves), {@code root_flags} 0xFFFF
 * ({@code mount_root_rdonly}), {@code root_dev} 0x0300 and byte 0x1ff 0 (kexec-tools' defaults,
 * written over the copied header), the e820 table with {@code ext_mem_k}/{@code alt_mem_k} from
 * the RAM entry holding 1 MiB, and the {@code setup_data} list; the NUL-terminated command line
 * follows. The running machine's screen, EDD, EFI and ACPI information kexec-tools copies in
 * stays zero: kexec-lab's machine has none.
 */
public final class ZeroPage {
    static final int EXT_MEM_K = 0x002;
    static final int CL_MAGIC = 0x020;
    static final int CL_OFFSET = 0x022;
    /** {@code CL_MAGIC_VALUE}: the old protocol's "command line is at cl_offset". */
    static final int CL_MAGIC_VALUE = 0xa33f;
    static final int EXT_RAMDISK_IMAGE = 0x0c0;
    static final int EXT_RAMDISK_SIZE = 0x0c4;
    static final int EXT_CMD_LINE_PTR = 0x0c8;
    static final int ALT_MEM_K = 0x1e0;
    static final int E820_ENTRIES = 0x1e8;
    static final int ROOT_FLAGS = 0x1f2;
    static final int ROOT_DEV = 0x1fc;
    /** Byte 0x1ff, the high half of {@code boot_flag} (0xAA in the file): kexec-tools' {@code aux_device_info} = 0. */
    static final int AUX_DEVICE_INFO = 0x1ff;
    static final int TYPE_OF_LOADER = 0x210;
    /** {@code type_of_loader} for kexec: loader id 0xD in the high nibble, as kexec-tools writes it. */
    static final int LOADER_TYPE_KEXEC = 0xd0;
    static final int LOADFLAGS = 0x211;
    static final int RAMDISK_IMAGE = 0x218;
    static final int RAMDISK_SIZE = 0x21c;
    static final int CMD_LINE_PTR = 0x228;
    static final int SETUP_DATA = 0x250;
    static final int E820_TABLE = 0x2d0;
    static final int E820_MAX = 128;
    static final int E820_RAM = 1;
    static final int E820_RESERVED = 2;
    /** Room kexec-tools leaves after the command line for purgatory's own arguments. */
    static final int PURGATORY_CMDLINE_SIZE = 64;
    private static final long ONE_MIB = 0x100000;

    /**
     * One e820 entry.
     *
     * @param addr first byte
     * @param size bytes
     * @param type 1 RAM, 2 reserved, 3 ACPI, 4 NVS, ...
     */
    public record E820Entry(long addr, long size, int type) {
    }

    /**
     * What the setup segment says besides the kernel's own header.
     *
     * @param cmdline    the command line
     * @param base       where the setup segment is loaded
     * @param initrdBase the initrd's address (ignored if {@code initrdSize} is 0)
     * @param initrdSize the initrd's size, 0 for none
     * @param setupData  the first {@code setup_data} node's address, 0 for none
     * @param e820       the memory map the new kernel gets
     */
    public record Fields(String cmdline, long base, long initrdBase, long initrdSize, long setupData,
                         List<E820Entry> e820) {
    }

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

    /** The setup segment's bytes. */
    public static byte[] build(BzImage bz, Fields f) {
        ByteBuffer b = ByteBuffer.allocate(size(bz, f.cmdline())).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BzImage.SETUP_HEADER_OFFSET, bz.setupHeader());
        b.put(TYPE_OF_LOADER, (byte) LOADER_TYPE_KEXEC);
        b.put(LOADFLAGS, (byte) 0);
        b.putShort(CL_MAGIC, (short) CL_MAGIC_VALUE).putShort(CL_OFFSET, (short) cmdlineOffset(bz));
        long cmdPtr = f.base() + cmdlineOffset(bz);
        b.putInt(CMD_LINE_PTR, (int) cmdPtr).putInt(EXT_CMD_LINE_PTR, (int) (cmdPtr >>> 32));
        if (f.initrdSize() > 0) {
            b.putInt(RAMDISK_IMAGE, (int) f.initrdBase()).putInt(EXT_RAMDISK_IMAGE, (int) (f.initrdBase() >>> 32));
            b.putInt(RAMDISK_SIZE, (int) f.initrdSize()).putInt(EXT_RAMDISK_SIZE, (int) (f.initrdSize() >>> 32));
        }
        b.putShort(ROOT_FLAGS, (short) 0xffff).putShort(ROOT_DEV, (short) 0x0300).put(AUX_DEVICE_INFO, (byte) 0);
        putE820(b, f.e820());
        b.putLong(SETUP_DATA, f.setupData());
        b.put(cmdlineOffset(bz), f.cmdline().getBytes(StandardCharsets.UTF_8));
        return b.array();
    }

    /**
     * The e820 table (at most 128 entries) and the memory sizes kexec-tools derives from it:
     * for the RAM entry that starts at or below 1 MiB and ends above it, {@code alt_mem_k} =
     * KiB from 1 MiB to its last byte, {@code ext_mem_k} the same capped at 0xfc00.
     */
    private static void putE820(ByteBuffer b, List<E820Entry> e820) {
        int n = Math.min(e820.size(), E820_MAX);
        b.put(E820_ENTRIES, (byte) n);
        for (int i = 0; i < n; i++) {
            E820Entry e = e820.get(i);
            int at = E820_TABLE + 20 * i;
            b.putLong(at, e.addr()).putLong(at + 8, e.size()).putInt(at + 16, e.type());
            long last = e.addr() + e.size() - 1;
            if (e.type() == E820_RAM && e.addr() <= ONE_MIB && last > ONE_MIB) {
                long memK = (last >>> 10) - (ONE_MIB >>> 10);
                b.putShort(EXT_MEM_K, (short) Math.min(memK, 0xfc00));
                b.putInt(ALT_MEM_K, (int) Math.min(memK, 0xffff_ffffL));
            }
        }
    }

    /**
     * The e820 map of {@code layout}, sorted: its firmware's map as it is when the layout has
     * one ({@link MemoryLayout#firmwareMap()}: "System RAM" as type 1, anything else as type 2,
     * as the firmware reported it to the running kernel); else reserved ranges as type 2 (the
     * machine area is the machine's own), the rest of RAM as type 1.
     */
    static List<E820Entry> e820(MemoryLayout layout) {
        List<E820Entry> out = new ArrayList<>();
        if (!layout.firmwareMap().isEmpty()) {
            for (AddressRange r : layout.firmwareMap()) {
                out.add(new E820Entry(r.start(), r.size(), IomemMap.SYSTEM_RAM.equals(r.label()) ? E820_RAM
                        : E820_RESERVED));
            }
            return out;
        }
        for (AddressRange r : layout.reserved()) {
            out.add(new E820Entry(r.start(), r.size(), E820_RESERVED));
        }
        for (AddressRange ram : layout.ram()) {
            long start = ram.start();
            for (AddressRange r : layout.reserved()) {
                if (r.end() <= start || r.start() >= ram.end()) {
                    continue;
                }
                if (r.start() > start) {
                    out.add(new E820Entry(start, r.start() - start, E820_RAM));
                }
                start = Math.max(start, r.end());
            }
            if (start < ram.end()) {
                out.add(new E820Entry(start, ram.end() - start, E820_RAM));
            }
        }
        out.sort(Comparator.comparingLong(E820Entry::addr));
        return out;
    }
}
