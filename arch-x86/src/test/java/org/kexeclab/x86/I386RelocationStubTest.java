package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.GoldenFile;

/** The shipped i386 stub and entry probe against GNU as --32 (golden/i386/regen.sh), and the stub's layout. */
class I386RelocationStubTest {
    private static final long RECORD = 0x10000;

    @Test
    void assemble_atZero_matchesGnuAs() throws Exception {
        assertArrayEquals(GoldenFile.bytes("/golden/i386/relocate_kernel_i386.bin"), I386RelocationStub.assemble(0).bytes());
        assertArrayEquals(GoldenFile.bytes("/golden/i386/entry_probe_i386.bin"),
                I386EntryProbe.assembleStub(0, RECORD).bytes());
    }

    @Test
    void assemble_anyControlPage_codeFitsAndSlotsFollowIt() throws Exception {
        Stub s = I386RelocationStub.assemble(0x2ad7000L);
        assertEquals(0x2ad7000L, s.symbol(I386RelocationStub.ENTRY));
        assertTrue(s.symbol(I386RelocationStub.CODE_END) - s.origin() <= I386RelocationStub.CODE_MAX);
        assertEquals(0x2ad7000L + I386RelocationStub.CODE_MAX, s.symbol(I386RelocationStub.SLOT_PGD));
        assertEquals(1024, s.symbol(I386RelocationStub.REP_ITERATIONS));
    }

    @Test
    void repeatedInstructions_stub_everyRepMovsdRunsOnePage() throws Exception {
        Stub s = I386RelocationStub.assemble(0x100000);
        assertEquals(4, new I386MachineKexec().repeatedInstructions(s).size());
    }
}
