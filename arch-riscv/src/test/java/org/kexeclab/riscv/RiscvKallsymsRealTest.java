package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.Kallsyms;
import org.kexeclab.vmlinux.KallsymsLayout;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian 13's stripped riscv64 vmlinux (6.12) is named by its kallsyms, which since 6.4 put the
 * offsets after the token index (skipped when the kernel is not fetched): the table is read in
 * that order, in ascending order, and names the kexec code: {@code machine_kexec} and
 * {@code riscv_kexec_norelocate} (run in place) in the text, {@code riscv_kexec_relocate} (copied
 * into the control page) in read-only data.
 */
class RiscvKallsymsRealTest {

    @Test
    void kallsyms_riscv64Vmlinux612_offsetsAfterTokenIndexNameMappedText() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(RiscvArches.RISCV64);
        assertEquals("kallsyms", v.symbolSource());
        Kallsyms k = v.kallsyms();
        assertEquals(KallsymsLayout.Order.OFFSETS_AFTER_TOKENS, k.layout().order(), k.toString());
        assertTrue(k.count() > 10_000, "a distribution kernel has tens of thousands of kallsyms");
        KernelSymbol text = v.symbols().require("_text");
        KernelSymbol etext = v.symbols().require("_etext");
        assertTrue(v.memory().contains(text.address(), etext.address() - text.address()),
                "_text.._etext is mapped by a PT_LOAD");
        KernelSymbol machineKexec = v.symbols().require("machine_kexec");
        assertTrue(Long.compareUnsigned(machineKexec.address(), text.address()) >= 0
                && Long.compareUnsigned(machineKexec.address(), etext.address()) < 0, machineKexec + " is in the text");
        assertEquals('T', Character.toUpperCase(v.symbols().require("riscv_kexec_norelocate").type()));
        KernelSymbol relocate = v.symbols().require("riscv_kexec_relocate");
        assertEquals('D', Character.toUpperCase(relocate.type()), relocate + " is data the kernel copies");
        assertTrue(v.memory().contains(relocate.address(), 4), relocate + " is in the image");
        System.out.printf("riscv64 kallsyms: %s%n", k);
    }
}
