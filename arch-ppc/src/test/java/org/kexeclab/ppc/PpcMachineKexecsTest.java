package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.MachineKexecs;

/** The three PowerPC machines are registered for ServiceLoader, one per architecture. */
class PpcMachineKexecsTest {
    @ParameterizedTest
    @CsvSource({"PPC32, Ppc32MachineKexec, relocate_kernel_ppc32.S",
        "PPC64, Ppc64MachineKexec, kexec_sequence_ppc64.S",
        "PPC64LE, Ppc64LeMachineKexec, kexec_sequence_ppc64.S"})
    void forArch_powerPc_findsRegisteredMachine(Arch arch, String simpleName, String stub) {
        MachineKexec m = MachineKexecs.forArch(arch);
        assertEquals(simpleName, m.getClass().getSimpleName());
        assertEquals(arch, m.arch());
        assertEquals(stub, m.stubName());
    }
}
