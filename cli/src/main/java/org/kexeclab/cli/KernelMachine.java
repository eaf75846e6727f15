package org.kexeclab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.plan.IomemMap;
import org.kexeclab.loader.plan.MemoryMapException;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The machine a {@code --kernel} load is planned on: a standard machine of {@code --mem} bytes
 * or the map of {@code --memory-map} (/proc/iomem syntax); for a crash load ({@code --crash},
 * as {@code kexec -p}), that machine with a crash kernel reservation, placed by the
 * architecture's own {@code crashkernel=} rules ({@link CrashKernelRules}) unless the map has
 * one or {@code --crashkernel SIZE@OFFSET} says where, and the running kernel's image where the
 * map says or the architecture assumes it.
 *
 * @param layout  the memory layout
 * @param crashed for a crash load, the kernel that crashes (one CPU); null otherwise
 */
record KernelMachine(MemoryLayout layout, CrashedKernel crashed) {
    /** {@code crashkernel=} when a crash load names none and the map has none: 256 MiB. */
    static final long DEFAULT_CRASH_SIZE = 256L << 20;

    /**
     * The machine for a load on {@code arch}.
     *
     * @param ram         RAM of a standard machine (ignored with a memory map)
     * @param memoryMap   a /proc/iomem-syntax file, or null
     * @param crash       true for a crash load
     * @param crashkernel {@code SIZE[@OFFSET]}, or null
     * @throws UsageException for an unreadable map, a reservation the kernel would refuse, or an
     *                        architecture without crash loads of kernel files
     */
    static KernelMachine of(Arch arch, long ram, Path memoryMap, boolean crash, String crashkernel) {
        if (!crash && crashkernel != null) {
            throw new UsageException("--crashkernel goes with --crash (a crash load, as kexec -p)");
        }
        MemoryLayout base = memoryMap == null ? StandardMachine.layout(ram).sparse().build() : readMap(memoryMap);
        if (!crash) {
            return new KernelMachine(base, null);
        }
        CrashKernelRules rules = Arches.support(arch).crashKernel().orElseThrow(() -> new UsageException(
                "crash loads of a kernel file are not modelled for " + arch.name() + ": kexec-lab follows kexec-tools' "
                        + "crash layout for " + crashArches()));
        AddressRange running = base.runningKernel().orElseGet(() -> rules.assumedRunningKernel(base));
        MemoryLayout withKernel;
        try {
            withKernel = base.toBuilder().runningKernel(running.start(), running.size()).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(String.format("the running kernel is taken to lie at %s, which is not inside the "
                    + "machine's RAM: give it more memory (--mem)", running.bounds()));
        }
        AddressRange reservation = reservation(rules, withKernel, crashkernel);
        MemoryLayout layout = withKernel.toBuilder().crashReservation(reservation.start(), reservation.size()).build();
        return new KernelMachine(layout, CrashedKernel.after(running.end(), 1, rules.crashNotesSize()));
    }

    private static AddressRange reservation(CrashKernelRules rules, MemoryLayout layout, String crashkernel) {
        if (crashkernel == null && layout.crashReservation().isPresent()) {
            return layout.crashReservation().get();
        }
        String spec = crashkernel == null ? Long.toString(DEFAULT_CRASH_SIZE >> 20) + "M" : crashkernel;
        int at = spec.indexOf('@');
        long size = Numbers.parse(at < 0 ? spec : spec.substring(0, at), "--crashkernel size");
        try {
            return at < 0 ? rules.reserve(layout, size)
                    : rules.reserveAt(layout, size, Numbers.parse(spec.substring(at + 1), "--crashkernel offset"));
        } catch (PlanningException e) {
            throw new UsageException("--crashkernel " + spec + ": " + e.getMessage(), e);
        }
    }

    private static MemoryLayout readMap(Path file) {
        String text = new String(KernelOptions.read(file, "--memory-map"), StandardCharsets.UTF_8);
        try {
            return IomemMap.parse(text).layout();
        } catch (MemoryMapException e) {
            throw new UsageException("--memory-map '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String crashArches() {
        return String.join(", ", Arches.all().stream().filter(a -> Arches.support(a).crashKernel().isPresent())
                .map(Arch::name).toList());
    }
}
