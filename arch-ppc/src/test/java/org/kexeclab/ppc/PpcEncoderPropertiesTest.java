package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.testkit.GoldenFile;

/** Properties over the whole operand space that golden vectors only sample. */
class PpcEncoderPropertiesTest {
    private final PpcEncoder encoder = new PpcEncoder(true);

    private int word(String text, TestEncodeContext context) throws AssemblyException {
        return encoder.encodeWord(GoldenFile.instruction(text, 1), context);
    }

    @Property(tries = 300)
    void lisHaPlusAddiL_anyAddress_rebuildsTheAddress(@ForAll int address) throws AssemblyException {
        long value = address & 0xffff_ffffL;
        TestEncodeContext context = new TestEncodeContext(0, ByteOrder.BIG_ENDIAN).define("sym", value);
        int hi = word("lis 3,sym@ha", context) & 0xffff;
        int lo = (short) word("addi 3,3,sym@l", context);
        assertEquals((int) value, (hi << 16) + lo);
    }

    @Property(tries = 300)
    void ld_anyAlignedDisplacement_keepsFields(@ForAll @IntRange(min = 0, max = 31) int rt,
            @ForAll @IntRange(min = 1, max = 31) int ra,
            @ForAll @IntRange(min = -0x2000, max = 0x1fff) int quarter) throws AssemblyException {
        int w = word("ld " + rt + "," + quarter * 4 + "(" + ra + ")", new TestEncodeContext(0, ByteOrder.BIG_ENDIAN));
        assertEquals(58, w >>> 26);
        assertEquals(rt, (w >>> 21) & 31);
        assertEquals(ra, (w >>> 16) & 31);
        assertEquals(quarter * 4, (short) (w & 0xfffc));
        assertEquals(0, w & 3);
    }

    @Property(tries = 200)
    void b_anyReachableTarget_decodesBackToTarget(@ForAll @IntRange(min = -0x800000, max = 0x7fffff) int words)
            throws AssemblyException {
        long pc = 0x0100_0000L;
        long target = pc + 4L * words;
        TestEncodeContext context = new TestEncodeContext(pc, ByteOrder.BIG_ENDIAN).define("t", target);
        int w = word("b t", context);
        long decoded = pc + ((w << 6) >> 6 & ~3);
        assertEquals(target, decoded);
    }
}
