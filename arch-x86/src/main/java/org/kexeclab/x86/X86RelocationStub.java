package org.kexeclab.x86;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * kexec-lab's x86_64 relocation stub, {@value #RESOURCE}: its entry label, data-slot names
 * and the assembly of it for one control page. The register contract on entry is
 * {@code rdi = head, rsi = control page, rdx = start, rcx = flags} (bit 0 preserve
 * context); see the source's header.
 */
public final class X86RelocationStub {

    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "relocate_kernel_x86_64.S";
    /** Entry label (offset 0). */
    public static final String ENTRY = "relocate_kernel";
    /** Global label of the per-page routine, entered once per SOURCE entry (page counters hook it). */
    public static final String COPY_PAGE = "kexec_copy_page";
    /** Code may take at most this many bytes of the control page (KEXEC_CONTROL_CODE_MAX_SIZE). */
    public static final int CODE_MAX = 2048;
    /** Label after the last code byte. */
    public static final String CODE_END = "kexec_code_end";
    /** Stub constant: iterations every {@code rep} string instruction of the stub runs (one page). */
    public static final String REP_ITERATIONS = "KEXEC_REP_ITERATIONS";
    /** Data slot Java fills: physical address of the identity-mapped PML4, loaded into CR3. */
    public static final String SLOT_IDENTITY_CR3 = "kexec_identity_cr3";
    /** Data slot Java fills: physical address of the swap page (preserve context only). */
    public static final String SLOT_SWAP_PAGE = "kexec_swap_page";
    /** Slots the stub fills with the leaving kernel's state, in address order after the two above. */
    public static final List<String> SAVED_SLOTS = List.of("kexec_saved_rsp", "kexec_saved_cr0",
            "kexec_saved_cr3", "kexec_saved_cr4", "kexec_saved_rbx", "kexec_saved_rbp",
            "kexec_saved_r12", "kexec_saved_r13", "kexec_saved_r14", "kexec_saved_r15");

    private static final Assembler ASSEMBLER = new Assembler(new X86Encoder(), ByteOrder.LITTLE_ENDIAN);

    private X86RelocationStub() {
    }

    /**
     * Assembles the stub to run at {@code controlPage} (page-aligned physical address).
     *
     * @throws AssemblyException only if the shipped source is broken (a build defect)
     */
    public static Stub assemble(long controlPage) throws AssemblyException {
        if ((controlPage & 0xfff) != 0) {
            throw new IllegalArgumentException("control page 0x" + Long.toHexString(controlPage) + " is not page-aligned");
        }
        return ASSEMBLER.assembleResource(X86RelocationStub.class, RESOURCE, controlPage, Map.of());
    }

    /**
     * Assembles the stub for {@code controlPage} with both Java-filled slots patched: the
     * bytes to copy to the control page.
     */
    public static Stub prepare(long controlPage, long identityCr3, long swapPage) throws AssemblyException {
        return assemble(controlPage).patch(SLOT_IDENTITY_CR3, identityCr3, 8).patch(SLOT_SWAP_PAGE, swapPage, 8);
    }
}
