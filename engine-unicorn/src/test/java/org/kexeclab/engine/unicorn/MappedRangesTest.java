package org.kexeclab.engine.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MappedRangesTest {

    @Test
    void add_adjacentRanges_mergeIntoOne() {
        MappedRanges r = new MappedRanges();
        r.add(0x2000, 0x1000);
        r.add(0x1000, 0x1000);
        r.add(0x3000, 0x1000);
        assertEquals(1, r.size());
        assertEquals(0x1000, r.start(0));
        assertEquals(0x4000, r.end(0));
    }

    @Test
    void remove_middle_splitsAndLeavesHoleUnmapped() {
        MappedRanges r = new MappedRanges();
        r.add(0x1000, 0x4000);
        r.remove(0x2000, 0x1000);
        assertEquals(2, r.size());
        assertEquals(0x2000, r.firstUnmapped(0x1000, 0x3000));
        assertTrue(r.contains(0x3000));
        assertFalse(r.contains(0x2fff));
    }

    @Test
    void firstUnmapped_fullyMapped_returnsEnd() {
        MappedRanges r = new MappedRanges();
        r.add(0x1000, 0x1000);
        r.add(0x2000, 0x1000);
        assertEquals(0x3000, r.firstUnmapped(0x1800, 0x1800));
        assertEquals(0x3000, r.firstUnmapped(0x1800, 0x1801));
        assertEquals(0x800, r.firstUnmapped(0x800, 0x1000));
    }

    @Test
    void addresses_aboveSignBit_orderAsUnsigned() {
        MappedRanges r = new MappedRanges();
        r.add(0xffff_8000_0000_0000L, 0x1000);
        r.add(0x1000, 0x1000);
        assertEquals(0x1000, r.start(0));
        assertEquals(0xffff_8000_0000_0000L, r.start(1));
        assertTrue(r.contains(0xffff_8000_0000_0fffL));
    }
}
