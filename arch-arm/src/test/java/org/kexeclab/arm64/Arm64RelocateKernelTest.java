package org.kexeclab.arm64;

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

/** The arm64 stub assembles, fits its control page, is fully listed, and is GNU as's bytes. */
class Arm64RelocateKernelTest {

    private static final long CONTROL_PAGE = 0x4008_0000L;

    @Test
    void assemble_atControlPage_matchesGnuAsBytes() throws AssemblyException {
        Stub stub = Arm64RelocateKernel.assemble(CONTROL_PAGE);
        assertArrayEquals(GoldenFile.hexBytes("/golden/arm64/relocate_kernel_arm64.hex"), stub.bytes());
    }

    @Test
    void assemble_anyOrigin_fitsOnePageAndEndsAtEndLabel() throws AssemblyException {
        Stub stub = Arm64RelocateKernel.assemble(CONTROL_PAGE);
        assertTrue(stub.size() > 0 && stub.size() <= 4096, "stub size " + stub.size());
        assertEquals(0, stub.offsetOf(Arm64RelocateKernel.ENTRY));
        assertEquals(stub.size(), stub.offsetOf(Arm64RelocateKernel.END));
    }

    @Test
    void listing_everyByte_coveredByASourceLine() throws AssemblyException {
        assertEquals(-1, StubChecks.firstUnlistedOffset(Arm64RelocateKernel.assemble(CONTROL_PAGE)));
    }

    @Test
    void kexecData_toBytes_fieldsAtTheOffsetsTheStubIsGiven() {
        byte[] b = new Arm64KexecData(0x4020_0000L, 0x4800_0000L, 0x5000_0002L, 0x10L).toBytes();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Arm64KexecData.SIZE, b.length);
        assertEquals(0x4020_0000L, buf.getLong(Arm64KexecData.symbols().get("KDATA_START").intValue()));
        assertEquals(0x4800_0000L, buf.getLong(Arm64KexecData.symbols().get("KDATA_DTB").intValue()));
        assertEquals(0x5000_0002L, buf.getLong(Arm64KexecData.symbols().get("KDATA_HEAD").intValue()));
        assertEquals(0x10L, buf.getLong(Arm64KexecData.symbols().get("KDATA_PHYS_OFFSET").intValue()));
    }
}
