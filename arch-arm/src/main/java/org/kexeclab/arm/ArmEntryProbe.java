package org.kexeclab.arm;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.EntryProbe;

/**
 * The 32-bit ARM entry probe, {@code entry_probe_arm.S} (A32 code): assembled at the image's
 * entry point with {@code PROBE_RECORD} and {@code MACH_TYPE} predefined, it checks
 * {@code r0 = 0}, {@code r1 = MACH_TYPE}, a non-zero, word-aligned {@code r2}, SVC or HYP
 * mode and IRQ and FIQ masked in the CPSR, and writes
 * an {@link EntryProbe} record. There is no Thumb probe: {@link ArmMachineKexec#hasEntryProbe}
 * is false for an odd (Thumb) entry, so {@link org.kexeclab.kexec.KexecRun} looks for none there.
 */
public final class ArmEntryProbe {

    /** Classpath resource of the probe source, next to this class. */
    public static final String RESOURCE = "entry_probe_arm.S";
    /** The record's words after magic and status, in order. */
    public static final List<String> FIELDS = List.of("r0", "r1", "r2", "cpsr");
    /** What each status bit means, bit 0 first. */
    public static final List<String> STATUS_BITS = List.of(
            "r0 is not 0",
            "r1 is not the machine type kexec passes",
            "r2 (ATAGS/DTB address) is 0",
            "r2 (ATAGS/DTB address) is not word-aligned",
            "CPSR mode is neither SVC nor HYP",
            "IRQ or FIQ is not masked");

    private ArmEntryProbe() {
    }

    /** The probe assembled to run at {@code entry & ~1}, expecting {@code machineType} in r1. */
    public static EntryProbe assemble(long entry, long recordAddress, long machineType) {
        long at = entry & ~1L;
        try {
            Stub probe = new Assembler(new A32Encoder(), ByteOrder.LITTLE_ENDIAN).assembleResource(ArmEntryProbe.class,
                    RESOURCE, at, Map.of("PROBE_RECORD", recordAddress, "MACH_TYPE", machineType));
            return EntryProbe.of(probe, at, "probe_done", recordAddress, FIELDS, STATUS_BITS);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the arm entry probe does not assemble at 0x"
                    + Long.toHexString(at) + ": " + e.getMessage(), e);
        }
    }
}
