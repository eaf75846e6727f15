package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** SegmentData: arrays are copied, generated data is deterministic and reads compose. */
class SegmentDataTest {

    @Test
    void of_callerChangesArray_dataUnchanged() {
        byte[] b = {1, 2, 3};
        SegmentData d = SegmentData.of(b);
        b[0] = 9;
        byte[] out = new byte[3];
        d.read(0, out, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, out);
    }

    @Property(tries = 200)
    void generated_readInPieces_equalsReadWhole(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int split,
            @ForAll @IntRange(min = 0, max = 17) int start) {
        SegmentData d = SegmentData.generated(400, seed);
        byte[] whole = new byte[400 - start];
        d.read(start, whole, 0, whole.length);
        int cut = Math.min(split, whole.length);
        byte[] pieces = new byte[whole.length];
        d.read(start, pieces, 0, cut);
        d.read(start + cut, pieces, cut, whole.length - cut);
        assertArrayEquals(whole, pieces);
    }

    @Test
    void generated_differentSeeds_differentBytes() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        SegmentData.generated(64, 1).read(0, a, 0, 64);
        SegmentData.generated(64, 2).read(0, b, 0, 64);
        assertEquals(false, Arrays.equals(a, b));
    }

    @Test
    void read_pastSize_throwsNamingTheRange() {
        SegmentData d = SegmentData.generated(10, 1);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> d.read(8, new byte[4], 0, 4));
        assertEquals("read 0x8+0x4 outside segment data of 0xa bytes", e.getMessage());
    }
}
