package org.kexeclab.x86;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * kexec-lab's i386 relocation stub, {@value #RESOURCE}: its entry label, data-slot names and the
 * assembly of it for one control page (it addresses its data slots absolutely, so it is assembled
 * where it runs). The calling convention is the kernel's: {@code relocate_kernel(head, control
 * page, start, has_pae, preserve_context)}, cdecl, arguments on the stack; see the source's header.
 */
public final class I386RelocationStub {

    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "relocate_kernel_i386.S";
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
    /** Data slot Java fills: physical address of the kexec page directory, loaded into CR3. */
    public static final String SLOT_PGD = "kexec_pgd";
    /** Data slot Java fills: physical address of the swap page (preserve context only). */
    public static final String SLOT_SWAP_PAGE = "kexec_swap_page";
    /** Slots the stub fills with the leaving kernel's state, in address order after the two above. */
    public static final List<String> SAVED_SLOTS = List.of("kexec_saved_esp", "kexec_saved_cr0", "kexec_saved_cr3",
            "kexec_saved_cr4", "kexec_saved_eflags", "kexec_saved_ebx", "kexec_saved_esi", "kexec_saved_edi",
            "kexec_saved_ebp");

    private static final Assembler ASSEMBLER = new Assembler(new X86Encoder(X86Mode.PROTECTED), ByteOrder.LITTLE_ENDIAN);

    private I386RelocationStub() {
    }

    /**
     * Assembles the stub to run at {@code controlPage} (page-aligned physical address below 4 GiB).
     *
     * @throws AssemblyException only if the shipped source is broken (a build defect)
     */
    public static Stub assemble(long controlPage) throws AssemblyException {
        if ((controlPage & 0xfff) != 0 || controlPage >>> 32 != 0) {
            throw new IllegalArgumentException("control page 0x" + Long.toHexString(controlPage)
                    + " is not a page-aligned address below 4 GiB");
        }
        return ASSEMBLER.assembleResource(I386RelocationStub.class, RESOURCE, controlPage, Map.of());
    }

    /** Assembles the stub for {@code controlPage} with both Java-filled slots patched: the bytes to copy to the control page. */
    public static Stub prepare(long controlPage, long pgd, long swapPage) throws AssemblyException {
        return assemble(controlPage).patch(SLOT_PGD, pgd, 4).patch(SLOT_SWAP_PAGE, swapPage, 4);
    }
}
