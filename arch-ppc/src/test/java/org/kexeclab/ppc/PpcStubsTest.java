package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.GoldenFile;

/** The ppc32 and ppc64 stubs: they assemble, match GNU as, fit, list every byte, and keep their data-slot layout. */
class PpcStubsTest {
    private static final long CONTROL_PAGE = 0x0030_0000L;
    private static final long PPC64_ORIGIN = 0x0040_0000L;

    private static String gnuAsHex(String name) {
        return HexFormat.of().formatHex(GoldenFile.hexBytes("/golden/ppc/" + name));
    }

    @Test
    void ppc32_assembled_matchesGnuAsBytes() throws Exception {
        Stub stub = PpcStubs.ppc32(CONTROL_PAGE);
        assertEquals(gnuAsHex("relocate_kernel_ppc32.gnu-as.hex"), HexFormat.of().formatHex(stub.bytes()));
    }

    @Test
    void ppc64_assembledBigEndian_matchesGnuAsBytes() throws Exception {
        Stub stub = PpcStubs.ppc64(PpcArches.PPC64, PPC64_ORIGIN);
        assertEquals(gnuAsHex("kexec_sequence_ppc64.gnu-as.hex"), HexFormat.of().formatHex(stub.bytes()));
    }

    @Test
    void ppc64_assembledLittleEndian_matchesGnuAsBytes() throws Exception {
        Stub stub = PpcStubs.ppc64(PpcArches.PPC64LE, PPC64_ORIGIN);
        assertEquals(gnuAsHex("kexec_sequence_ppc64le.gnu-as.hex"), HexFormat.of().formatHex(stub.bytes()));
    }

    @Test
    void ppc32_size_endsBelowTheStackSlot() throws AssemblyException {
        Stub stub = PpcStubs.ppc32(CONTROL_PAGE);
        assertTrue(stub.size() <= PpcStubs.PPC32_STACK_OFFSET, "stub is " + stub.size() + " bytes");
        assertEquals(0, stub.offsetOf(PpcStubs.PPC32_ENTRY));
    }

    @Test
    void ppc64_size_fitsOnePage() throws AssemblyException {
        Stub stub = PpcStubs.ppc64(PpcArches.PPC64, PPC64_ORIGIN);
        assertTrue(stub.size() <= Arch.PAGE_SIZE, "stub is " + stub.size() + " bytes");
        assertEquals(0, stub.offsetOf(PpcStubs.PPC64_ENTRY));
    }

    @Test
    void ppc32_listing_coversEveryByteOnce() throws AssemblyException {
        assertListingCovers(PpcStubs.ppc32(CONTROL_PAGE));
    }

    @ParameterizedTest
    @MethodSource("org.kexeclab.ppc.PpcFixtures#sixtyFourBit")
    void ppc64_listing_coversEveryByteOnce(Arch arch) throws AssemblyException {
        assertListingCovers(PpcStubs.ppc64(arch, PPC64_ORIGIN));
    }

    private static void assertListingCovers(Stub stub) {
        Listing listing = stub.listing();
        byte[] bytes = stub.bytes();
        long next = stub.origin();
        for (Listing.Entry e : listing.entries()) {
            assertEquals(next, e.address(), "gap or overlap before " + e);
            for (int k = 0; k < e.bytes().length; k++) {
                assertEquals(bytes[(int) (e.address() - stub.origin()) + k], e.bytes()[k], "listing bytes differ at " + e);
            }
            next += e.bytes().length;
        }
        assertEquals(stub.origin() + stub.size(), next);
    }

    @Test
    void ppc32_dataSlots_none() throws AssemblyException {
        Stub stub = PpcStubs.ppc32(CONTROL_PAGE);
        for (String slot : List.of(PpcStubs.KEXEC_FLAG, PpcStubs.KEXEC_SEGMENTS)) {
            assertFalse(stub.hasSymbol(slot), slot);
        }
    }

    @ParameterizedTest
    @MethodSource("org.kexeclab.ppc.PpcFixtures#sixtyFourBit")
    void ppc64_dataSlots_atDocumentedOffsetsWithDefaults(Arch arch) throws AssemblyException {
        Stub stub = PpcStubs.ppc64(arch, PPC64_ORIGIN);
        int data = stub.offsetOf("kexec_data");
        assertEquals(0, data % 8);
        assertEquals(data, stub.offsetOf(PpcStubs.KEXEC_FLAG));
        assertEquals(data + 0x08, stub.offsetOf(PpcStubs.KEXEC_CACHE_LINE));
        assertEquals(data + 0x10, stub.offsetOf(PpcStubs.KEXEC_PAGE_SIZE));
        assertEquals(data + 0x18, stub.offsetOf(PpcStubs.KEXEC_NR_SEGMENTS));
        assertEquals(data + 0x20, stub.offsetOf(PpcStubs.KEXEC_SEGMENTS));
        assertEquals(data + 0x20 + PpcStubs.SEGMENT_SLOTS * PpcStubs.SEGMENT_ENTRY_SIZE, stub.size());
        ByteBuffer b = ByteBuffer.wrap(stub.bytes()).order(arch.byteOrder());
        assertEquals(0, b.getInt(data));
        assertEquals(128, b.getLong(data + 0x08));
        assertEquals(4096, b.getLong(data + 0x10));
        assertEquals(0, b.getLong(data + 0x18));
    }

    @Test
    void ppc64_patchedSegment_readsBackInEachByteOrder() throws AssemblyException {
        for (Arch arch : List.of(PpcArches.PPC64, PpcArches.PPC64LE)) {
            Stub stub = PpcStubs.ppc64(arch, PPC64_ORIGIN);
            Stub patched = stub.patch(PpcStubs.KEXEC_SEGMENTS, 0x0123_4000L, 8);
            ByteBuffer b = ByteBuffer.wrap(patched.bytes()).order(arch.byteOrder());
            assertEquals(0x0123_4000L, b.getLong(stub.offsetOf(PpcStubs.KEXEC_SEGMENTS)));
        }
    }

    @Test
    void ppc64_littleEndianCode_isWordSwappedBigEndianCode() throws AssemblyException {
        byte[] big = PpcStubs.ppc64(PpcArches.PPC64, PPC64_ORIGIN).bytes();
        Stub le = PpcStubs.ppc64(PpcArches.PPC64LE, PPC64_ORIGIN);
        byte[] little = le.bytes();
        int code = le.offsetOf("kexec_data");
        assertEquals(big.length, little.length);
        for (int i = 0; i < code; i += 4) {
            int bigWord = ByteBuffer.wrap(big, i, 4).order(ByteOrder.BIG_ENDIAN).getInt();
            int littleWord = ByteBuffer.wrap(little, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            assertEquals(bigWord, littleWord, "instruction at +0x" + Integer.toHexString(i));
        }
    }

    @Test
    void ppc64_wrongArch_throws() {
        assertThrows(IllegalArgumentException.class, () -> PpcStubs.ppc64(PpcArches.PPC32, 0));
    }
}
