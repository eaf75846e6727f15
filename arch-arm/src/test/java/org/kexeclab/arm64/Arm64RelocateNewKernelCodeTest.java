package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The arm64 locator's two decoders on code with no kernel download: the copied range from a
 * machine_kexec_post_load-like function (words from GNU as, linked at 0xffff800008036000),
 * and the kimage offsets from relocation code the project's A64 assembler builds, with each
 * shape mismatch refused in one sentence.
 */
class Arm64RelocateNewKernelCodeTest {
    private static final Assembler A64 = new Assembler(new A64Encoder(), ByteOrder.LITTLE_ENDIAN);
    /**
     * aarch64-linux-gnu-as + ld -Ttext=0xffff800008036000: stp; adrp x23, reloc_end; adrp x0,
     * zero_page; add x0, x0, :lo12:zero_page; add x23, x23, :lo12:reloc_end; adrp x1,
     * reloc_start; ldr x2, [sp, #8]; add x1, x1, :lo12:reloc_start; sub x0, x0, x2;
     * sub x23, x23, x1; ldp; ret (reloc_start 0xffff800008038104, reloc_end 0xffff800008038224).
     */
    private static final int[] POST_LOAD = {0xa9bf7bfd, 0xd0000017, 0xb0000000, 0x91000000, 0x910892f7, 0xd0000001,
        0xf94007e2, 0x91041021, 0xcb020000, 0xcb0102f7, 0xa8c17bfd, 0xd65f03c0};
    private static final String RELOCATE = """
            ldr x28, [x0, #24]
            ldr x27, [x0, #664]
            ldr x26, [x0, #648]
            ldr x18, [x0, #688]
            ldr x17, [x0, #680]
            ldr x16, [x0]
            ldr x22, [x0, #696]
            nop
            cbz x27, 1f
            mov x1, x28
            mov x2, x26
            hvc #0
            1: mov x0, x26
            br x28
            """;

    private static KernelCode words(long address, int... w) {
        ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : w) {
            b.putInt(x);
        }
        return new KernelCode("machine_kexec_post_load", address, b.array(), ByteOrder.LITTLE_ENDIAN);
    }

    private static KernelCode assembled(String src) throws Exception {
        return new KernelCode("arm64_relocate_new_kernel", 0x1000, A64.assemble("r.S", src, 0x1000, Map.of()).bytes(),
                ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void copiedRange_adrpAddPairsAndTheirSub_startAndEnd() throws Exception {
        long[] r = Arm64RelocateNewKernelCode.copiedRange(words(0xffff800008036000L, POST_LOAD));
        assertArrayEquals(new long[] {0xffff800008038104L, 0xffff800008038224L}, r);
    }

    @Test
    void copiedRange_startRegisterOverwrittenBeforeTheSub_refused() {
        int[] w = POST_LOAD.clone();
        w[6] = 0xf94007e1; // ldr x1, [sp, #8] between adrp x1 and its add: x1 no longer holds the page
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> Arm64RelocateNewKernelCode.copiedRange(words(0xffff800008036000L, w)));
        assertEquals("machine_kexec_post_load has 0 subtractions of two adrp/add addresses, not the one that sizes "
                + "__relocate_new_kernel_start..__relocate_new_kernel_end", e.getMessage());
    }

    @Test
    void kimageOffsets_leadingLoadsFromX0_fieldsByRegisterRole() throws Exception {
        assertEquals(Map.of("start", 24, "el2_vectors", 664, "dtb_mem", 648, "zero_page", 688, "ttbr1", 680,
                "head", 0, "phys_offset", 696), Arm64RelocateNewKernelCode.kimageOffsets(assembled(RELOCATE)));
    }

    @Test
    void kimageOffsets_missingPhysOffsetLoad_refusedNamingTheRegisters() throws Exception {
        KernelCode c = assembled(RELOCATE.replace("ldr x22, [x0, #696]\n", ""));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> Arm64RelocateNewKernelCode.kimageOffsets(c));
        assertEquals("arm64_relocate_new_kernel starts with loads from x0 into x28, x27, x26, x18, x17, x16, not into "
                + "the registers of x16 head, x17 ttbr1, x18 zero_page, x22 phys_offset, x26 dtb_mem, x27 el2_vectors, "
                + "x28 start: not the 6.1 code shape", e.getMessage());
    }

    @Test
    void kimageOffsets_headNotAtZero_refused() throws Exception {
        KernelCode c = assembled(RELOCATE.replace("ldr x16, [x0]", "ldr x16, [x0, #8]"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> Arm64RelocateNewKernelCode.kimageOffsets(c));
        assertEquals("arm64_relocate_new_kernel reads kimage.head at 8, but head is struct kimage's first field",
                e.getMessage());
    }

    @Test
    void describe_firstWord_decodedLoad() throws Exception {
        assertEquals("ldr x28, [x0, #24]", A64Decoder.describe(assembled(RELOCATE).word(0), 0x1000));
        assertEquals("adrp x23, 0xffff800008038000", A64Decoder.describe(POST_LOAD[1], 0xffff800008036004L));
    }
}
