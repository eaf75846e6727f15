package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MemoryLayout: total RAM as the kernel counts it, rounding, and refusal of bad RAM. */
class MemoryLayoutTest {

    @Test
    void totalRamPages_reservedAndCrash_areNotCounted() {
        assertEquals(4096 - 16 - 2 - 1024, TestImages.layout().totalRamPages());
    }

    @Test
    void reserve_unalignedRange_widenedToPages() {
        MemoryLayout l = MemoryLayout.builder().ram(0, 1 << 20).reserve(0x1100, 0x10, "probe").build();
        assertEquals(List.of(new AddressRange(0x1000, 0x2000, "probe")), l.reserved());
    }

    @Test
    void build_overlappingRam_throwsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryLayout.builder().ram(0, 0x2000).ram(0x1000, 0x2000).build());
        assertTrue(e.getMessage().contains("[0x0, 0x2000)") && e.getMessage().contains("[0x1000, 0x3000)"),
                e.getMessage());
    }

    @Test
    void isRam_rangeAcrossAdjacentRanges_true() {
        MemoryLayout l = MemoryLayout.builder().ram(0, 0x2000).ram(0x2000, 0x2000).ram(0x10000, 0x1000).build();
        assertTrue(l.isRam(0x1000, 0x3000));
        assertEquals(false, l.isRam(0x3000, 0x5000));
    }
}
