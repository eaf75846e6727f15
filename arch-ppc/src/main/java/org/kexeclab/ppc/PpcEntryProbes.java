package org.kexeclab.ppc;

import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.EntryProbe;

/**
 * The PowerPC entry probes, assembled from {@code entry_probe_ppc32.S} and
 * {@code entry_probe_ppc64.S} (one source for ppc64 and ppc64le) at the new kernel's entry,
 * with the record address as the predefined symbol {@value #RECORD_SYMBOL}. Each source
 * documents its checks; the field and status-bit names here follow it.
 */
public final class PpcEntryProbes {
    /** Resource name of the 32-bit probe. */
    public static final String PPC32_SOURCE = "entry_probe_ppc32.S";
    /** Resource name of the 64-bit probe. */
    public static final String PPC64_SOURCE = "entry_probe_ppc64.S";
    /** The predefined symbol that carries the record address. */
    public static final String RECORD_SYMBOL = "PROBE_RECORD";
    /** The label the probe reaches after writing its record. */
    public static final String DONE_LABEL = "probe_done";

    private static final List<String> PPC32_FIELDS = List.of("r3", "r4", "msr", "entry");
    private static final List<String> PPC32_CHECKS = List.of(
            "r3 is not processor id 0", "r4 is not the entry point", "msr is not 0x1002 (ME|RI)");
    private static final List<String> PPC64_FIELDS = List.of("r3", "r4", "r5", "lr", "msr", "entry");
    private static final List<String> PPC64_CHECKS = List.of(
            "r3 is not physical cpu id 0", "r4 is not the entry point", "r5 is not 0",
            "lr is not the entry point", "msr has IR, DR or EE set");

    private PpcEntryProbes() {
    }

    /** The probe's source for {@code arch}: one for ppc32, one for both 64-bit byte orders. */
    public static String source(Arch arch) {
        return arch.wordSize() == 4 ? PPC32_SOURCE : PPC64_SOURCE;
    }

    /** The probe's assembled program for {@code arch} at {@code entry} (for listings and tests). */
    public static Stub assemble(Arch arch, long entry, long recordAddress) {
        String source = source(arch);
        try {
            return new Assembler(PpcEncoder.forArch(arch), arch.byteOrder())
                    .assembleResource(PpcEntryProbes.class, source, entry, Map.of(RECORD_SYMBOL, recordAddress));
        } catch (AssemblyException e) {
            throw new IllegalStateException("the committed entry probe " + source + " does not assemble: "
                    + e.getMessage(), e);
        }
    }

    /** The entry probe for {@code arch} (PPC32, PPC64 or PPC64LE) at {@code entry}. */
    public static EntryProbe probe(Arch arch, long entry, long recordAddress) {
        Stub code = assemble(arch, entry, recordAddress);
        boolean narrow = PpcArches.PPC32.equals(arch);
        return EntryProbe.of(code, entry, DONE_LABEL, recordAddress,
                narrow ? PPC32_FIELDS : PPC64_FIELDS, narrow ? PPC32_CHECKS : PPC64_CHECKS);
    }
}
