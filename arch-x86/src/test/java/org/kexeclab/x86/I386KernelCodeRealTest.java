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
 * Debian 12's 686 kernel relocating itself with its own 32-bit {@code relocate_kernel} and with
 * the stub, on both engines (the test kit's {@link RealKernelCodeTest}; skipped when the kernel
 * is not fetched), and the shape decoded from its code: the 6.1 page list, save slots, stack
 * arguments and CR0 bits, every instruction listed.
 */
class I386KernelCodeRealTest extends RealKernelCodeTest {
    @Override
    protected Arch arch() {
        return X86Arches.I386;
    }

    @Test
    void shape_debian686BzImage_pageListSaveSlotsAndArgumentsOf61() throws Exception {
        RelocationCode code = ArchServices.locator(arch()).locate(RealVmlinuxes.openOrSkip(arch()));
        I386KernelCodeShape shape = I386KernelCodeShape.of(code.code(),
                (int) (code.label("identity_mapped") - code.code().address()));
        assertEquals(5, shape.pushes(), "push ebx, esi, edi, ebp; pushf");
        assertEquals(Map.of("pa_control", 0, "va_control", 4, "pa_pgd", 8, "pa_swap", 12), shape.pageList());
        assertEquals(Map.of("esp", 0x800, "cr0", 0x804, "cr3", 0x808, "cr4", 0x80c), shape.saveSlots());
        assertEquals(0x1000, shape.stackTop());
        assertEquals(0x7ffafff3L, shape.cr0Clear(), "PG, AM, WP, TS and EM cleared");
        assertEquals(1, shape.cr0Set(), "PE set");
        assertEquals(2, shape.entryPushes(), "identity_mapped pushes a zero word and start");
        assertEquals(3, shape.repMoves().size(), "swap_pages' three rep movsd");
        Stub stub = new I386KernelCodeKexec(new I386MachineKexec(), code, shape).assembleStub(0x100000);
        Listing listing = stub.listing();
        for (int i = 0; i < listing.size(); i++) {
            System.out.printf("%x %-22s %s%n", listing.address(i), listing.location(i), listing.text(i));
            assertTrue(!listing.text(i).startsWith(".byte"), listing.location(i) + ": " + listing.text(i));
        }
    }
}
