package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.asm.Assembler;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.testkit.StubOrKernelCode;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * i386's way to a kernel's own relocation code without a download: a synthetic stripped 32-bit
 * vmlinux whose text holds a relocation routine kexec-lab assembles with relocate_kernel_32's
 * calling contract (the prologue, the cdecl arguments on the stack, the page list in ebp, the
 * saves through edi, the CR3 switch and the return into identity_mapped, its CR0 bits, a SOURCE
 * test and a rep movsd per page, copying once where the kernel swaps) and whose kallsyms names
 * it. It is found, its shape decoded, called as machine_kexec_32.c calls it and verified, and it
 * leaves the demo image as the stub does on both engines; a routine that loads start from
 * another stack slot or does not save CR4 is refused with one sentence. ({@code test cl, imm8} is
 * written as bytes: the project's assembler has no byte registers.)
 */
class I386KernelCodeSyntheticTest {
    private static final long TEXT = 0xc1000000L;
    private static final long AT = TEXT + 0x100;
    private static final Assembler ASSEMBLER = new Assembler(new X86Encoder(X86Mode.PROTECTED), ByteOrder.LITTLE_ENDIAN);
    private static final String CODE = """
            relocate_kernel:
                push ebx
                push esi
                push edi
                push ebp
                pushfd
                mov ebp, [esp + 0x1c]
                mov edi, [ebp + 4]
                mov [edi + 0x800], esp
                mov eax, cr0
                mov [edi + 0x804], eax
                mov eax, cr3
                mov [edi + 0x808], eax
                mov eax, cr4
                mov [edi + 0x80c], eax
                mov ebx, [esp + 0x18]
                mov ebp, [esp + 0x1c]
                mov edx, [esp + 0x20]
                mov ecx, [esp + 0x24]
                mov esi, [esp + 0x28]
                push 0
                popfd
                mov edi, [ebp + 4]
                mov eax, [ebp + 0xc]
                mov [edi + 0x818], eax
                mov edi, [ebp]
                mov eax, [ebp + 8]
                mov cr3, eax
                lea esp, [edi + 0x1000]
                mov eax, edi
                add eax, offset identity_mapped - relocate_kernel
                push eax
                ret
            identity_mapped:
                push 0
                push edx
                mov eax, cr0
                and eax, 0x7ffafff3
                or eax, 1
                mov cr0, eax
                test ecx, ecx
                je 1f
                xor eax, eax
                mov cr4, eax
            1:  xor eax, eax
                mov cr3, eax
                mov eax, [edi + 0x818]
                push eax
                push ebx
                call swap_pages
                add esp, 8
                xor edi, edi
                xor eax, eax
                xor ebx, ebx
                xor ecx, ecx
                xor edx, edx
                xor esi, esi
                xor ebp, ebp
                ret
            virtual_mapped:
                int3
            swap_pages:
                mov ecx, [esp + 4]
                push ebp
                push ebx
                push edi
                push esi
                mov ebx, ecx
                jmp 2f
            1:  mov ecx, [ebx]
                add ebx, 4
            2:  .byte 0xf6, 0xc1, 0x1   # test cl, 0x1
                je 3f
                mov edi, ecx
                and edi, 0xfffff000
                jmp 1b
            3:  .byte 0xf6, 0xc1, 0x2   # test cl, 0x2
                je 4f
                mov ebx, ecx
                and ebx, 0xfffff000
                jmp 1b
            4:  .byte 0xf6, 0xc1, 0x4   # test cl, 0x4
                jne 5f
                .byte 0xf6, 0xc1, 0x8   # test cl, 0x8
                je 1b
                mov esi, ecx
                and esi, 0xfffff000
                mov ecx, 0x400
                rep movsd
                jmp 1b
            5:  pop esi
                pop edi
                pop ebx
                pop ebp
                ret
                int3
            """;

    private static Vmlinux kernel(String src) throws Exception {
        var stub = ASSEMBLER.assemble("r.S", src, AT, Map.of());
        byte[] code = stub.bytes();
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("_text", 'T', TEXT)));
        for (String label : List.of("relocate_kernel", "identity_mapped", "virtual_mapped", "swap_pages")) {
            syms.add(new KernelSymbol(label, label.equals("relocate_kernel") ? 'T' : 't', stub.symbol(label)));
        }
        syms.add(new KernelSymbol("kdump_nmi_callback", 't', AT + code.length));
        for (int i = 0; i < 10; i++) {
            syms.add(new KernelSymbol("fn_" + i + "_" + (9 - i) + "0123456789", 'T', TEXT + 0x800 + 0x10L * i));
        }
        byte[] table = new KallsymsBuilder(4, ByteOrder.LITTLE_ENDIAN).build(syms);
        byte[] seg = new byte[0x1000 + table.length];
        System.arraycopy(code, 0, seg, 0x100, code.length);
        System.arraycopy(table, 0, seg, 0x1000, table.length);
        return Vmlinux.open(TinyVmlinux.elf(3, false, ByteOrder.LITTLE_ENDIAN, TEXT, seg, null), X86Arches.I386);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void kernelCode_syntheticKernel_relocatesTheDemoImageAsTheStubDoes(String engineName) throws Exception {
        CpuEngine engine = Engines.named(engineName);
        Engines.assumeRuns(engine, X86Arches.I386);
        KernelCodeKexec kernel = KernelRelocations.machineKexec(kernel(CODE));
        MachineKexec stub = new I386MachineKexec();
        KexecImage image = DemoImage.build(stub, false);
        String kernelDigest = StubOrKernelCode.destinationDigest(kernel, image, engine);
        String stubDigest = StubOrKernelCode.destinationDigest(stub, image, engine);
        assertEquals(stubDigest, kernelDigest, "destinations after the synthetic kernel's code and after the stub");
    }

    @Test
    void machineKexec_startFromAnotherStackSlot_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE.replace("mov edx, [esp + 0x20]", "mov edx, [esp + 0x24]"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("relocate_kernel does not load edx (argument 3, start_address) from [esp+0x20] after its 5 "
                + "pushes as the 6.1 code does (it loads it from [esp+0x24])", e.getMessage());
    }

    @Test
    void machineKexec_codeDoesNotSaveCr4_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE.replace("mov [edi + 0x80c], eax", "mov [edi + 0x80c], ebx"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("relocate_kernel does not save cr4 at an offset from edi (the virtual control page) the way the "
                + "6.1 code does", e.getMessage());
    }
}
