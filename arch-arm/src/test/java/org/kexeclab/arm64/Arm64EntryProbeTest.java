package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.GoldenFile;

/** The arm64 entry probe is GNU as's bytes and names its done address and record. */
class Arm64EntryProbeTest {

    @Test
    void assemble_atTheDemoEntry_matchesGnuAsBytes() {
        EntryProbe probe = Arm64EntryProbe.assemble(0x1000000, StandardMachine.PROBE_RECORD);
        assertArrayEquals(GoldenFile.hexBytes("/golden/arm64/entry_probe_arm64.hex"), probe.code());
    }

    @Test
    void assemble_anyEntry_doneAddressInsideTheCodeAndRecordHasEveryField() {
        EntryProbe probe = Arm64EntryProbe.assemble(0x2340000, StandardMachine.PROBE_RECORD);
        assertEquals(0x2340000, probe.entry());
        long done = probe.doneAddress() - probe.entry();
        assertEquals(true, done > 0 && done < probe.code().length, "probe_done offset " + done);
        assertEquals((2 + 7) * 8, probe.recordSize(ArmArches.ARM64));
        assertEquals(8, probe.statusBits().size());
    }
}
