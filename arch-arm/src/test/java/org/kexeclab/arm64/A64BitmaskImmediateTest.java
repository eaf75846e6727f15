package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-derived bitmask encodings and the values that have none. */
class A64BitmaskImmediateTest {

    @Test
    void encode_zeroAndAllOnes_notEncodable() {
        assertEquals(A64BitmaskImmediate.NOT_ENCODABLE, A64BitmaskImmediate.encode(0, 64));
        assertEquals(A64BitmaskImmediate.NOT_ENCODABLE, A64BitmaskImmediate.encode(-1, 64));
        assertEquals(A64BitmaskImmediate.NOT_ENCODABLE, A64BitmaskImmediate.encode(0xffffffffL, 32));
    }

    @Test
    void encode_singleLowBit64_isNOneImmrZeroImmsZero() {
        assertEquals(1 << 12, A64BitmaskImmediate.encode(1, 64));
    }

    @Test
    void encode_alternatingBits_usesTwoBitElement() {
        // 0b01 repeated: element size 2 -> imms = 0b111100, one run of one bit, no rotation
        assertEquals(0b111100, A64BitmaskImmediate.encode(0x5555555555555555L, 64));
        // 0b10 repeated is the same element rotated right by one
        assertEquals(1 << 6 | 0b111100, A64BitmaskImmediate.encode(0xaaaaaaaaaaaaaaaaL, 64));
    }

    @Test
    void encode_topBitOf32_rotatesByOne() {
        assertEquals(1 << 6, A64BitmaskImmediate.encode(0x80000000L, 32));
    }

    @Test
    void encode_twoSeparateRuns_notEncodable() {
        assertEquals(A64BitmaskImmediate.NOT_ENCODABLE, A64BitmaskImmediate.encode(0b1011, 64));
    }
}
