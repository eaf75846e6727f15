package org.kexeclab.riscv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.Segment;

/**
 * Which segment of an image is the device tree, by riscv's {@code machine_kexec_prepare} rule:
 * the first segment whose {@code memsz} is larger than an FDT header (40 bytes) and whose first
 * 40 bytes pass libfdt's header check. The check made here is the header's own consistency: the
 * magic {@code 0xd00dfeed}, a version libfdt reads (at least 2, last compatible version at most
 * 17), a total size that holds the header, and the memory-reservation, structure and strings
 * blocks starting inside it.
 */
public final class RiscvDeviceTree {
    /** {@code sizeof(struct fdt_header)}. */
    public static final int HEADER_SIZE = 40;
    /** The FDT magic, a big-endian word. */
    public static final int FDT_MAGIC = 0xd00dfeed;

    private RiscvDeviceTree() {
    }

    /** The {@code mem} of the device-tree segment, or -1 if no segment is one. */
    public static long find(KexecImage image) {
        byte[] header = new byte[HEADER_SIZE];
        for (Segment s : image.segments()) {
            if (s.memsz() <= HEADER_SIZE || s.bufsz() < HEADER_SIZE) {
                continue;
            }
            s.data().read(0, header, 0, HEADER_SIZE);
            if (isHeader(header)) {
                return s.mem();
            }
        }
        return -1;
    }

    /** True if {@code header} (at least 40 bytes) is an FDT header libfdt accepts. */
    public static boolean isHeader(byte[] header) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        long total = b.getInt(4) & 0xffff_ffffL;
        long version = b.getInt(20) & 0xffff_ffffL;
        long lastCompatible = b.getInt(24) & 0xffff_ffffL;
        return b.getInt(0) == FDT_MAGIC && version >= 2 && lastCompatible <= 17 && total >= HEADER_SIZE
                && inside(b.getInt(8), total) && inside(b.getInt(12), total) && inside(b.getInt(16), total);
    }

    private static boolean inside(int offset, long total) {
        long o = offset & 0xffff_ffffL;
        return o >= HEADER_SIZE && o <= total;
    }
}
