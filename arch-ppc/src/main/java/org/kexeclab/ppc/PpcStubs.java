package org.kexeclab.ppc;

import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * The PowerPC kexec stubs, assembled from their {@code .S} resources with
 * {@link PpcEncoder}: {@code relocate_kernel_ppc32.S} (entry {@value #PPC32_ENTRY}, runs
 * from the control page) and {@code kexec_sequence_ppc64.S} (entry {@value #PPC64_ENTRY},
 * one source for ppc64 and ppc64le). Each source opens with its register contract.
 */
public final class PpcStubs {
    /** Resource name of the 32-bit relocation stub. */
    public static final String PPC32_SOURCE = "relocate_kernel_ppc32.S";
    /** Resource name of the 64-bit kexec sequence. */
    public static final String PPC64_SOURCE = "kexec_sequence_ppc64.S";
    /** Entry label of the 32-bit stub (offset 0). */
    public static final String PPC32_ENTRY = "relocate_new_kernel";
    /** Entry label of the 64-bit stub (offset 0). */
    public static final String PPC64_ENTRY = "kexec_sequence";
    /** The ppc32 stub sets r1 here, relative to the control page; its code must end below it. */
    public static final int PPC32_STACK_OFFSET = 0xff8;

    /** ppc64 data slot: 4-byte flag the stub sets to 1 to release secondary CPUs. */
    public static final String KEXEC_FLAG = "kexec_flag";
    /** ppc64 data slot: 8-byte cache-block size used by dcbst/icbi (default 128). */
    public static final String KEXEC_CACHE_LINE = "kexec_cache_line";
    /** ppc64 data slot: 8-byte page size of the list the sequence walks (default 4096). */
    public static final String KEXEC_PAGE_SIZE = "kexec_page_size";
    /** ppc64 data slot: 8-byte number of segments in {@link #KEXEC_SEGMENTS} (0..16). */
    public static final String KEXEC_NR_SEGMENTS = "kexec_nr_segments";
    /** ppc64 data slot: 16 pairs of 8-byte {mem, memsz} physical ranges to flush. */
    public static final String KEXEC_SEGMENTS = "kexec_segments";
    /** Bytes per {@link #KEXEC_SEGMENTS} entry. */
    public static final int SEGMENT_ENTRY_SIZE = 16;
    /** Capacity of {@link #KEXEC_SEGMENTS} ({@code KEXEC_SEGMENT_MAX}). */
    public static final int SEGMENT_SLOTS = 16;

    private PpcStubs() {
    }

    /**
     * Assembles the ppc32 relocation stub for the control page at {@code controlPage}.
     *
     * @throws AssemblyException if the committed source does not assemble (a build defect)
     */
    public static Stub ppc32(long controlPage) throws AssemblyException {
        return new Assembler(PpcEncoder.forArch(PpcArches.PPC32), PpcArches.PPC32.byteOrder())
                .assembleResource(PpcStubs.class, PPC32_SOURCE, controlPage, Map.of());
    }

    /**
     * Assembles the ppc64 kexec sequence for {@code arch} (PPC64 or PPC64LE) at {@code origin}.
     *
     * @throws IllegalArgumentException if {@code arch} is not a 64-bit PowerPC
     * @throws AssemblyException if the committed source does not assemble (a build defect)
     */
    public static Stub ppc64(Arch arch, long origin) throws AssemblyException {
        if (!PpcArches.PPC64.equals(arch) && !PpcArches.PPC64LE.equals(arch)) {
            throw new IllegalArgumentException("the kexec sequence is for ppc64 or ppc64le, not " + arch);
        }
        return new Assembler(PpcEncoder.forArch(arch), arch.byteOrder())
                .assembleResource(PpcStubs.class, PPC64_SOURCE, origin, Map.of());
    }
}
