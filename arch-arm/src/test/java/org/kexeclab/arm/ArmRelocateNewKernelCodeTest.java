package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/** The arm locator's data-block decoder on code the project's A32 assembler builds. */
class ArmRelocateNewKernelCodeTest {
    private static final Assembler A32 = new Assembler(new A32Encoder(), ByteOrder.LITTLE_ENDIAN);
    private static final String RELOCATE = """
            add r7, pc, #16
            ldr r0, [r7, #4]
            ldr r1, [r7]
            mov r0, #0
            ldr r1, [r7, #8]
            ldr r2, [r7, #12]
            """;

    private static KernelCode assembled(String src) throws Exception {
        return new KernelCode("relocate_new_kernel", 0xc03137a0L, A32.assemble("r.S", src, 0, Map.of()).bytes(),
                ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void dataLayout_fourLoadsThroughR7_fieldOffsets() throws Exception {
        KernelCode c = assembled(RELOCATE);
        assertEquals(Map.of("indirection_page", 4, "start_address", 0, "mach_type", 8, "r2", 12),
                ArmRelocateNewKernelCode.dataLayout(c));
        assertEquals(c.address() + c.size(), A32Decoder.adrTarget(c.word(0), c.address()));
        assertEquals("add r7, pc, #16", A32Decoder.describe(c.word(0), c.address()));
    }

    @Test
    void dataLayout_r2LoadMissing_refusedNamingTheLoads() throws Exception {
        KernelCode c = assembled(RELOCATE.replace("ldr r2, [r7, #12]", "mov r2, #0"));
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> ArmRelocateNewKernelCode.dataLayout(c));
        assertEquals("relocate_new_kernel loads through r7 into r0, r1, r1, not into r0, r1 (top) and r1, r2 (exit)",
                e.getMessage());
    }
}
