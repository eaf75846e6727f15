package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.testkit.StubOrKernelCode;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The whole way to a kernel's own relocation code without a download: a synthetic stripped
 * vmlinux whose text holds a relocation routine kexec-lab assembles with relocate_kernel's calling
 * contract (the prologue, the page list in rsi, the saves through r11, the CR3 switch, the
 * return into identity_mapped, a SOURCE test and a rep movsq per page) and whose kallsyms names
 * it. It is found, its shape decoded, called as machine_kexec calls it and verified, and it
 * leaves the demo image (built with the stub's entry probe) as the stub does; a routine that does not save CR4 is
 * refused with one sentence. ({@code test cl, imm8} is written as bytes: the project's assembler has no
 * byte registers.)
 */
class X86KernelCodeSyntheticTest {
    private static final long TEXT = 0xffffffff81000000L;
    /** relocate_kernel starts a page, as the kernel's does: its page is what the transition table maps. */
    private static final long AT = TEXT + 0x1000;
    private static final String CODE = """
            relocate_kernel:
                push rbx
                push rbp
                push r12
                push r13
                push r14
                push r15
                pushfq
                mov r11, [rsi + 8]
                mov [r11 + 0x800], rsp
                mov rax, cr0
                mov [r11 + 0x808], rax
                mov rax, cr3
                mov [r11 + 0x810], rax
                mov rax, cr4
                mov [r11 + 0x818], rax
                push 0
                popfq
                mov r8, [rsi]
                mov r9, [rsi + 0x10]
                mov r10, [rsi + 0x18]
                mov cr3, r9
                lea rsp, [r8 + 0x1000]
                add r8, offset identity_mapped - relocate_kernel
                push r8
                ret
            identity_mapped:
                push 0
                push rdx
                mov rax, cr0
                or eax, 0x80000001
                mov cr0, rax
                mov eax, 0x20
                mov cr4, rax
                call swap_pages
                xor eax, eax
                xor ebx, ebx
                xor ecx, ecx
                xor edx, edx
                xor esi, esi
                xor edi, edi
                xor ebp, ebp
                xor r8d, r8d
                xor r9d, r9d
                xor r10d, r10d
                xor r11d, r11d
                xor r12d, r12d
                xor r13d, r13d
                xor r14d, r14d
                xor r15d, r15d
                ret
            virtual_mapped:
                int3
            swap_pages:
                mov rcx, rdi
                jmp 2f
            1:  mov rcx, [rbx]
                add rbx, 8
            2:  .byte 0xf6, 0xc1, 0x1   # test cl, 0x1
                je 3f
                mov rdi, rcx
                and rdi, -4096
                jmp 1b
            3:  .byte 0xf6, 0xc1, 0x2   # test cl, 0x2
                je 4f
                mov rbx, rcx
                and rbx, -4096
                jmp 1b
            4:  .byte 0xf6, 0xc1, 0x4   # test cl, 0x4
                jne 5f
                .byte 0xf6, 0xc1, 0x8   # test cl, 0x8
                je 1b
                mov rsi, rcx
                and rsi, -4096
                mov ecx, 0x200
                rep movsq
                jmp 1b
            5:  ret
                int3
            """;

    private static Vmlinux kernel(String src) throws Exception {
        return kernel(src, AT);
    }

    private static Vmlinux kernel(String src, long at) throws Exception {
        var stub = X86Assembly.ASSEMBLER.assemble("r.S", src, at, Map.of());
        byte[] code = stub.bytes();
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("_text", 'T', TEXT)));
        for (String label : List.of("relocate_kernel", "identity_mapped", "virtual_mapped", "swap_pages")) {
            syms.add(new KernelSymbol(label, label.equals("relocate_kernel") ? 'T' : 't', stub.symbol(label)));
        }
        syms.add(new KernelSymbol("get_nr_ram_ranges_callback", 't', at + code.length));
        for (int i = 0; i < 10; i++) {
            syms.add(new KernelSymbol("fn_" + i + "_" + (9 - i) + "0123456789", 'T', TEXT + 0x800 + 0x10L * i));
        }
        syms.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        byte[] table = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).build(syms);
        byte[] seg = new byte[0x2000 + table.length];
        System.arraycopy(code, 0, seg, (int) (at - TEXT), code.length);
        System.arraycopy(table, 0, seg, 0x2000, table.length);
        return Vmlinux.open(TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, TEXT, seg, null), X86Arches.X86_64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void kernelCode_syntheticKernel_relocatesTheDemoImageAsTheStubDoes(String engineName) throws Exception {
        CpuEngine engine = Engines.named(engineName);
        Engines.assumeRuns(engine, X86Arches.X86_64);
        KernelCodeKexec kernel = KernelRelocations.machineKexec(kernel(CODE));
        MachineKexec stub = new X86_64MachineKexec();
        KexecImage image = DemoImage.build(stub, false);
        String kernelDigest = StubOrKernelCode.destinationDigest(kernel, image, engine);
        String stubDigest = StubOrKernelCode.destinationDigest(stub, image, engine);
        assertEquals(stubDigest, kernelDigest, "destinations after the synthetic kernel's code and after the stub");
    }

    @Test
    void machineKexec_codeDoesNotSaveCr4_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE.replace("mov [r11 + 0x818], rax", "mov [r11 + 0x818], rbx"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("relocate_kernel does not save cr4 at an offset from r11 (the virtual control page) the way the "
                + "6.1 code does", e.getMessage());
    }

    @Test
    void machineKexec_codeNotStartingAPage_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE, AT + 0x100);
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("relocate_kernel at 0xffffffff81001100 does not start a page: the transition page table maps its "
                + "kernel-text page onto the control page, where its copy starts", e.getMessage());
    }

    /**
     * On the Java engine (which translates) the code starts at its kernel-text address through the
     * old kernel's tables, which have no identity map: without its CR3 switch, its push of
     * identity_mapped's physical address onto the new stack at the top of the control page (a
     * physical address too) is a write fault there.
     */
    @Test
    void kernelCode_javaEngine_startsAtKernelTextAndNeedsItsCr3Switch() throws Exception {
        CpuEngine engine = Engines.named("java");
        MachineKexec stub = new X86_64MachineKexec();
        KexecImage image = DemoImage.build(stub, false);
        KernelCodeKexec kernel = KernelRelocations.machineKexec(kernel(CODE));
        LoadedImage loaded = KexecLoad.load(kernel, image,
                LoadOptions.defaults().withControlPages(kernel.controlPages()), KexecOptions.defaults());
        try (KexecRun run = KexecRun.prepare(kernel, loaded, KexecOptions.defaults(), engine)) {
            assertEquals(AT, run.launch().begin());
            assertEquals(0x8005_0033L, run.cpu().readRegister(X86Register.CR0), "paging on at the call");
            assertTrue(run.execute().verified());
        }
        // mov cr3, r9 is 0f 22 d9: three bytes, replaced by three nops.
        KernelCodeKexec noSwitch = KernelRelocations.machineKexec(kernel(CODE.replace("mov cr3, r9", "nop\nnop\nnop")));
        LoadedImage again = KexecLoad.load(noSwitch, image,
                LoadOptions.defaults().withControlPages(noSwitch.controlPages()), KexecOptions.defaults());
        try (KexecRun run = KexecRun.prepare(noSwitch, again, KexecOptions.defaults(), engine)) {
            KexecOutcome o = run.execute();
            assertFalse(o.verified());
            assertEquals(StopReason.MEMORY_FAULT, o.relocation().reason(), o.relocation().toString());
            assertEquals(MemoryAccess.WRITE, o.relocation().access());
            assertEquals(again.controlPage() + 0x1000 - 8, o.relocation().faultAddress());
        }
    }
}
