package org.kexeclab.ppc.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.DestinationDigest;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.ppc.LowVectors;
import org.kexeclab.ppc.Ppc64LeMachineKexec;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcEncoder;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The ppc64le kernel-code driver with no download: a small ELF vmlinux whose code the
 * project's assembler builds in the shapes the readers check (a {@code kexec_sequence} that
 * switches to {@code kexec_stack}, reads {@code hw_cpu_id} from the paca, calls a
 * {@code kexec_copy_flush} that saves the segments with {@code memcpy}, walks the list and
 * copies 64 KiB pages with {@code copy_page}, then {@code mmu_cleanup_all} through r7,
 * {@code real_mode}'s {@code rfid} and {@code copy_and_flush}'s low-vector copy), with one
 * ftrace site whose {@code _mcount} is an invalid instruction: the run only passes if that
 * site was patched to a {@code nop}. It must relocate the same image as the stub does.
 */
class Ppc64LeKernelCodeSyntheticTest {
    private static final Assembler PPC = new Assembler(new PpcEncoder(true), ByteOrder.LITTLE_ENDIAN);
    private static final long VA = 0xc000_0000_0100_0000L;
    private static final int EM_PPC64 = 21;
    private static final long RAM = 128L << 20;
    private static final int PAGE = 0x10000;
    private static final String KERNEL = """
            default_machine_kexec:
                mflr r0
                bl kexec_sequence
            1:  b 1b
            kexec_sequence:
                mflr r0
                std r0, 16(r1)
                stdu r1, 3072(r3)
                mr r1, r3
                mr r31, r4
                mr r30, r5
                mr r29, r7
                .long 0xa32d0038  # lhz r25, 56(r13): hw_cpu_id
                mfmsr r10
                rldicl r10, r10, 48, 1
                rldicl r10, r10, 16, 0
                mtmsrd r10, 1
                mr r3, r30
                bl kexec_copy_flush
                mtctr r29
                bctrl
                bl real_mode
                li r3, 0
                mr r4, r31
                li r5, 0x100
                li r6, 0
                bl copy_and_flush
                li r9, 1
                stw r9, kexec_flag - toc(r2)
                sync
                mr r3, r25
                mr r4, r31
                li r5, 0
                mtlr r31
                blr
            real_mode:
                mflr r11
                mfmsr r12
                rldicl r12, r12, 58, 2
                rldicl r12, r12, 6, 0
                mtspr 26, r11
                mtspr 27, r12
                rfid
            copy_and_flush:
                srdi r5, r5, 3
                mtctr r5
                addi r3, r3, -8
                addi r4, r4, -8
            1:  ldu r0, 8(r4)
                stdu r0, 8(r3)
                bdnz 1b
                blr
            kexec_copy_flush:
                mflr r0
                std r0, 16(r1)
                stdu r1, -704(r1)
                std r25, 600(r1)
                std r26, 608(r1)
                std r27, 616(r1)
                std r28, 624(r1)
                std r29, 632(r1)
                std r30, 640(r1)
                std r31, 648(r1)
                ld r9, 3192(r13)
                std r9, 696(r1)
                mr r31, r3
                ld r30, 56(r31)
                li r5, 512
                addi r4, r31, 64
                addi r3, r1, 40
                bl memcpy
                ld r28, 0(r31)
                mr r26, r31
            next_entry:
                ld r28, 0(r26)
                cmpdi r28, 0
                beq walked
                andi. r9, r28, 4
                bne walked
                andi. r9, r28, 1
                beq 1f
                rldicr r27, r28, 0, 47
            1:  andi. r9, r28, 8
                beq 2f
                mr r3, r27
                rldicr r4, r28, 0, 47
                bl copy_page
                addis r27, r27, 1
            2:  andi. r9, r28, 2
                beq 3f
                rldicr r26, r28, 0, 47
                b next_entry
            3:  addi r26, r26, 8
                b next_entry
            walked:
                addi r29, r1, 40
                mr r25, r30
            flush_segment:
                cmpdi r25, 0
                beq flushed
                ld r3, 16(r29)
                ld r4, 24(r29)
                add r4, r3, r4
                bl flush_icache_range
                addi r29, r29, 32
                addi r25, r25, -1
                b flush_segment
            flushed:
                ld r25, 600(r1)
                ld r26, 608(r1)
                ld r27, 616(r1)
                ld r28, 624(r1)
                ld r29, 632(r1)
                ld r30, 640(r1)
                ld r31, 648(r1)
                addi r1, r1, 704
                ld r0, 16(r1)
                mtlr r0
                blr
            memcpy:
                srdi r5, r5, 3
                mtctr r5
                addi r6, r3, -8
                addi r4, r4, -8
            1:  ldu r0, 8(r4)
                stdu r0, 8(r6)
                bdnz 1b
                blr
            copy_page:
                lis r5, 1
                ori r5, r5, 0
                srdi r5, r5, 3
                mtctr r5
                addi r3, r3, -8
                addi r4, r4, -8
            1:  ldu r0, 8(r4)
                stdu r0, 8(r3)
                bdnz 1b
                blr
            flush_icache_range:
                mflr r0
            mcount_site:
                bl _mcount
                sync
                icbi 0, r3
                isync
                blr
            mmu_cleanup_all:
                li r9, 0
                mtspr 464, r9
                blr
            kexec_wait:
            1:  b 1b
            _mcount:
                .long 0
                .balign 8, 0
            mcount_loc_start:
                .quad mcount_site
            mcount_loc_stop:
                .quad 0
            toc:
                .quad 0
            kexec_flag:
                .long 0
                .long 0
            kexec_stack:
                .space 4096
            kernel_end:
                .quad 0
            """;
    private static final List<String> TEXT = List.of("default_machine_kexec", "kexec_sequence", "real_mode",
            "copy_and_flush", "kexec_copy_flush", "memcpy", "copy_page", "flush_icache_range", "mmu_cleanup_all",
            "kexec_wait", "_mcount");

    private static byte[] vmlinux(String source) throws Exception {
        Stub s = PPC.assemble("synthetic-vmlinux.S", source, VA, Map.of());
        List<KernelSymbol> symbols = new ArrayList<>();
        TEXT.forEach(n -> symbols.add(new KernelSymbol(n, 'T', s.symbol(n))));
        symbols.add(new KernelSymbol("__start_mcount_loc", 'D', s.symbol("mcount_loc_start")));
        symbols.add(new KernelSymbol("__stop_mcount_loc", 'D', s.symbol("mcount_loc_stop")));
        symbols.add(new KernelSymbol(".TOC.", 'D', s.symbol("toc")));
        symbols.add(new KernelSymbol("kexec_flag", 'D', s.symbol("kexec_flag")));
        symbols.add(new KernelSymbol("kexec_stack", 'D', s.symbol("kexec_stack")));
        symbols.add(new KernelSymbol("_end", 'D', s.symbol("kernel_end")));
        return TinyVmlinux.elf(EM_PPC64, true, ByteOrder.LITTLE_ENDIAN, VA, s.bytes(), symbols);
    }

    private static KernelCodeKexec machine(String source) throws Exception {
        return KernelRelocations.machineKexec(Vmlinux.open(vmlinux(source), PpcArches.PPC64LE));
    }

    private static LoadedImage image(KernelCodeKexec kernel) throws Exception {
        KexecImage image = KexecImage.builder(PpcArches.PPC64LE).layout(kernel.layout(RAM))
                .segment(SegmentData.generated(3L * PAGE, 7), 0x200_0000L, 3L * PAGE)
                .segment(SegmentData.generated(PAGE, 8), 0x300_0000L, PAGE)
                .entry(0x200_0000L).build();
        return LoadedImage.load(image, LoadOptions.defaults());
    }

    private static KexecOutcome run(MachineKexec machine, LoadedImage loaded, byte[][] after) {
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults().withProbe(false),
                InterpEngine.instance())) {
            KexecOutcome o = run.execute();
            after[0] = DestinationDigest.of(loaded, run.cpu()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            after[1] = run.cpu().read(0, LowVectors.SIZE);
            return o;
        }
    }

    @Test
    void kernelCode_syntheticVmlinux_relocatesLikeTheStub() throws Exception {
        KernelCodeKexec kernel = machine(KERNEL);
        LoadedImage loaded = image(kernel);
        byte[][] k = new byte[2][];
        byte[][] s = new byte[2][];
        KexecOutcome ko = run(kernel, loaded, k);
        KexecOutcome so = run(new Ppc64LeMachineKexec(true), loaded, s);
        assertTrue(ko.verified(), () -> ko.failures().toString());
        assertTrue(so.verified(), () -> so.failures().toString());
        assertEquals(4, ko.pagesCopied());
        assertArrayEquals(s[0], k[0], "destination digest");
        assertArrayEquals(s[1], k[1], "low vectors");
        for (String r : List.of("r3", "r4", "r5", "lr", "msr", "pc")) {
            assertEquals(so.entryRegisters().get(r), ko.entryRegisters().get(r), r);
        }
    }

    @Test
    void machineKexec_ftraceSiteNotBlMcount_refusedNamingIt() {
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> machine(KERNEL.replace("    bl _mcount\n", "    nop\n")));
        assertTrue(e.getMessage().startsWith("the ftrace call site at flush_icache_range+0x4 holds "), e.getMessage());
    }

    @Test
    void machineKexec_copyPageOfAnotherSize_refused() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> machine(KERNEL.replace(
                "    lis r5, 1\n    ori r5, r5, 0\n", "    lis r5, 0\n    ori r5, r5, 0x1000\n")));
        assertEquals("copy_page copies 0x1000 bytes but kexec_copy_flush advances its destination by 0x10000",
                e.getMessage());
    }

    @Test
    void refusal_imageWithFourKilobytePages_namesBothSizes() throws Exception {
        KernelCodeKexec kernel = machine(KERNEL);
        KexecImage image = KexecImage.builder(PpcArches.PPC64LE)
                .layout(org.kexeclab.kexec.StandardMachine.layout(RAM).sparse().build())
                .segment(SegmentData.generated(0x1000, 7), 0x200_0000L, 0x1000).entry(0x200_0000L).build();
        assertEquals("the image's list uses 4096-byte pages but the kernel's code copies 65536-byte pages",
                kernel.refusal(LoadedImage.load(image, LoadOptions.defaults())));
    }
}
