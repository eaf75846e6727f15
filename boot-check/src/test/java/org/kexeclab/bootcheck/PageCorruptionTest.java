package org.kexeclab.bootcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The negative control's page: exactly one 4 KiB page of one destination, every bit flipped. */
class PageCorruptionTest {
    private static final MemoryRegion KERNEL = new MemoryRegion(0x40200000L, new byte[3 * 4096], "kernel");
    private static final MemoryRegion DTB = new MemoryRegion(0x42210000L, new byte[100], "dtb");

    @Test
    void apply_entryPage_invertsOnlyThatPage() {
        PageCorruption.Applied a = PageCorruption.entryPage().apply(List.of(KERNEL, DTB), 0x40201234L);
        byte[] k = a.memory().get(0).bytes();
        for (int i = 0; i < k.length; i++) {
            assertEquals(i >= 4096 && i < 8192 ? (byte) 0xff : 0, k[i], "byte " + i);
        }
        assertSame(DTB, a.memory().get(1));
        assertArrayEquals(new byte[3 * 4096], KERNEL.bytes(), "the original must stay intact");
        assertTrue(a.described().startsWith("page 0x40201000 of the kernel, the kernel entry's,"), a.described());
    }

    @Test
    void apply_pagePastRegionEnd_invertsOnlyTheRegionsBytes() {
        PageCorruption.Applied a = PageCorruption.at(0x42210010L).apply(List.of(KERNEL, DTB), 0);
        assertEquals(100, a.memory().get(1).bytes().length);
        assertTrue(a.described().endsWith("(100 bytes)"), a.described());
    }

    @Test
    void apply_addressInNoDestination_oneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageCorruption.at(0x50000000L).apply(List.of(KERNEL, DTB), 0));
        assertEquals("no destination of the load holds 0x50000000, so there is no page of it to corrupt",
                e.getMessage());
    }
}
