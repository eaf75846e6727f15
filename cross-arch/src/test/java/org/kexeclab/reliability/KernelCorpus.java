package org.kexeclab.reliability;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.FuzzKernels;
import org.kexeclab.x86.X86Arches;

/**
 * Valid synthetic kernel files of every format the loader reads, each with the header fields a
 * fuzzer lies in (offset and width, in the file's byte order): bzImage, arm64 Image (plain and
 * gzip-compressed), arm zImage (plain and with a KRNL_SIZE tag), ELF vmlinux in 32/64 bit and
 * both byte orders, and user-supplied device trees handed to an arm64, arm or powerpc load.
 */
final class KernelCorpus {
    /** How the mutated bytes reach the loader. */
    enum Kind {
        /** the mutated bytes are the kernel file */
        KERNEL,
        /** the mutated bytes are an arm64 Image, gzip-compressed before loading */
        GZIP_INNER,
        /** the mutated bytes are the gzip stream of an arm64 Image */
        GZIP_STREAM,
        /** the mutated bytes are a user DTB; the kernel is {@link Sample#kernel} */
        DTB
    }

    /** A header field: name, offset, width in bytes. */
    record Field(String name, int offset, int width) {
    }

    /** One valid starting point. */
    record Sample(String name, Arch arch, Kind kind, byte[] bytes, byte[] kernel, ByteOrder order, List<Field> fields) {
    }

    static final List<Sample> SAMPLES = samples();

    private KernelCorpus() {
    }

    private static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("bzImage", X86Arches.X86_64, Kind.KERNEL, FuzzKernels.bzImage(), null, ByteOrder.LITTLE_ENDIAN,
                fields("setup_sects", 0x1f1, 1, "syssize", 0x1f4, 4, "boot_flag", 0x1fe, 2, "header", 0x202, 4,
                        "version", 0x206, 2, "loadflags", 0x211, 1, "code32_start", 0x214, 4,
                        "initrd_addr_max", 0x22c, 4, "kernel_alignment", 0x230, 4, "relocatable_kernel", 0x234, 1,
                        "min_alignment", 0x235, 1, "xloadflags", 0x236, 2, "cmdline_size", 0x238, 4,
                        "pref_address", 0x258, 8, "init_size", 0x260, 4)));
        List<Field> arm64 = fields("code0", 0, 4, "text_offset", 8, 8, "image_size", 0x10, 8, "flags", 0x18, 8,
                "magic", 0x38, 4);
        s.add(new Sample("arm64 Image", ArmArches.ARM64, Kind.KERNEL, FuzzKernels.arm64Image(), null,
                ByteOrder.LITTLE_ENDIAN, arm64));
        s.add(new Sample("gzip arm64 Image (inner)", ArmArches.ARM64, Kind.GZIP_INNER, FuzzKernels.arm64Image(), null,
                ByteOrder.LITTLE_ENDIAN, arm64));
        byte[] gz = FuzzKernels.gzip(FuzzKernels.arm64Image());
        s.add(new Sample("gzip arm64 Image (stream)", ArmArches.ARM64, Kind.GZIP_STREAM, gz, null, ByteOrder.LITTLE_ENDIAN,
                fields("flg", 3, 1, "mtime", 4, 4, "crc32", gz.length - 8, 4, "isize", gz.length - 4, 4)));
        List<Field> zimage = fields("magic", 0x24, 4, "start", 0x28, 4, "end", 0x2c, 4, "endian", 0x30, 4);
        s.add(new Sample("zImage", ArmArches.ARM, Kind.KERNEL, FuzzKernels.zImage(), null, ByteOrder.LITTLE_ENDIAN, zimage));
        List<Field> tagged = new ArrayList<>(zimage);
        tagged.addAll(fields("tag_magic", 0x34, 4, "tag_offset", 0x38, 4, "tag_size", 0x40, 4, "tag_id", 0x44, 4,
                "size_ptr", 0x48, 4, "bss_size", 0x4c, 4, "edata", 0x7ffc, 4));
        s.add(new Sample("zImage+KRNL_SIZE", ArmArches.ARM, Kind.KERNEL, FuzzKernels.zImageWithSizeTag(0x8000, 0x4000), null,
                ByteOrder.LITTLE_ENDIAN, tagged));
        s.add(elf("ELF64 BE ppc64", PpcArches.PPC64, true, false, 21, 0xc000000000000000L));
        s.add(elf("ELF64 LE ppc64le", PpcArches.PPC64LE, true, true, 21, 0xc000000000000000L));
        s.add(elf("ELF32 BE ppc32", PpcArches.PPC32, false, false, 20, 0xc0000000L));
        s.add(elf("ELF32 LE arm", ArmArches.ARM, false, true, 40, 0xc0008000L));
        s.add(elf("ELF64 LE x86_64", X86Arches.X86_64, true, true, 62, 0xffffffff81000000L));
        s.add(elf("ELF64 LE arm64", ArmArches.ARM64, true, true, 183, 0xffff800010000000L));
        List<Field> fdt = fields("magic", 0, 4, "totalsize", 4, 4, "off_dt_struct", 8, 4, "off_dt_strings", 12, 4,
                "off_mem_rsvmap", 16, 4, "version", 20, 4, "last_comp_version", 24, 4, "boot_cpuid_phys", 28, 4,
                "size_dt_strings", 32, 4, "size_dt_struct", 36, 4);
        s.add(dtb(ArmArches.ARM64, FuzzKernels.arm64Image(), fdt));
        s.add(dtb(ArmArches.ARM, FuzzKernels.zImage(), fdt));
        s.add(dtb(PpcArches.PPC64, FuzzKernels.elf(true, false, 21, 0xc000000000000000L), fdt));
        s.add(dtb(PpcArches.PPC32, FuzzKernels.elf(false, false, 20, 0xc0000000L), fdt));
        return List.copyOf(s);
    }

    private static Sample elf(String name, Arch arch, boolean is64, boolean little, int machine, long vbase) {
        int w = is64 ? 8 : 4;
        int base = 0x18 + 3 * w + 4;
        List<Field> f = new ArrayList<>(fields("ei_class", 4, 1, "ei_data", 5, 1, "e_type", 0x10, 2,
                "e_machine", 0x12, 2, "e_entry", 0x18, w, "e_phoff", 0x18 + w, w, "e_ehsize", base, 2,
                "e_phentsize", base + 2, 2, "e_phnum", base + 4, 2));
        int phoff = is64 ? 64 : 52;
        int phsize = is64 ? 56 : 32;
        for (int i = 0; i < 3; i++) {
            int at = phoff + i * phsize;
            f.add(new Field("p_type[" + i + "]", at, 4));
            if (is64) {
                f.addAll(fields("p_offset[" + i + "]", at + 8, 8, "p_vaddr[" + i + "]", at + 0x10, 8,
                        "p_paddr[" + i + "]", at + 0x18, 8, "p_filesz[" + i + "]", at + 0x20, 8,
                        "p_memsz[" + i + "]", at + 0x28, 8, "p_align[" + i + "]", at + 0x30, 8));
            } else {
                f.addAll(fields("p_offset[" + i + "]", at + 4, 4, "p_vaddr[" + i + "]", at + 8, 4,
                        "p_paddr[" + i + "]", at + 0xc, 4, "p_filesz[" + i + "]", at + 0x10, 4,
                        "p_memsz[" + i + "]", at + 0x14, 4, "p_align[" + i + "]", at + 0x1c, 4));
            }
        }
        return new Sample(name, arch, Kind.KERNEL, FuzzKernels.elf(is64, little, machine, vbase), null,
                little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, List.copyOf(f));
    }

    private static Sample dtb(Arch arch, byte[] kernel, List<Field> fields) {
        byte[] tree = FdtWriter.write(DeviceTrees.standard(arch, StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()));
        return new Sample("user DTB (" + arch.name() + ")", arch, Kind.DTB, tree, kernel, ByteOrder.BIG_ENDIAN, fields);
    }

    private static List<Field> fields(Object... nameOffsetWidth) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < nameOffsetWidth.length; i += 3) {
            out.add(new Field((String) nameOffsetWidth[i], (Integer) nameOffsetWidth[i + 1], (Integer) nameOffsetWidth[i + 2]));
        }
        return List.copyOf(out);
    }

    /**
     * True if the unmutated sample must plan: all but the x86_64 ELF vmlinux, which the loader
     * refuses by design (no boot params without the bzImage's setup header).
     */
    static boolean plansUnmutated(Sample s) {
        return !(s.arch() == X86Arches.X86_64 && s.name().startsWith("ELF"));
    }

    /** A copy of {@code b}. */
    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
