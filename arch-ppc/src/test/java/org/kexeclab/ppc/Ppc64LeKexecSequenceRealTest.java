package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian's ppc64el vmlinux (skipped unless fetched): {@code kexec_sequence}, 204 bytes in
 * 6.1, starting with {@code mflr r0}, the helpers it and {@code kexec_copy_flush} call, and
 * the kimage offsets {@code kexec_copy_flush} reads (head 0, nr_segments 56, segment 64).
 */
class Ppc64LeKexecSequenceRealTest {

    @Test
    void locate_debianVmlinux_kexecSequenceAndItsHelpers() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(PpcArches.PPC64LE);
        RelocationCode r = ArchServices.locator(PpcArches.PPC64LE).locate(v);
        KernelCode c = r.code();
        System.out.printf("ppc64le: %s; labels %s; kimage offsets %s%n", c, r.labels().keySet(), r.fieldOffsets());
        assertEquals(204, c.size());
        assertEquals("mflr r0", PpcDisassembler.forArch(PpcArches.PPC64LE).describe(c.word(0), c.address()));
        assertEquals(Map.of("head", 0, "nr_segments", 56, "segment", 64), r.fieldOffsets());
        assertEquals(List.of("kexec_sequence", "real_mode", "kexec_copy_flush", "copy_and_flush", "memcpy",
                "copy_page", "flush_icache_range", "_mcount", "mmu_cleanup_all", "kexec_wait", "kexec_flag", ".TOC."),
                List.copyOf(r.labels().keySet()));
        long realMode = r.label("real_mode");
        assertTrue(realMode < c.address() && c.address() - realMode < 0x100,
                "the real_mode kexec_sequence calls is the one just before it in misc_64.S");
        assertEquals(2, v.symbols().named("real_mode").size(), "the kernel has two real_mode symbols");
    }

    @Test
    void disassemble_debianKexecSequence_everyWordAKnownInstruction() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(PpcArches.PPC64LE);
        KernelCode c = ArchServices.locator(PpcArches.PPC64LE).locate(v).code();
        PpcDisassembler d = PpcDisassembler.forArch(PpcArches.PPC64LE);
        for (int i = 0; i < c.size(); i += 4) {
            String text = d.describe(c.word(i), c.addressOf(i));
            assertTrue(!text.startsWith(".long"), String.format("kexec_sequence+0x%x: %s", i, text));
        }
    }
}
