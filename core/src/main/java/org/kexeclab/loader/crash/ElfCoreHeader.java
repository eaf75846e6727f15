package org.kexeclab.loader.crash;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The ELF core header a crash load hands the crash kernel ({@code elfcorehdr=}): an ELF64
 * {@code ET_CORE} header and program headers only, no data. kexec-tools' layout
 * ({@code crash_create_elf64_headers()}): one {@code PT_NOTE} per CPU (its crash note), one for
 * vmcoreinfo, then {@code PT_LOAD}s for the old kernel's memory, each {@code p_offset} the
 * physical address the crash kernel reads it from; the buffer is zero-padded to a multiple of
 * 1024 bytes. {@link #read} parses one back (for checks).
 */
public final class ElfCoreHeader {
    /** {@code ELF_CORE_HEADER_ALIGN}: the header's size is a multiple of this. */
    public static final int ALIGN = 1024;
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;
    /** {@code PF_R | PF_W | PF_X}: the flags of every PT_LOAD. */
    public static final int PF_RWX = 7;
    static final int EHDR = 64;
    static final int PHDR = 56;
    static final int ET_CORE = 4;

    /**
     * One program header.
     *
     * @param type   PT_NOTE or PT_LOAD
     * @param flags  0 for notes, {@link #PF_RWX} for loads
     * @param offset where the crash kernel reads it (a physical address)
     * @param vaddr  the old kernel's virtual address for it (0 for notes)
     * @param paddr  its physical address
     * @param size   p_filesz = p_memsz
     */
    public record Phdr(int type, int flags, long offset, long vaddr, long paddr, long size) {
        /** A note of {@code size} bytes at physical {@code paddr}. */
        public static Phdr note(long paddr, long size) {
            return new Phdr(PT_NOTE, 0, paddr, 0, paddr, size);
        }

        /** A load of {@code size} bytes of the old kernel's memory at {@code paddr}, mapped at {@code vaddr}. */
        public static Phdr load(long paddr, long vaddr, long size) {
            return new Phdr(PT_LOAD, PF_RWX, paddr, vaddr, paddr, size);
        }

        /** This load read from {@code offset} instead of its own address (a copy the crash load saved). */
        public Phdr readFrom(long offset) {
            return new Phdr(type, flags, offset, vaddr, paddr, size);
        }
    }

    /**
     * What {@link #read} found.
     *
     * @param machine {@code e_machine}
     * @param order   the data encoding
     * @param phdrs   the program headers
     */
    public record Parsed(int machine, ByteOrder order, List<Phdr> phdrs) {
    }

    private ElfCoreHeader() {
    }

    /** The bytes of the size kexec-tools gives it: {@code slots} program headers (at least {@code phdrs}), padded to 1 KiB. */
    public static byte[] write(int machine, ByteOrder order, List<Phdr> phdrs, int slots) {
        int size = EHDR + PHDR * Math.max(slots, phdrs.size());
        ByteBuffer b = ByteBuffer.allocate((size + ALIGN - 1) / ALIGN * ALIGN).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
        b.position(16);
        b.putShort((short) ET_CORE).putShort((short) machine).putInt(1).putLong(0).putLong(EHDR).putLong(0).putInt(0)
                .putShort((short) EHDR).putShort((short) PHDR).putShort((short) phdrs.size()).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (Phdr p : phdrs) {
            b.putInt(p.type()).putInt(p.flags()).putLong(p.offset()).putLong(p.vaddr()).putLong(p.paddr())
                    .putLong(p.size()).putLong(p.size()).putLong(0);
        }
        return b.array();
    }

    /**
     * Parses an ELF core header as {@link #write} writes it.
     *
     * @throws IllegalArgumentException naming what is wrong: not ELF64, not ET_CORE, a program
     *                                  header table outside the buffer, filesz != memsz
     */
    public static Parsed read(byte[] bytes) {
        if (bytes.length < EHDR || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (bytes[4] != 2 || (bytes[5] != 1 && bytes[5] != 2)) {
            throw new IllegalArgumentException("not a 64-bit ELF file with a known byte order");
        }
        ByteOrder order = bytes[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        if (b.getShort(16) != ET_CORE) {
            throw new IllegalArgumentException("e_type is " + b.getShort(16) + ", not ET_CORE (4)");
        }
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phentsize != PHDR || phoff < EHDR || phoff + (long) phnum * PHDR > bytes.length) {
            throw new IllegalArgumentException("the program header table is not inside the header's 0x"
                    + Integer.toHexString(bytes.length) + " bytes");
        }
        List<Phdr> out = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + PHDR * i;
            long filesz = b.getLong(at + 32);
            if (filesz != b.getLong(at + 40)) {
                throw new IllegalArgumentException("program header " + i + " has p_filesz != p_memsz");
            }
            out.add(new Phdr(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 24),
                    filesz));
        }
        return new Parsed(b.getShort(18) & 0xffff, order, out);
    }
}
