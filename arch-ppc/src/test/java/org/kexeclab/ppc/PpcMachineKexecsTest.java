package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.kexec.MachineKexec;

/** The three PowerPC machines are registered, one per architecture, through their ArchSupport. */
class PpcMachineKexecsTest {
    @ParameterizedTest
    @CsvSource({"ppc32, Ppc32MachineKexec, relocate_kernel_ppc32.S",
        "ppc64, Ppc64MachineKexec, kexec_sequence_ppc64.S",
        "ppc64le, Ppc64LeMachineKexec, kexec_sequence_ppc64.S"})
    void forArch_powerPc_findsRegisteredMachine(String name, String simpleName, String stub) {
        Arch arch = Arches.byName(name);
        MachineKexec m = Arches.support(arch).machineKexec();
        assertEquals(simpleName, m.getClass().getSimpleName());
        assertEquals(arch, m.arch());
        assertEquals(stub, m.stubName());
    }
}
