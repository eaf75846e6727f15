package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exhaustive check of the modified-immediate encoder against its definition. */
class A32ModifiedImmediateTest {

    @Test
    void encode_everyRotatedByte_decodesBackToTheValue() {
        for (int rotate = 0; rotate < 16; rotate++) {
            for (int imm8 = 0; imm8 < 256; imm8++) {
                int value = Integer.rotateRight(imm8, 2 * rotate);
                int field = A32ModifiedImmediate.encode(value);
                assertEquals(value, Integer.rotateRight(field & 0xff, 2 * (field >>> 8)), Integer.toHexString(value));
            }
        }
    }

    @Test
    void encode_smallValue_prefersRotationZero() {
        assertEquals(4, A32ModifiedImmediate.encode(4));
    }

    @Test
    void encode_oddRotationOnly_notEncodable() {
        assertEquals(A32ModifiedImmediate.NOT_ENCODABLE, A32ModifiedImmediate.encode(0x1fe << 1 | 0x400));
        assertEquals(A32ModifiedImmediate.NOT_ENCODABLE, A32ModifiedImmediate.encode(0x102));
    }
}
