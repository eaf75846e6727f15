package org.kexeclab.arm64;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.kexeclab.engine.GuestMemory;

/**
 * The arm64 arch data block the relocation stub reads through {@code x0}: kexec-lab's
 * counterpart of the fields of the kernel's {@code struct kimage} / {@code kimage_arch} that
 * {@code asm-offsets} exports to {@code relocate_kernel.S}. Its field offsets are defined
 * here once; {@link #symbols()} hands them (and the indirection flags) to the assembler as
 * predefined symbols, so the stub and Java cannot disagree.
 *
 * <p>Layout (little-endian 64-bit words): {@code +0 start} (entry of the new kernel),
 * {@code +8 dtb} (physical address of the device tree, passed in {@code x0}),
 * {@code +16 head} (first indirection entry), {@code +24 phys_offset} (subtracted from every
 * list address to reach it through the linear map; 0 when the MMU is already off).
 *
 * @param start      entry point of the new kernel (physical)
 * @param dtb        physical address of the device tree blob
 * @param head       the image's {@code head} indirection entry
 * @param physOffset linear-map offset subtracted from list addresses
 */
public record Arm64KexecData(long start, long dtb, long head, long physOffset) {

    /** Offset of the entry point. */
    public static final int START = 0;
    /** Offset of the device tree address. */
    public static final int DTB = 8;
    /** Offset of the first indirection entry. */
    public static final int HEAD = 16;
    /** Offset of the linear-map offset. */
    public static final int PHYS_OFFSET = 24;
    /** Size of the block in bytes. */
    public static final int SIZE = 32;

    /** Bit numbers of the indirection flags, as the stub's {@code tbz/tbnz} need them. */
    public static final int IND_DESTINATION_BIT = 0;
    /** See {@link #IND_DESTINATION_BIT}. */
    public static final int IND_INDIRECTION_BIT = 1;
    /** See {@link #IND_DESTINATION_BIT}. */
    public static final int IND_DONE_BIT = 2;
    /** See {@link #IND_DESTINATION_BIT}. */
    public static final int IND_SOURCE_BIT = 3;

    /**
     * The predefined assembler symbols: {@code KDATA_START}, {@code KDATA_DTB},
     * {@code KDATA_HEAD}, {@code KDATA_PHYS_OFFSET}, {@code KDATA_SIZE}, the flag bit numbers
     * {@code IND_*_BIT} and {@code PAGE_SIZE}.
     */
    public static Map<String, Long> symbols() {
        return Map.of(
                "KDATA_START", (long) START,
                "KDATA_DTB", (long) DTB,
                "KDATA_HEAD", (long) HEAD,
                "KDATA_PHYS_OFFSET", (long) PHYS_OFFSET,
                "KDATA_SIZE", (long) SIZE,
                "IND_DESTINATION_BIT", (long) IND_DESTINATION_BIT,
                "IND_INDIRECTION_BIT", (long) IND_INDIRECTION_BIT,
                "IND_DONE_BIT", (long) IND_DONE_BIT,
                "IND_SOURCE_BIT", (long) IND_SOURCE_BIT,
                "PAGE_SIZE", 4096L);
    }

    /** The block's {@link #SIZE} bytes, little-endian. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(START, start).putLong(DTB, dtb).putLong(HEAD, head).putLong(PHYS_OFFSET, physOffset);
        return b.array();
    }

    /** Writes the block to guest memory at {@code address} (the value the stub gets in {@code x0}). */
    public void writeTo(GuestMemory memory, long address) {
        memory.write(address, toBytes());
    }
}
