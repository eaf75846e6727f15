package org.kexeclab.riscv;

import java.util.List;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.EntryProbe;

/** The riscv64 entry probe, {@code entry_probe_riscv64.S}: checks the boot protocol at the new kernel's entry. */
public final class RiscvEntryProbe {

    /** Classpath resource of the probe source, next to this class. */
    public static final String RESOURCE = "entry_probe_riscv64.S";
    /** The record's words after magic and status, in order. */
    public static final List<String> FIELDS = List.of("a0", "a1", "satp", "sstatus", "sie");
    /** What each status bit means, bit 0 first. */
    public static final List<String> STATUS_BITS = List.of(
            "a1 (device tree) is not 8-byte aligned",
            "satp is not 0 (MMU on)",
            "sstatus.SIE is set (interrupts on)",
            "sie is not 0 (interrupt sources enabled)");

    private RiscvEntryProbe() {
    }

    /** The probe assembled to run at {@code entry}, writing its record at {@code recordAddress}. */
    public static EntryProbe assemble(long entry, long recordAddress) {
        try {
            Stub probe = RiscvRelocateKernel.assembler()
                    .assembleResource(RiscvEntryProbe.class, RESOURCE, entry, Map.of("PROBE_RECORD", recordAddress));
            return EntryProbe.of(probe, entry, "probe_done", recordAddress, FIELDS, STATUS_BITS);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the riscv64 entry probe does not assemble at 0x"
                    + Long.toHexString(entry) + ": " + e.getMessage(), e);
        }
    }
}
