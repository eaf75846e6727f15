package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.asmtest.StubChecks;
import org.kexeclab.testkit.GoldenFile;

/**
 * The arm stub assembles, fits its control page, is fully listed, is GNU as's bytes, and
 * ends with the 16-byte data block at the kernel's offsets.
 */
class ArmRelocateKernelTest {

    private static final long CONTROL_PAGE = 0x6000_0000L;

    @Test
    void assemble_atControlPage_matchesGnuAsBytes() throws AssemblyException {
        Stub stub = ArmRelocateKernel.assemble(CONTROL_PAGE);
        assertArrayEquals(GoldenFile.hexBytes("/golden/arm/relocate_kernel_arm.hex"), stub.bytes());
    }

    @Test
    void assemble_anyOrigin_fitsOnePage() throws AssemblyException {
        Stub stub = ArmRelocateKernel.assemble(CONTROL_PAGE);
        assertTrue(stub.size() > ArmRelocateKernel.DATA_BLOCK_SIZE && stub.size() <= 4096, "size " + stub.size());
        assertEquals(0, stub.offsetOf(ArmRelocateKernel.ENTRY));
    }

    @Test
    void listing_everyByte_coveredByASourceLine() throws AssemblyException {
        assertEquals(-1, StubChecks.firstUnlistedOffset(ArmRelocateKernel.assemble(CONTROL_PAGE)));
    }

    @Test
    void dataBlock_slots_followTheCodeAtZeroFourEightTwelve() throws AssemblyException {
        Stub stub = ArmRelocateKernel.assemble(CONTROL_PAGE);
        int block = stub.size() - ArmRelocateKernel.DATA_BLOCK_SIZE;
        assertEquals(block, stub.offsetOf(ArmRelocateKernel.START_ADDRESS));
        assertEquals(block + 4, stub.offsetOf(ArmRelocateKernel.INDIRECTION_PAGE));
        assertEquals(block + 8, stub.offsetOf(ArmRelocateKernel.MACHINE_TYPE));
        assertEquals(block + 12, stub.offsetOf(ArmRelocateKernel.R2));
        assertEquals(stub.size(), stub.offsetOf(ArmRelocateKernel.END));
    }

    @Test
    void withData_fourValues_landInTheirSlotsLittleEndian() throws AssemblyException {
        Stub stub = ArmRelocateKernel.withData(ArmRelocateKernel.assemble(CONTROL_PAGE),
                0x6100_8001L, 0x6200_0000L, 0xffffffffL, 0x6100_1000L);
        ByteBuffer b = ByteBuffer.wrap(stub.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int block = stub.size() - ArmRelocateKernel.DATA_BLOCK_SIZE;
        assertEquals(0x6100_8001, b.getInt(block));
        assertEquals(0x6200_0000, b.getInt(block + 4));
        assertEquals(0xffffffff, b.getInt(block + 8));
        assertEquals(0x6100_1000, b.getInt(block + 12));
    }
}
