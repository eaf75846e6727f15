package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.GoldenFile;

class X86RelocationStubTest {

    private static final long CONTROL_PAGE = 0x7f000L;

    @Test
    void assemble_atOriginZero_matchesGnuAsByteForByte() throws Exception {
        assertArrayEquals(GoldenFile.bytes("/golden/x86_64/relocate_kernel_x86_64.bin"), X86RelocationStub.assemble(0).bytes());
    }

    @Test
    void assemble_code_fitsControlCodeLimit() throws Exception {
        Stub stub = X86RelocationStub.assemble(CONTROL_PAGE);
        assertEquals(CONTROL_PAGE, stub.symbol(X86RelocationStub.ENTRY));
        assertTrue(stub.offsetOf(X86RelocationStub.CODE_END) <= X86RelocationStub.CODE_MAX,
                "code is " + stub.offsetOf(X86RelocationStub.CODE_END) + " bytes");
        assertTrue(stub.size() <= 4096, "stub and data must share one page");
        assertTrue(stub.globals().contains(X86RelocationStub.ENTRY));
    }

    @Test
    void assemble_dataSlots_followCodeAtDocumentedOffsets() throws Exception {
        Stub stub = X86RelocationStub.assemble(CONTROL_PAGE);
        List<String> slots = new ArrayList<>(List.of(X86RelocationStub.SLOT_IDENTITY_CR3, X86RelocationStub.SLOT_SWAP_PAGE));
        slots.addAll(X86RelocationStub.SAVED_SLOTS);
        for (int i = 0; i < slots.size(); i++) {
            assertEquals(0x800 + 8 * i, stub.offsetOf(slots.get(i)), slots.get(i));
        }
        assertEquals(0x800 + 8 * slots.size(), stub.size());
    }

    @Test
    void listing_everyByte_isCoveredBySourceLine() throws Exception {
        Stub stub = X86RelocationStub.assemble(CONTROL_PAGE);
        Listing listing = stub.listing();
        for (long a = stub.origin(); a < stub.origin() + stub.size(); a++) {
            int i = listing.indexOf(a);
            assertTrue(i >= 0, "no listing entry for 0x" + Long.toHexString(a));
            assertTrue(listing.location(i).line() > 0);
        }
        // mov rdi, r10 (3 bytes); mov rsi, r9 (3); mov ecx, 512 (5); then rep movsq
        assertEquals("rep movsq", listing.at(stub.symbol("swap_source") + 11).text());
    }

    @Test
    void assemble_copyPageLabel_isGlobalAndFollowsTheSourceTest() throws Exception {
        Stub stub = X86RelocationStub.assemble(CONTROL_PAGE);
        assertTrue(stub.globals().contains(X86RelocationStub.COPY_PAGE));
        Listing listing = stub.listing();
        int at = listing.indexOf(stub.symbol(X86RelocationStub.COPY_PAGE));
        assertEquals("test r11, FLAG_PRESERVE_CONTEXT", listing.text(at).trim());
        assertEquals("jz next_entry", listing.text(at - 1).trim().replaceAll("\\s+#.*", ""));
    }

    @Test
    void prepare_patchesIdentityTableAndSwapPage() throws Exception {
        Stub stub = X86RelocationStub.prepare(CONTROL_PAGE, 0x1000_0000L, 0x2345_6000L);
        ByteBuffer b = ByteBuffer.wrap(stub.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x1000_0000L, b.getLong(stub.offsetOf(X86RelocationStub.SLOT_IDENTITY_CR3)));
        assertEquals(0x2345_6000L, b.getLong(stub.offsetOf(X86RelocationStub.SLOT_SWAP_PAGE)));
    }

    @Test
    void assemble_unalignedControlPage_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> X86RelocationStub.assemble(0x7f010L));
    }
}
