package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian's amd64 bzImage (skipped unless fetched): its xz payload unpacked to the stripped
 * vmlinux, named by kallsyms, and {@code relocate_kernel} found up to the next text symbol,
 * with its three local labels inside it and its prologue and final ret decoded.
 */
class X86RelocateKernelRealTest {

    @Test
    void locate_debianBzImage_relocateKernelWithItsLabelsAndPrologue() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(X86Arches.X86_64);
        RelocationCode r = ArchServices.locator(X86Arches.X86_64).locate(v);
        KernelCode c = r.code();
        long start = c.address();
        System.out.printf("x86_64: %s; identity_mapped +0x%x, virtual_mapped +0x%x, swap_pages +0x%x, ret +0x%x; "
                + "labels %s%n", c, r.label("identity_mapped") - start, r.label("virtual_mapped") - start,
                r.label("swap_pages") - start, r.label("ret") - start, r.labels().keySet());
        assertEquals(List.of("push rbx", "push rbp", "push r12", "push r13", "push r14", "push r15", "pushfq"),
                X86RelocateKernelCode.prologue(c, 7));
        assertTrue(c.size() <= X86RelocateKernelCode.MAX_SIZE);
        assertEquals("relocate_kernel+0x" + Long.toHexString(r.label("identity_mapped") - start - 1),
                v.symbols().describe(r.label("identity_mapped") - 1));
        assertEquals("identity_mapped", v.symbols().describe(r.label("identity_mapped")));
        assertEquals(0xc3, c.bytes()[(int) (r.label("ret") - start)] & 0xff);
        for (int i = (int) (r.label("ret") - start) + 1; i < c.size(); i++) {
            assertEquals(0xcc, c.bytes()[i] & 0xff, "int3 padding after the final ret");
        }
    }
}
