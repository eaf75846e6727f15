package org.kexeclab.ppc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.Stub;
import org.kexeclab.ppc.PpcEncoder;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The readers that take one ppc64le build's facts from its code, on code the project's
 * assembler builds (no kernel download): each fact is read from the form the compiled kernel
 * uses, and code of another shape is refused with one sentence naming what is missing.
 */
class KexecSequenceFactsTest {
    private static final Assembler PPC = new Assembler(new PpcEncoder(true), ByteOrder.LITTLE_ENDIAN);
    private static final long AT = 0x1000;
    /** kexec_copy_flush's shape: canary, segment copy to the stack, flush loop, page advance. */
    private static final String COPY_FLUSH = """
            mflr r0
            ld r9, 3192(r13)
            li r5, 512
            addi r4, r3, 64
            addi r3, r1, 40
            bl memcpy
            addi r31, r1, 40
            1: ld r4, 16(r31)
            ld r5, 24(r31)
            addi r31, r31, 32
            addis r30, r30, 1
            b 1b
            memcpy: blr
            """;

    private static Stub assemble(String src) throws Exception {
        return PPC.assemble("k.S", src, AT, Map.of());
    }

    private static KernelCode code(String name, Stub s) {
        return new KernelCode(name, AT, s.bytes(), ByteOrder.LITTLE_ENDIAN);
    }

    private static CopyFlushShape shape(String src) throws Exception {
        Stub s = assemble(src);
        return CopyFlushShape.read(code("kexec_copy_flush", s), s.symbol("memcpy"));
    }

    @Test
    void copyFlushShape_compiledShape_readsCanarySegmentLayoutAndPageSize() throws Exception {
        assertEquals(new CopyFlushShape(3192, 512, 32, 16, 24, 0x10000), shape(COPY_FLUSH));
    }

    @Test
    void copyFlushShape_noCanaryLoad_refused() throws Exception {
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> shape(COPY_FLUSH.replace("ld r9, 3192(r13)", "ld r9, 3192(r12)")));
        assertEquals("kexec_copy_flush never loads its stack-protector canary from the paca (an ld from r13)",
                e.getMessage());
    }

    @Test
    void copyFlushShape_memszBeyondTheEntry_refused() throws Exception {
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> shape(COPY_FLUSH.replace("ld r5, 24(r31)", "ld r5, 40(r31)")));
        assertEquals("kexec_copy_flush reads mem at 16 and memsz at 40 of a 32-byte segment entry and copies 512 "
                + "bytes of them, which do not fit together", e.getMessage());
    }

    @Test
    void copyFlushShape_noPageAdvance_refused() throws Exception {
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> shape(COPY_FLUSH.replace("addis r30, r30, 1", "addi r30, r30, 1")));
        assertEquals("kexec_copy_flush does not advance its destination by a power-of-two page of at least 4 KiB "
                + "(addis rD, rD, K) after each copy_page", e.getMessage());
    }

    @Test
    void copyPageSize_lisOri_isThePage() throws Exception {
        assertEquals(0x10000, KexecSequenceFacts.copyPageSize(code("copy_page",
                assemble("lis r5, 1\nori r5, r5, 0\nblr\n"))));
        assertEquals(0x1000, KexecSequenceFacts.copyPageSize(code("copy_page",
                assemble("lis r5, 0\nori r5, r5, 4096\nblr\n"))));
    }

    @Test
    void copyPageSize_notAPowerOfTwo_refused() throws Exception {
        KernelCode c = code("copy_page", assemble("lis r5, 0\nori r5, r5, 0x1234\nblr\n"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KexecSequenceFacts.copyPageSize(c));
        assertEquals("copy_page copies 0x1234 bytes, not a page", e.getMessage());
    }

    @Test
    void kimageLayout_headInsideTheSegmentArray_refused() throws Exception {
        CopyFlushShape flush = shape(COPY_FLUSH);
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> KimageLayout.of(
                Map.of("head", 128, "nr_segments", 56, "segment", 64), flush));
        assertEquals("kexec_copy_flush reads head at 128 and nr_segments at 56, which overlap the segment array "
                + "at 64..576", e.getMessage());
    }

    @Test
    void kimageLayout_debianOffsets_entryOffsetsAndSize() throws Exception {
        KimageLayout k = KimageLayout.of(Map.of("head", 0, "nr_segments", 56, "segment", 64), shape(COPY_FLUSH));
        assertEquals(16, k.maxSegments());
        assertEquals(64 + 2 * 32 + 16, k.mem(2));
        assertEquals(64 + 2 * 32 + 24, k.memsz(2));
        assertEquals(64 + 512, k.bytes());
    }

    @Test
    void exits_branchesLeavingTheFunction_notTheFtraceSiteNorInsideOnes() throws Exception {
        Stub s = assemble("""
                mflr r0
                site: bl 0x3000
                bl 0x2000
                beq 0x2800
                b 1f
                1: bne 1b
                b 0x2400
                """);
        FtraceCallSites ftrace = new FtraceCallSites(0x3000, new long[] {s.symbol("site")});
        assertEquals(List.of(0x2000L, 0x2800L, 0x2400L), KernelCallGraph.exits(code("f", s), ftrace));
    }

    @Test
    void returnAddress_afterTheCallersBl() throws Exception {
        Stub s = assemble("mflr r0\nbl 0x1400\nnop\nblr\n");
        assertEquals(AT + 8, KexecSequenceCall.returnAddress(code("default_machine_kexec", s), 0x1400));
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> KexecSequenceCall.returnAddress(code("default_machine_kexec", s), 0x1800));
        assertEquals("default_machine_kexec never calls kexec_sequence", e.getMessage());
    }
}
