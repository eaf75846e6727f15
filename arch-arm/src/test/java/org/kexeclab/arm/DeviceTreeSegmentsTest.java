package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.StandardMachine;

/** The FDT segment rule: big-endian magic at the start of the buffer, the last match wins. */
class DeviceTreeSegmentsTest {

    private static final byte[] MAGIC_BE = {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed};
    private static final byte[] MAGIC_LE = {(byte) 0xed, (byte) 0xfe, 0x0d, (byte) 0xd0};

    private static KexecImage image(byte[]... buffers) {
        KexecImage.Builder b = KexecImage.builder(ArmArches.ARM)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()).entry(0x1000000);
        for (int i = 0; i < buffers.length; i++) {
            b.segment(Segment.of(buffers[i], 0x1000000 + i * 0x100000L, 4096));
        }
        return b.build();
    }

    @Test
    void lastWithFdtMagic_noneStartsWithIt_minusOne() {
        assertEquals(-1, DeviceTreeSegments.lastWithFdtMagic(image(new byte[16], MAGIC_LE, new byte[] {(byte) 0xd0})));
    }

    @Test
    void lastWithFdtMagic_twoMatches_theLaterSegment() {
        assertEquals(0x1200000, DeviceTreeSegments.lastWithFdtMagic(image(new byte[16], MAGIC_BE, MAGIC_BE, MAGIC_LE)));
    }
}
