package org.kexeclab.riscv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
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
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvMachineKexec;
import org.kexeclab.riscv.RvEncoder;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.testkit.StubOrKernelCode;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.vmlinux.KallsymsLayout;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * riscv64's way to a kernel's own relocation code without a download: a synthetic stripped
 * vmlinux whose read-only data holds a relocation routine kexec-lab assembles with
 * riscv_kexec_relocate's contract (its five arguments kept in s0-s4, stvec at the physical loop,
 * satp cleared at an indirection page, a SOURCE test and a 512-doubleword copy, a0/a1/a2 handed
 * over and {@code jr a2}; 32-bit encodings only, which the project's assembler writes), its length
 * in {@code riscv_kexec_relocate_size}, and kallsyms in the order kernels emit since 6.4. It is
 * found, its shape decoded, called as machine_kexec calls it and verified, and it leaves the demo
 * image as the stub does on both engines; a routine that copies another page size is refused with
 * one sentence.
 */
class RiscvKernelCodeSyntheticTest {
    private static final long TEXT = 0xffffffff80000000L;
    private static final long AT = TEXT + 0x100;
    private static final Assembler ASSEMBLER = new Assembler(new RvEncoder(), ByteOrder.LITTLE_ENDIAN);
    private static final String CODE = """
            	.globl riscv_kexec_relocate
            riscv_kexec_relocate:
            	mv s0, a0
            	mv s1, a1
            	mv s2, a2
            	mv s3, a3
            	mv s4, a4
            	li s5, 0
            	li s6, 0
            	csrw sie, zero
            	csrw sip, zero
            	auipc s6, 0
            	addi s6, s6, 16
            	sub s6, s6, s4
            	csrw stvec, s6
            entry:
            	ld t0, 0(s0)
            	addi s0, s0, 8
            	andi t1, t0, 1
            	beqz t1, not_destination
            	andi s5, t0, -2
            	j entry
            not_destination:
            	andi t1, t0, 2
            	beqz t1, not_indirection
            	andi s0, t0, -3
            	csrw satp, zero
            	jr s6
            not_indirection:
            	andi t1, t0, 4
            	beqz t1, not_done
            	j done
            not_done:
            	andi t1, t0, 8
            	beqz t1, entry
            	andi t0, t0, -9
            	li t3, 512
            copy:
            	ld t1, 0(t0)
            	sd t1, 0(s5)
            	addi t0, t0, 8
            	addi s5, s5, 8
            	addi t3, t3, -1
            	beqz t3, entry
            	j copy
            done:
            	mv a0, s3
            	mv a1, s2
            	mv a2, s1
            	li a3, 0
            	li a4, 0
            	li a5, 0
            	li a6, 0
            	li a7, 0
            	li s0, 0
            	li s1, 0
            	li s2, 0
            	li s3, 0
            	li s4, 0
            	li s5, 0
            	li s6, 0
            	li s7, 0
            	li s8, 0
            	li s9, 0
            	li s10, 0
            	li s11, 0
            	li t0, 0
            	li t1, 0
            	li t2, 0
            	li t3, 0
            	li t4, 0
            	li t5, 0
            	li t6, 0
            	csrw sepc, zero
            	csrw scause, zero
            	csrw sscratch, zero
            	fence.i
            	jr a2
            """;

    private static Vmlinux kernel(String src) throws Exception {
        byte[] code = ASSEMBLER.assemble("r.S", src, AT, Map.of()).bytes();
        long sizeAt = AT + ((code.length + 7) & ~7);
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("_text", 'T', TEXT)));
        syms.add(new KernelSymbol("riscv_kexec_relocate", 'D', AT));
        syms.add(new KernelSymbol("riscv_kexec_relocate_size", 'D', sizeAt));
        for (int i = 0; i < 10; i++) {
            syms.add(new KernelSymbol("fn_" + i + "_" + (9 - i) + "0123456789", 'T', TEXT + 0x800 + 0x10L * i));
        }
        byte[] table = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).orderSince64().build(syms);
        byte[] seg = new byte[0x1000 + table.length];
        System.arraycopy(code, 0, seg, 0x100, code.length);
        ByteBuffer.wrap(seg).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (sizeAt - TEXT), code.length);
        System.arraycopy(table, 0, seg, 0x1000, table.length);
        return Vmlinux.open(TinyVmlinux.elf(243, true, ByteOrder.LITTLE_ENDIAN, TEXT, seg, null), RiscvArches.RISCV64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void kernelCode_syntheticKernel_relocatesTheDemoImageAsTheStubDoes(String engineName) throws Exception {
        CpuEngine engine = Engines.named(engineName);
        Engines.assumeRuns(engine, RiscvArches.RISCV64);
        Vmlinux v = kernel(CODE);
        assertEquals(KallsymsLayout.Order.OFFSETS_AFTER_TOKENS, v.kallsyms().layout().order());
        KernelCodeKexec kernel = KernelRelocations.machineKexec(v);
        MachineKexec stub = new RiscvMachineKexec();
        KexecImage image = DemoImage.build(stub, false);
        String kernelDigest = StubOrKernelCode.destinationDigest(kernel, image, engine);
        String stubDigest = StubOrKernelCode.destinationDigest(stub, image, engine);
        assertEquals(stubDigest, kernelDigest, "destinations after the synthetic kernel's code and after the stub");
    }

    @Test
    void machineKexec_codeCopiesAnotherPageSize_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE.replace("li t3, 512", "li t3, 256"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("riscv_kexec_relocate copies 256 doublewords a page, not the 512 of the 4 KiB pages kexec_load's "
                + "list holds", e.getMessage());
    }

    @Test
    void machineKexec_startNotKeptInS1_refusedNamingIt() throws Exception {
        Vmlinux v = kernel(CODE.replace("mv s1, a1", "mv s1, a2"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KernelRelocations.machineKexec(v));
        assertEquals("riscv_kexec_relocate's instruction 2 is mv s1,a2, not mv s1,a1: it does not keep the new "
                + "kernel's start (argument a1) as the 6.12 code does", e.getMessage());
    }
}
