package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.RealKernelCodeTest;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * Debian's amd64 bzImage relocated by its own {@code relocate_kernel} and by the stub (skipped
 * unless fetched); and the shape read from its code: the page-list and save-slot offsets of the
 * 6.1 build, every instruction decoded, listed by the kernel's own labels.
 */
class X86KernelCodeRealTest extends RealKernelCodeTest {
    @Override
    protected Arch arch() {
        return X86Arches.X86_64;
    }

    @Test
    void shape_debianBzImage_pageListAndSaveSlotsOf61() throws Exception {
        RelocationCode code = ArchServices.locator(arch()).locate(RealVmlinuxes.openOrSkip(arch()));
        X86KernelCodeShape shape = X86KernelCodeShape.of(code);
        assertEquals(Map.of("pa_control", 0, "va_control", 8, "pa_table", 16, "pa_swap", 24), shape.pageList());
        assertEquals(Map.of("rsp", 0x800, "cr0", 0x808, "cr3", 0x810, "cr4", 0x818), shape.saveSlots());
        assertEquals(3, shape.repMoves().size(), "swap_pages' three rep movsq");
        Stub stub = new X86KernelCodeKexec(new X86_64MachineKexec(), code, shape).assembleStub(0x100000);
        Listing listing = stub.listing();
        for (int i = 0; i < listing.size(); i++) {
            System.out.printf("%x %-22s %s%n", listing.address(i), listing.location(i), listing.text(i));
            assertTrue(!listing.text(i).startsWith(".byte"), listing.location(i) + ": " + listing.text(i));
        }
    }
}
