package org.kexeclab.riscv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvMachineKexec;
import org.kexeclab.testkit.RealKernelCodeTest;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * Debian 13's riscv64 kernel (6.12) relocating itself with its own {@code riscv_kexec_relocate}
 * and with the stub (the test kit's {@link RealKernelCodeTest}; skipped when the kernel is not
 * fetched), on Unicorn: the Java engine has no compressed instructions, which the kernel's code is
 * built with. The shape decoded from the code: where a SOURCE entry's copy starts and the 512
 * doublewords a page, every instruction named in the listing.
 */
class RiscvKernelCodeRealTest extends RealKernelCodeTest {
    @Override
    protected Arch arch() {
        return RiscvArches.RISCV64;
    }

    @Override
    protected String engineCannotRunKernelCode(String engineName) {
        return engineName.equals("java") ? "the Java engine has no compressed (C) instructions, which Debian's "
                + "riscv64 kernel builds riscv_kexec_relocate with" : null;
    }

    @Test
    void shape_debianRiscv64Image612_copyLoopAndListing() throws Exception {
        RelocationCode code = ArchServices.locator(arch()).locate(RealVmlinuxes.openOrSkip(arch()));
        assertEquals(248, code.code().size(), "riscv_kexec_relocate_size of the 6.12 build");
        RiscvKexecRelocateShape shape = RiscvKexecRelocateShape.of(code.code());
        assertEquals(512, shape.wordsPerPage());
        Stub stub = new RiscvKernelCodeKexec(new RiscvMachineKexec(), code, shape).assembleStub(0x80100000L);
        Listing listing = stub.listing();
        for (int i = 0; i < listing.size(); i++) {
            System.out.printf("%x %-28s %s%n", listing.address(i), listing.location(i), listing.text(i));
            assertEquals(false, listing.text(i).startsWith("."), listing.location(i) + ": " + listing.text(i));
        }
        assertEquals(0x64, shape.copyPage(), "the andi t0,t0,-9 after the SOURCE test");
    }
}
