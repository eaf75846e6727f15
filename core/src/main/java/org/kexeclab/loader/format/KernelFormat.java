package org.kexeclab.loader.format;

/**
 * One kernel file format an architecture boots from (a compressed image with a boot header, a
 * {@code zImage}, ...): how to recognise it by its magic numbers and how to parse it. The
 * parsed {@link KernelImage} plans itself, so the format that parsed a file is the one that
 * plans its load. Architectures supply their formats through their
 * {@link org.kexeclab.arch.ArchSupport}; ELF vmlinux files are read by core's
 * {@link ElfParser} for every architecture.
 */
public interface KernelFormat {

    /** The format's usual name, as error sentences show it ({@code "bzImage"}). */
    String name();

    /** True if {@code file} carries this format's magic numbers (a cheap check, never a parse). */
    boolean recognises(byte[] file);

    /** Parses {@code file}; every inconsistency is an {@link ImageFormatException} naming its offset. */
    KernelImage parse(byte[] file) throws ImageFormatException;

    /** True if a gzip-compressed file of this format is loaded too (decompressed first). */
    default boolean loadsGzipped() {
        return false;
    }

    /** Parses the decompressed contents of a gzip-compressed file of this format. */
    default KernelImage parseGzipped(byte[] decompressed) throws ImageFormatException {
        return parse(decompressed);
    }

    /** The file offset of the magic number {@link #recognises} looks for, named when it is missing. */
    int magicOffset();
}
