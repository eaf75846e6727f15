package org.kexeclab.cli;

import java.util.List;
import java.util.Locale;
import org.kexeclab.bootcheck.BootCheckReport;
import org.kexeclab.bootcheck.BootVerdict;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;

/**
 * What {@code boot-check} prints: the machine and the plan on its memory map, the emulator's
 * two verified legs, what was handed to QEMU, the console's first line and the verdict, whose
 * last line reads {@code booted: Linux version ... printed after 0.31 s} (or {@code not booted: ...}).
 */
final class BootCheckText {
    private static final String INDENT = "                ";

    private BootCheckText() {
    }

    static String of(BootCheckReport r, String kernelName) {
        StringBuilder b = new StringBuilder();
        LoadPlan plan = r.plan();
        QemuMachine m = r.machine();
        b.append(String.format("boot-check %s: %s (%s) on %s%n", plan.image().arch(), kernelName,
                plan.kernelFormat(), (m.binary() + " -M " + m.machine() + " " + String.join(" ", m.options())).strip()));
        int firmwareRanges = plan.image().layout().firmwareMap().size();
        b.append(String.format("  machine       %s%s%s%n", ram(plan.image().layout()),
                m.usesDeviceTree() ? ", QEMU's own device tree with the command line and initrd added" : "",
                firmwareRanges > 0 ? ", the firmware's memory map (" + firmwareRanges + " ranges) given to the kernel"
                        : ""));
        int width = plan.segments().stream().mapToInt(s -> s.label().length()).max().orElse(1);
        for (PlannedSegment s : plan.segments()) {
            b.append(String.format("  %-" + Math.max(12, width) + "s  [%s, %s)%n", s.label(), Text.hex(s.segment().mem()),
                    Text.hex(s.segment().mem() + s.segment().memsz())));
        }
        relocation(b, r);
        if (r.launch() != null) {
            handover(b, r);
        }
        if (r.verdict() != null) {
            BootVerdict v = r.verdict();
            b.append("  console       ").append(v.firstLine() == null ? "(nothing printed)" : v.firstLine()).append('\n');
            b.append(v.sentence()).append('\n');
        } else {
            b.append("not booted: ").append(r.failure()).append('\n');
        }
        return b.toString();
    }

    private static void relocation(StringBuilder b, BootCheckReport r) {
        KexecOutcome o = r.relocation();
        b.append(String.format("  relocation    %s on %s: %s pages to copy, %s in the engine%n",
                o.verified() ? "verified" : "FAILED", o.engine(), Text.count(o.pagesToCopy()),
                Text.millis(o.elapsedNanos())));
        if (r.leg() != null && r.leg().run().reachedUntil()) {
            b.append(String.format("  purgatory     %s -> kernel entry %s: %s%n", Text.hex(r.plan().image().entry()),
                    Text.hex(r.plan().kernelEntry()), r.leg().verified() ? "verified" : "FAILED"));
        }
    }

    private static void handover(StringBuilder b, BootCheckReport r) {
        long bytes = r.memory().stream().mapToLong(AddressRange::size).sum();
        b.append(String.format(Locale.ROOT, "  handed over   %d destinations (%.1f MiB) read back from the emulated memory, "
                + "and %s from the emulated CPU at the kernel entry%n", r.memory().size(), bytes / (double) (1 << 20),
                Text.registers(r.registers(), 8, INDENT)));
        if (r.corrupted() != null) {
            b.append("  corrupted     ").append(r.corrupted()).append(" (negative control)\n");
        }
        List<String> extras = r.launch().regions().stream()
                .filter(x -> r.memory().stream().noneMatch(m -> m.start() == x.address()))
                .map(x -> String.format("%s [%s, %s)", x.label(), Text.hex(x.address()), Text.hex(x.end()))).toList();
        if (r.launch().bios() != null) {
            b.append(String.format("  firmware      -bios %s [%s, %s)%n", r.launch().bios().label(),
                    Text.hex(r.launch().bios().address()), Text.hex(r.launch().bios().end())));
        }
        if (!extras.isEmpty()) {
            b.append("  also given    ").append(String.join(", ", extras)).append('\n');
        }
        b.append("  start         ").append(r.launch().how()).append('\n');
    }

    private static String ram(MemoryLayout layout) {
        StringBuilder b = new StringBuilder("RAM");
        for (AddressRange ram : layout.ram()) {
            b.append(String.format(" [%s, %s)", Text.hex(ram.start()), Text.hex(ram.end())));
        }
        return b.toString();
    }
}
