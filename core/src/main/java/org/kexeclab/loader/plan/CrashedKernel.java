package org.kexeclab.loader.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel that will crash, as a crash load ({@code kexec -p}) describes it to the crash
 * kernel in the ELF core header: how many CPUs it has and where each CPU's crash note
 * ({@code crash_notes}, the registers saved at the crash) and its {@code vmcoreinfo} note lie
 * in physical memory. kexec-tools reads these from sysfs; kexec-lab takes them as inputs
 * ({@link #after} places them the way a kernel's per-CPU and data areas follow its image).
 * Where its image lies is the memory layout's {@code runningKernel()}.
 *
 * @param cpus           possible CPUs: one PT_NOTE each
 * @param crashNotes     the physical address of each CPU's crash note, CPU 0 first
 * @param crashNotesSize bytes of each crash note ({@code crash_notes_size})
 * @param vmcoreinfo     the physical address of the vmcoreinfo note
 * @param vmcoreinfoSize its size in bytes
 */
public record CrashedKernel(int cpus, List<Long> crashNotes, long crashNotesSize, long vmcoreinfo,
                            long vmcoreinfoSize) {
    /** {@code VMCOREINFO_NOTE_SIZE}'s page as /sys/kernel/vmcoreinfo reports it ("ADDR 1024": hexadecimal). */
    public static final long VMCOREINFO_SIZE = 0x1024;
    /** The most CPUs kexec-lab describes. */
    public static final int MAX_CPUS = 1024;

    /** Checks the counts and copies the list. */
    public CrashedKernel {
        if (cpus < 1 || cpus > MAX_CPUS || crashNotes.size() != cpus) {
            throw new IllegalArgumentException("a crashed kernel has 1 to " + MAX_CPUS + " CPUs, each with a crash note;"
                    + " got " + cpus + " CPUs and " + crashNotes.size() + " notes");
        }
        crashNotes = List.copyOf(crashNotes);
    }

    /**
     * A kernel of {@code cpus} CPUs whose notes follow {@code imageEnd}: vmcoreinfo 1 MiB past it
     * (page-aligned), then one page per CPU's crash note of {@code crashNotesSize} bytes.
     */
    public static CrashedKernel after(long imageEnd, int cpus, long crashNotesSize) {
        long vmcoreinfo = ((imageEnd + 0xfff) & -0x1000L) + 0x100000;
        List<Long> notes = new ArrayList<>();
        for (int i = 0; i < Math.max(cpus, 0); i++) {
            notes.add(vmcoreinfo + 0x1000L * (i + 1));
        }
        return new CrashedKernel(cpus, notes, crashNotesSize, vmcoreinfo, VMCOREINFO_SIZE);
    }
}
