package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/** The ppc64le locator's kimage-offset decoder on kexec_copy_flush-like code the project's assembler builds. */
class Ppc64LeKexecSequenceCodeTest {
    private static final Assembler PPC = new Assembler(new PpcEncoder(true), ByteOrder.LITTLE_ENDIAN);
    private static final String COPY_FLUSH = """
            mflr r0
            mr r31, r3
            li r5, 512
            addi r4, r31, 64
            addi r3, r1, 40
            ld r30, 56(r31)
            bl 1f
            1: ld r9, 0(r31)
            ld r3, 8(r3)
            """;

    private static KernelCode assembled(String src) throws Exception {
        return new KernelCode("kexec_copy_flush", 0x1000, PPC.assemble("k.S", src, 0x1000, Map.of()).bytes(),
                ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void kimageOffsets_readsThroughACopyOfR3_headNrSegmentsSegment() throws Exception {
        assertEquals(Map.of("segment", 64, "nr_segments", 56, "head", 0),
                Ppc64LeKexecSequenceCode.kimageOffsets(assembled(COPY_FLUSH)));
    }

    @Test
    void kimageOffsets_headReadThroughR3AfterACall_refused() throws Exception {
        KernelCode c = assembled(COPY_FLUSH.replace("ld r9, 0(r31)", "ld r9, 0(r3)"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> Ppc64LeKexecSequenceCode.kimageOffsets(c));
        assertEquals("kexec_copy_flush reads only {segment=64, nr_segments=56} of its kimage argument, not head, "
                + "nr_segments and the segment array", e.getMessage());
    }
}
