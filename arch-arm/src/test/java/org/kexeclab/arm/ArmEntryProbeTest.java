package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.GoldenFile;

/** The arm entry probe is GNU as's bytes; an odd (Thumb) entry gets the A32 code at the even address. */
class ArmEntryProbeTest {

    @Test
    void assemble_atTheDemoEntry_matchesGnuAsBytes() {
        EntryProbe probe = ArmEntryProbe.assemble(0x1000000, StandardMachine.PROBE_RECORD, ArmMachineKexec.MACHINE_TYPE);
        assertArrayEquals(GoldenFile.hexBytes("/golden/arm/entry_probe_arm.hex"), probe.code());
    }

    @Test
    void assemble_oddEntry_placedAtTheEvenAddress() {
        EntryProbe probe = ArmEntryProbe.assemble(0x1000001, StandardMachine.PROBE_RECORD, ArmMachineKexec.MACHINE_TYPE);
        assertEquals(0x1000000, probe.entry());
        assertEquals(0, probe.doneAddress() & 3);
    }
}
