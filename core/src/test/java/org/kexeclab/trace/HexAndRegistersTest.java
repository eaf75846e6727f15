package org.kexeclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HexAndRegistersTest {

    @Test
    void number_edgeValues_matchLongToHexString() {
        for (long v : new long[] {0, 1, 0xf, 0x10, 0x1000000, -1L, Long.MIN_VALUE, 0x8000_0000L}) {
            StringBuilder b = new StringBuilder();
            Hex.number(b, v);
            assertEquals("0x" + Long.toHexString(v), b.toString());
        }
    }

    @Test
    void octet_twoDigits() {
        StringBuilder b = new StringBuilder();
        Hex.octet(b, 0x0a);
        Hex.octet(b, 0xff);
        assertEquals("0aff", b.toString());
    }

    @Test
    void accessByte_bothByteOrders_memoryOrder() {
        TraceStep little = new TraceStep(1, java.nio.ByteOrder.LITTLE_ENDIAN);
        little.begin(0, 0, 4, 0);
        little.access(true, 0x1000, 4, 0x11223344L);
        assertEquals(0x44, little.accessByte(0, 0));
        assertEquals(0x11, little.accessByte(0, 3));
        TraceStep big = new TraceStep(1, java.nio.ByteOrder.BIG_ENDIAN);
        big.begin(0, 0, 4, 0);
        big.access(true, 0x1000, 4, 0x11223344L);
        assertEquals(0x11, big.accessByte(0, 0));
        assertEquals(0x44, big.accessByte(0, 3));
    }
}
