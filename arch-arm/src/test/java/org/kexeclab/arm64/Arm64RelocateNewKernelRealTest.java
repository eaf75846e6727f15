package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian's arm64 Image (skipped unless fetched): placed by its header branch and its
 * relocations, named by its kallsyms, and its {@code arm64_relocate_new_kernel} found through
 * {@code machine_kexec_post_load}'s adrp/add pairs: 288 bytes in 6.1, starting with the loads
 * of the seven {@code struct kimage} fields REAL-ARTEFACTS.md lists.
 */
public class Arm64RelocateNewKernelRealTest {

    @Test
    void open_debianImage_placedWhereItsHeaderBranchMeetsPrimaryEntry() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(ArmArches.ARM64);
        assertEquals("kallsyms", v.symbolSource());
        long base = v.memory().regions().get(0).address();
        int code1 = (int) v.memory().u32(base + 4);
        assertTrue(A64Decoder.isB(code1), "code1 is the branch to the entry");
        assertEquals(v.symbols().require("primary_entry").address(), A64Decoder.branchTarget(code1, base + 4));
        assertEquals(0, base & ((2L << 20) - 1), "the Image is linked at a 2 MiB-aligned address");
        assertEquals(v.kallsyms().relativeBase(), v.symbols().symbols().get(0).address(),
                "the relative base is the lowest symbol's address");
    }

    @Test
    void locate_debianImage_288BytesStartingWithTheKimageLoads() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(ArmArches.ARM64);
        RelocationCode r = ArchServices.locator(ArmArches.ARM64).locate(v);
        KernelCode c = r.code();
        System.out.printf("arm64: %s; labels %s; kimage offsets %s%n", c, hex(r.labels()), r.fieldOffsets());
        assertEquals(288, c.size());
        assertEquals(c.address(), r.label("__relocate_new_kernel_start"));
        assertEquals(c.address() + c.size(), r.label("__relocate_new_kernel_end"));
        assertTrue(v.symbols().find("arm64_relocate_new_kernel").isEmpty(), "not in text-only kallsyms");
        assertEquals(Map.of("head", 0, "start", 24, "dtb_mem", 648, "el2_vectors", 664, "ttbr1", 680,
                "zero_page", 688, "phys_offset", 696), r.fieldOffsets());
        int first = c.word(0);
        assertTrue(A64Decoder.isLdr64Immediate(first) && A64Decoder.rn(first) == 0, A64Decoder.describe(first, 0));
        assertEquals("ldr x28, [x0, #" + r.field("start") + "]", A64Decoder.describe(first, c.address()));
        int last = c.word(c.size() - 4);
        assertEquals("br x28", A64Decoder.describe(last, 0));
    }

    public static Map<String, String> hex(Map<String, Long> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, a) -> out.put(k, "0x" + Long.toHexString(a)));
        return out;
    }
}
