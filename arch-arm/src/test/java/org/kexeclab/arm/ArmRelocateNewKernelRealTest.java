package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian's armhf zImage (skipped unless fetched): its xz payload unpacked, the raw Image
 * placed by its bl targets, and {@code relocate_new_kernel} found: 128 bytes in 6.1, starting
 * with {@code adr r7, relocate_new_kernel_end} and reading the 16-byte data block after it.
 */
class ArmRelocateNewKernelRealTest {

    @Test
    void open_debianZImage_imageStartsWithABlToHypStubInstall() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(ArmArches.ARM);
        long base = v.memory().regions().get(0).address();
        assertEquals(0x8000, base & 0xffff, "arm's head.S: the kernel starts at 0xXXXX8000");
        int first = (int) v.memory().u32(base);
        assertTrue(A32Decoder.isBl(first), A32Decoder.describe(first, base));
        assertEquals("__hyp_stub_install", v.symbols().describe(A32Decoder.branchTarget(first, base)));
    }

    @Test
    void locate_debianZImage_128BytesStartingWithAdrR7() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(ArmArches.ARM);
        RelocationCode r = ArchServices.locator(ArmArches.ARM).locate(v);
        KernelCode c = r.code();
        System.out.printf("arm: %s; labels %s; data block %s%n", c, org.kexeclab.arm64.Arm64RelocateNewKernelRealTest.hex(r.labels()), r.fieldOffsets());
        assertEquals(128, c.size());
        assertEquals(Map.of("start_address", 0, "indirection_page", 4, "mach_type", 8, "r2", 12), r.fieldOffsets());
        assertEquals(String.format("add r7, pc, #%d", c.size() - 8), A32Decoder.describe(c.word(0), c.address()));
        assertEquals("ldr r0, [r7, #" + r.field("indirection_page") + "]", A32Decoder.describe(c.word(4), 0));
    }
}
