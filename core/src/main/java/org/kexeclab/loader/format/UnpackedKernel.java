package org.kexeclab.loader.format;

/**
 * A kernel file with its compression undone: either an ELF {@code vmlinux} (whose program
 * headers say where each byte lives) or a raw image ({@code objcopy -O binary} of the
 * vmlinux: the bytes from {@code _text} on, with no header saying its link address).
 *
 * @param bytes  the decompressed bytes; treat as read-only
 * @param elf    true for an ELF vmlinux, false for a raw image
 * @param origin where the bytes came from, for messages ("the xz payload at 0xe6a5 of the zImage")
 */
public record UnpackedKernel(byte[] bytes, boolean elf, String origin) {
    @Override
    public String toString() {
        return String.format("%s, 0x%x bytes (%s)", elf ? "ELF vmlinux" : "raw image", bytes.length, origin);
    }
}
