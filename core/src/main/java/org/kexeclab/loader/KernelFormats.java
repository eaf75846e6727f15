package org.kexeclab.loader;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.Sentences;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.ElfParser;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.format.KernelImage;

/**
 * Recognises a kernel file's format from its magic numbers, parses it, and checks that it is
 * for the architecture being loaded; a gzip file is decompressed (with a size cap) first. The
 * formats are the registered architectures' ({@link ArchSupport#kernelFormats()}, tried in
 * {@link Arches} order) and ELF vmlinux for every architecture ({@link ArchSupport#elf()}).
 */
public final class KernelFormats {
    private static final String GZIP = "gzip-compressed kernel";

    private KernelFormats() {
    }

    /**
     * Parses {@code file} as a kernel for {@code arch}.
     *
     * @param maxDecompressed the cap on a gzip file's decompressed size
     * @throws ImageFormatException if the file is no known kernel format, is malformed, or is for another arch
     */
    public static KernelImage parse(byte[] file, Arch arch, long maxDecompressed) throws ImageFormatException {
        KernelImage k = parseAny(file, maxDecompressed);
        if (!k.arch().equals(arch)) {
            throw new ImageFormatException(k.formatName(), -1, String.format(
                    "this is a kernel for %s, not for %s: pass --arch %s or %s kernel", k.arch(), arch, k.arch(),
                    arch.withArticle()));
        }
        return k;
    }

    /** Parses {@code file} as whichever kernel format its magic numbers say. */
    public static KernelImage parseAny(byte[] file, long maxDecompressed) throws ImageFormatException {
        if (Gzip.isGzip(file)) {
            return parseGzipped(Gzip.inflate(file, maxDecompressed, GZIP));
        }
        if (ElfParser.isElf(file)) {
            return ElfParser.parse(file, elfMachines());
        }
        for (KernelFormat f : formats()) {
            if (f.recognises(file)) {
                return f.parse(file);
            }
        }
        if (file.length >= 8 && file[0] == 'M' && file[1] == 'Z' && file[4] == 'z' && file[5] == 'i'
                && file[6] == 'm' && file[7] == 'g') {
            throw new ImageFormatException("EFI zboot image", 4, "this is an EFI zboot kernel; extract the "
                    + "compressed Image from its payload first");
        }
        List<String> names = new ArrayList<>();
        for (KernelFormat f : formats()) {
            names.add(f.loadsGzipped() ? f.name() + " (plain or gzip)" : f.name());
        }
        names.add("ELF vmlinux");
        throw new ImageFormatException("kernel", -1, String.format("the 0x%x-byte file is not a %s: no known magic "
                + "number found", file.length, Sentences.oneOf(names)));
    }

    /**
     * Parses {@code file} as an ELF vmlinux of any registered architecture.
     *
     * @throws ImageFormatException if it is not one
     */
    public static ElfKernel parseElf(byte[] file) throws ImageFormatException {
        return ElfParser.parse(file, elfMachines());
    }

    /** The decompressed contents of a gzip file, parsed by the first format that loads gzip files and knows them. */
    private static KernelImage parseGzipped(byte[] inner) throws ImageFormatException {
        List<KernelFormat> gzipped = formats().stream().filter(KernelFormat::loadsGzipped).toList();
        for (KernelFormat f : gzipped) {
            if (f.recognises(inner)) {
                return f.parseGzipped(inner);
            }
        }
        List<String> names = gzipped.stream().map(KernelFormat::name).toList();
        if (names.isEmpty()) {
            throw new ImageFormatException(GZIP, -1, "no architecture here loads gzip-compressed kernels");
        }
        throw new ImageFormatException(GZIP, gzipped.get(0).magicOffset(), "the decompressed file has no "
                + Sentences.oneOf(names) + " magic; only gzip-compressed " + String.join("s, ", names) + "s are loaded");
    }

    /** Every registered architecture's kernel formats, in registry order. */
    static List<KernelFormat> formats() {
        List<KernelFormat> out = new ArrayList<>();
        Arches.supports().forEach(s -> out.addAll(s.kernelFormats()));
        return out;
    }

    /** Every registered architecture's ELF identity, in registry order. */
    static List<ElfMachine> elfMachines() {
        return Arches.supports().stream().map(ArchSupport::elf).toList();
    }
}
