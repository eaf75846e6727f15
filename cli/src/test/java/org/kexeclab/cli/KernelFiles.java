package org.kexeclab.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small well-formed kernel files for the CLI tests, built field by field from the boot
 * protocols (x86 boot.rst, arm64 booting.rst, the ELF header), like core's loader tests build them.
 */
final class KernelFiles {
    /** The x86_64 bzImage's protected-mode payload size (after 4 setup sectors of 512 bytes). */
    static final int BZ_PAYLOAD = 0x3000;

    private KernelFiles() {
    }

    /** A relocatable 64-bit bzImage, protocol 2.15, 3 setup sectors, init_size 128 KiB, 2 MiB alignment. */
    static byte[] bzImage() {
        int setup = 4 * 512;
        ByteBuffer b = ByteBuffer.allocate(setup + BZ_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) 3);                 // setup_sects
        b.putInt(0x1f4, BZ_PAYLOAD / 16);       // syssize
        b.putShort(0x1fe, (short) 0xaa55);      // boot_flag
        b.put(0x200, (byte) 0xeb).put(0x201, (byte) 0x6a);
        b.putInt(0x202, 0x53726448);            // "HdrS"
        b.putShort(0x206, (short) 0x020f);      // version 2.15
        b.put(0x211, (byte) 0x01);              // loadflags: LOADED_HIGH
        b.putInt(0x214, 0x100000);              // code32_start
        b.putInt(0x22c, 0x7fffffff);            // initrd_addr_max
        b.putInt(0x230, 0x200000);              // kernel_alignment
        b.put(0x234, (byte) 1);                 // relocatable_kernel
        b.put(0x235, (byte) 21);                // min_alignment
        b.putShort(0x236, (short) 0x3);         // xloadflags: KERNEL_64 | CAN_BE_LOADED_ABOVE_4G
        b.putInt(0x238, 2047);                  // cmdline_size
        b.putLong(0x258, 0x1000000);            // pref_address
        b.putInt(0x260, 0x20000);               // init_size
        for (int i = 0; i < BZ_PAYLOAD; i++) {
            b.put(setup + i, (byte) (i * 7 + 1));
        }
        return b.array();
    }

    /** A 64 KiB arm64 Image: text_offset 0, image_size 0x30000, little-endian, 4 KiB pages. */
    static byte[] arm64Image() {
        ByteBuffer b = ByteBuffer.allocate(0x10000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x14000010);                // b +0x40
        b.putLong(0x08, 0);                     // text_offset
        b.putLong(0x10, 0x30000);               // image_size
        b.putLong(0x18, 0x2 | 0x8);             // flags: LE, 4 KiB pages, anywhere in RAM
        b.put(0x38, (byte) 'A').put(0x39, (byte) 'R').put(0x3a, (byte) 'M').put(0x3b, (byte) 0x64);
        for (int i = 0x40; i < b.capacity(); i++) {
            b.put(i, (byte) i);
        }
        return b.array();
    }

    /** A 32 KiB little-endian arm zImage: magic 0x016f2818 at 0x24, start 0, end 0x8000. */
    static byte[] zImage() {
        ByteBuffer b = ByteBuffer.allocate(0x8000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x24, 0x016f2818).putInt(0x28, 0).putInt(0x2c, 0x8000).putInt(0x30, 0x04030201);
        return b.array();
    }

    /**
     * A big-endian 32-bit powerpc ELF vmlinux (EM_PPC): a text PT_LOAD of 8 KiB at paddr 0
     * (vaddr 0xc0000000) and a data+bss PT_LOAD of 4 KiB in the file, 12 KiB in memory; entry text + 0x100.
     */
    static byte[] ppc32Elf() {
        ByteBuffer b = ByteBuffer.allocate(0x4000).order(ByteOrder.BIG_ENDIAN);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) 1).put(5, (byte) 2).put(6, (byte) 1);      // ELFCLASS32, ELFDATA2MSB, EV_CURRENT
        b.putShort(0x10, (short) 2).putShort(0x12, (short) 20).putInt(0x14, 1); // ET_EXEC, EM_PPC
        b.putInt(0x18, 0xc0000100);             // e_entry
        b.putInt(0x1c, 52);                     // e_phoff
        b.putShort(0x28, (short) 52).putShort(0x2a, (short) 32).putShort(0x2c, (short) 2);
        phdr(b, 52, 0x1000, 0xc0000000, 0, 0x2000, 0x2000);
        phdr(b, 84, 0x3000, 0xc0002000, 0x2000, 0x1000, 0x3000);
        for (int i = 0x1000; i < b.capacity(); i++) {
            b.put(i, (byte) (i * 3));
        }
        return b.array();
    }

    private static void phdr(ByteBuffer b, int at, int off, int vaddr, int paddr, int filesz, int memsz) {
        b.putInt(at, 1).putInt(at + 4, off).putInt(at + 8, vaddr).putInt(at + 0xc, paddr)
                .putInt(at + 0x10, filesz).putInt(at + 0x14, memsz).putInt(at + 0x18, 7).putInt(at + 0x1c, 0x10000);
    }
}
