package org.kexeclab.riscv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small RISC-V Image files for the tests: a 64-byte header as Linux writes it, then a body. */
public final class RiscvTestImages {
    private RiscvTestImages() {
    }

    /**
     * An Image of {@code fileSize} bytes: code0 "MZ" and a jump, {@code text_offset},
     * {@code image_size}, flags 0, version 0.2, magic "RISCV\0\0\0" and "RSC\x05"; the body is
     * deterministic bytes.
     */
    public static byte[] image(long textOffset, long imageSize, int fileSize) {
        byte[] b = new byte[fileSize];
        for (int i = 64; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 0x10_6f_5a4d).putInt(4, 0x0d60_106f).putLong(8, textOffset).putLong(16, imageSize)
                .putLong(24, 0).putInt(32, 2).putInt(36, 0).putLong(40, 0).putLong(48, 0x5643534952L)
                .putInt(56, 0x05435352).putInt(60, 0);
        return b;
    }
}
