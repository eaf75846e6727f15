package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The x86_64 locator on a synthetic stripped vmlinux: code the project's assembler builds,
 * named by a kallsyms table built in the test; and its refusal of another prologue.
 */
class X86RelocateKernelCodeTest {
    private static final long TEXT = 0xffffffff81000000L;
    private static final String CODE = """
            push rbx
            push rbp
            push r12
            push r13
            push r14
            push r15
            pushfq
            identity_mapped: nop
            virtual_mapped: nop
            swap_pages: ret
            int3
            int3
            """;

    private static Vmlinux kernel(String src) throws Exception {
        byte[] code = X86Assembly.ASSEMBLER.assemble("r.S", src, TEXT + 0x100, Map.of()).bytes();
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("_text", 'T', TEXT),
                new KernelSymbol("relocate_kernel", 'T', TEXT + 0x100)));
        syms.add(new KernelSymbol("identity_mapped", 't', TEXT + 0x10b));
        syms.add(new KernelSymbol("virtual_mapped", 't', TEXT + 0x10c));
        syms.add(new KernelSymbol("swap_pages", 't', TEXT + 0x10d));
        syms.add(new KernelSymbol("get_nr_ram_ranges_callback", 't', TEXT + 0x100 + code.length));
        for (int i = 0; i < 10; i++) {
            syms.add(new KernelSymbol("fn_" + i + "_" + (9 - i) + "0123456789", 'T', TEXT + 0x200 + 0x10L * i));
        }
        byte[] table = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).build(syms);
        byte[] seg = new byte[0x400 + table.length];
        System.arraycopy(code, 0, seg, 0x100, code.length);
        System.arraycopy(table, 0, seg, 0x400, table.length);
        return Vmlinux.open(TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, TEXT, seg, null), X86Arches.X86_64);
    }

    @Test
    void locate_syntheticKernel_boundedByTheNextSymbolOutsideItsLabels() throws Exception {
        RelocationCode r = new X86RelocateKernelCode().locate(kernel(CODE));
        KernelCode c = r.code();
        assertEquals(TEXT + 0x100, c.address());
        assertEquals(16, c.size());
        assertEquals(TEXT + 0x10d, r.label("ret"));
        assertEquals(List.of("relocate_kernel", "identity_mapped", "virtual_mapped", "swap_pages", "ret",
                "get_nr_ram_ranges_callback"), List.copyOf(r.labels().keySet()));
    }

    @Test
    void locate_prologueSavesRaxFirst_refusedWithTheDecodedInstructions() throws Exception {
        Vmlinux v = kernel(CODE.replace("push rbx", "push rax"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> new X86RelocateKernelCode().locate(v));
        assertEquals("relocate_kernel starts with push rax; push rbp; push r12; push r13; push r14; push r15; pushfq, "
                + "not push rbx; push rbp; push r12; push r13; push r14; push r15; pushfq", e.getMessage());
    }
}
