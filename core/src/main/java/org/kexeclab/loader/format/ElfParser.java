package org.kexeclab.loader.format;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Sentences;

/**
 * Reads an ELF kernel's header and program headers, 32- or 64-bit, either byte order, for
 * whichever architectures the caller knows ({@link ElfMachine}: {@code e_machine}, class and
 * data encoding). Every header field is bounded by the file.
 */
public final class ElfParser {
    static final String FORMAT = "ELF";
    static final int PT_LOAD = 1;

    private ElfParser() {
    }

    /** True if {@code file} starts with 0x7f 'E' 'L' 'F'. */
    public static boolean isElf(byte[] file) {
        return file.length >= 4 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';
    }

    /**
     * Parses {@code file} as a kernel for one of {@code machines}.
     *
     * @throws ImageFormatException if the file is malformed or its header names none of {@code machines}
     */
    public static ElfKernel parse(byte[] file, List<ElfMachine> machines) throws ImageFormatException {
        FileBytes f = new FileBytes(file, FORMAT, ByteOrder.LITTLE_ENDIAN);
        f.checkRange(0, 16, "e_ident");
        if (!isElf(file)) {
            throw f.error(0, "the ELF magic 7f 45 4c 46 is missing");
        }
        int cls = f.u8(4, "EI_CLASS");
        if (cls != 1 && cls != 2) {
            throw f.error(4, "EI_CLASS " + cls + " is neither 1 (32-bit) nor 2 (64-bit)");
        }
        int data = f.u8(5, "EI_DATA");
        if (data != 1 && data != 2) {
            throw f.error(5, "EI_DATA " + data + " is neither 1 (little-endian) nor 2 (big-endian)");
        }
        boolean is64 = cls == 2;
        f = f.withOrder(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int type = f.u16(0x10, "e_type");
        if (type != 2 && type != 3) {
            throw f.error(0x10, "e_type " + type + " is neither ET_EXEC nor ET_DYN, so this is not a kernel executable");
        }
        ElfMachine machine = machineOf(f, machines, f.u16(0x12, "e_machine"), is64, data == 1);
        int w = is64 ? 8 : 4;
        long entry = f.read(0x18, w, "e_entry");
        long phoff = f.read(0x18 + w, w, "e_phoff");
        int base = 0x18 + 3 * w + 4;
        int phentsize = f.u16(base + 2, "e_phentsize");
        int phnum = f.u16(base + 4, "e_phnum");
        int expected = is64 ? 56 : 32;
        if (phentsize != expected) {
            throw f.error(base + 2, String.format("e_phentsize is %d, not the %d bytes of a %d-bit program header",
                    phentsize, expected, is64 ? 64 : 32));
        }
        f.checkRange(phoff, (long) phnum * phentsize, "the program header table at e_phoff 0x" + Long.toHexString(phoff));
        List<ElfKernel.Segment> loads = readLoads(f, phoff, phnum, is64);
        if (loads.isEmpty()) {
            throw f.error(phoff, "there is no PT_LOAD program header, so nothing would be loaded");
        }
        ElfKernel k = new ElfKernel(file, machine, entry, loads);
        long phys = k.physicalEntry();
        if (loads.stream().noneMatch(s -> Long.compareUnsigned(phys - s.paddr(), s.memsz()) < 0)) {
            throw f.error(0x18, String.format("e_entry 0x%x lies in no PT_LOAD segment, so the kernel could not be "
                    + "started", entry));
        }
        return k;
    }

    private static List<ElfKernel.Segment> readLoads(FileBytes f, long phoff, int phnum, boolean is64)
            throws ImageFormatException {
        List<ElfKernel.Segment> out = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            long p = phoff + (long) i * (is64 ? 56 : 32);
            if (f.u32(p, "p_type") != PT_LOAD) {
                continue;
            }
            ElfKernel.Segment s = is64
                    ? new ElfKernel.Segment(f.u64(p + 8, "p_offset"), f.u64(p + 0x10, "p_vaddr"), f.u64(p + 0x18, "p_paddr"),
                            f.u64(p + 0x20, "p_filesz"), f.u64(p + 0x28, "p_memsz"), f.u64(p + 0x30, "p_align"))
                    : new ElfKernel.Segment(f.u32(p + 4, "p_offset"), f.u32(p + 8, "p_vaddr"), f.u32(p + 0xc, "p_paddr"),
                            f.u32(p + 0x10, "p_filesz"), f.u32(p + 0x14, "p_memsz"), f.u32(p + 0x1c, "p_align"));
            checkLoad(f, p, i, s);
            for (ElfKernel.Segment o : out) {
                if (Long.compareUnsigned(s.paddr(), o.paddr() + o.memsz()) < 0
                        && Long.compareUnsigned(o.paddr(), s.paddr() + s.memsz()) < 0) {
                    throw f.error(p, String.format("PT_LOAD program header %d [0x%x, 0x%x) overlaps an earlier PT_LOAD "
                            + "[0x%x, 0x%x) in physical memory", i, s.paddr(), s.paddr() + s.memsz(), o.paddr(),
                            o.paddr() + o.memsz()));
                }
            }
            out.add(s);
        }
        return out;
    }

    private static void checkLoad(FileBytes f, long p, int i, ElfKernel.Segment s) throws ImageFormatException {
        f.checkRange(s.offset(), s.filesz(), "PT_LOAD program header " + i + "'s p_offset/p_filesz");
        if (Long.compareUnsigned(s.filesz(), s.memsz()) > 0) {
            throw f.error(p, String.format("PT_LOAD program header %d has p_filesz 0x%x larger than p_memsz 0x%x",
                    i, s.filesz(), s.memsz()));
        }
        if (Long.compareUnsigned(s.paddr() + s.memsz(), s.paddr()) < 0) {
            throw f.error(p, String.format("PT_LOAD program header %d wraps around the address space (p_paddr 0x%x, "
                    + "p_memsz 0x%x)", i, s.paddr(), s.memsz()));
        }
    }

    private static ElfMachine machineOf(FileBytes f, List<ElfMachine> machines, int machine, boolean is64,
                                        boolean little) throws ImageFormatException {
        for (ElfMachine m : machines) {
            if (m.matches(machine, is64, little)) {
                return m;
            }
        }
        List<String> names = new ArrayList<>();
        machines.forEach(m -> names.add(m.arch().toString()));
        throw f.error(0x12, String.format("e_machine %d with %d-bit %s-endian encoding is not a kernel for %s",
                machine, is64 ? 64 : 32, little ? "little" : "big", Sentences.oneOf(names)));
    }
}
