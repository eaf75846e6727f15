package org.kexeclab.bootcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.image.AddressRange;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.loader.plan.LoadPlan;

/**
 * What a boot check did, step by step: the plan on the QEMU machine's memory map, the
 * emulator's relocation and purgatory leg (both verified before anything is handed over),
 * what was handed to QEMU (each region, the entry registers, a corrupted page for the
 * negative control) and how QEMU's run ended. A later step is null when an earlier one failed.
 *
 * @param machine    the QEMU machine
 * @param plan       the load, planned on the machine's memory map, purgatory included
 * @param relocation the stub's run to the purgatory, verified byte by byte
 * @param leg        the purgatory's run to the kernel entry, or null if the relocation failed
 * @param memory     the destinations read back from the emulator, as handed over (address ranges, labelled)
 * @param registers  the entry registers read from the emulated CPU at the kernel entry, handed over
 * @param corrupted  the negative control's page, in words, or null
 * @param launch     how QEMU was started (regions, firmware image, start), or null
 * @param command    QEMU's command line, or empty
 * @param verdict    how QEMU's run ended, or null if QEMU was not started
 */
public record BootCheckReport(QemuMachine machine, LoadPlan plan, KexecOutcome relocation, KernelEntryLeg.Outcome leg,
                              List<AddressRange> memory, Map<String, Long> registers, String corrupted,
                              QemuLaunch launch, List<String> command, BootVerdict verdict) {
    /** Copies the collections. */
    public BootCheckReport {
        memory = List.copyOf(memory);
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        command = List.copyOf(command);
    }

    /** True if the kernel printed its banner on the machine the emulator handed over. */
    public boolean booted() {
        return verdict != null && verdict.booted();
    }

    /**
     * Why the check did not boot, in one sentence, or null if it booted: the relocation or the
     * purgatory leg failing in the emulator (nothing was handed over), or QEMU's verdict.
     */
    public String failure() {
        if (!relocation.verified()) {
            return "the relocation did not verify in the emulator, so nothing was handed to QEMU: "
                    + relocation.failure();
        }
        if (leg == null || !leg.verified()) {
            return "the purgatory did not reach the kernel entry as planned in the emulator, so nothing was handed "
                    + "to QEMU: " + (leg == null ? "it was not run" : leg.failures().get(0));
        }
        return verdict.booted() ? null : verdict.sentence();
    }
}
