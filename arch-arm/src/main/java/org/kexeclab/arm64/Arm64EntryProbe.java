package org.kexeclab.arm64;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.EntryProbe;

/**
 * The arm64 entry probe, {@code entry_probe_arm64.S}: assembled at the image's entry point
 * with {@code PROBE_RECORD} predefined, it checks the boot protocol's registers
 * ({@code x0} 8-byte aligned, {@code x1 = x2 = x3 = 0}, MMU and data cache off, DAIF masked,
 * EL1 or EL2) and writes an {@link EntryProbe} record.
 */
public final class Arm64EntryProbe {

    /** Classpath resource of the probe source, next to this class. */
    public static final String RESOURCE = "entry_probe_arm64.S";
    /** The record's words after magic and status, in order. */
    public static final List<String> FIELDS = List.of("x0", "x1", "x2", "x3", "sctlr_el1", "daif", "currentel");
    /** What each status bit means, bit 0 first. */
    public static final List<String> STATUS_BITS = List.of(
            "x0 (dtb) is not 8-byte aligned",
            "x1 is not 0",
            "x2 is not 0",
            "x3 is not 0",
            "SCTLR_EL1.M is set (MMU on)",
            "SCTLR_EL1.C is set (data cache on)",
            "DAIF is not fully masked",
            "not running at EL1 or EL2");

    private Arm64EntryProbe() {
    }

    /** The probe assembled to run at {@code entry}, writing its record at {@code recordAddress}. */
    public static EntryProbe assemble(long entry, long recordAddress) {
        try {
            Stub probe = new Assembler(new A64Encoder(), ByteOrder.LITTLE_ENDIAN)
                    .assembleResource(Arm64EntryProbe.class, RESOURCE, entry, Map.of("PROBE_RECORD", recordAddress));
            return EntryProbe.of(probe, entry, "probe_done", recordAddress, FIELDS, STATUS_BITS);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the arm64 entry probe does not assemble at 0x"
                    + Long.toHexString(entry) + ": " + e.getMessage(), e);
        }
    }
}
