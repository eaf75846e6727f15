package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;

/**
 * {@code compare} on kernel files ({@code --kernel-for ARCH=FILE}, {@code --debian},
 * {@code --kernel FILE}): each kernel loaded as {@code run --kernel} loads it, relocated by its
 * architecture's stub and followed through the purgatory to the kernel's entry, counted on one
 * hooked run; side by side the pages copied, the instructions of each leg, the stub's and the
 * purgatory's loads and stores, and the boot registers at the kernel's entry.
 */
final class KernelComparison {
    /**
     * One kernel's line.
     *
     * @param arch      the architecture
     * @param file      the kernel file
     * @param plan      its plan (purgatory included)
     * @param outcome   the run: relocation and the purgatory's leg
     * @param stub      the stub's loads and stores
     * @param purgatory the purgatory's instructions, loads and stores
     */
    record Row(Arch arch, Path file, LoadPlan plan, KernelRunner.Outcome outcome, MemoryStats stub,
               PurgatoryStats purgatory) {
    }

    private KernelComparison() {
    }

    /**
     * Loads {@code kernel} on {@code arch} as {@code run} does and runs it counted.
     *
     * @throws UsageException    if the file cannot be loaded or planned (one sentence)
     * @throws KexecLoadException if kexec_load would refuse the plan
     */
    static Row run(Arch arch, KernelOptions kernel, ImageOptions image, StatusLine progress)
            throws KexecLoadException {
        kernel.refuseImageOptions(image);
        MachineKexec machine = org.kexeclab.arch.Arches.support(arch).machineKexec();
        LoadPlan plan = kernel.plan(arch, List.of(machine));
        MemoryStats stub = new MemoryStats();
        PurgatoryStats purgatory = new PurgatoryStats();
        KernelRunner.Outcome o = KernelRunner.run(machine, plan, kernel.load(machine, plan, image), image, progress,
                stub, purgatory);
        return new Row(arch, kernel.kernel, plan, o, stub, purgatory);
    }

    /** The side-by-side table, then the boot registers each kernel was entered with. */
    static String text(List<Row> rows, boolean markdown) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"arch", "kernel", "format", "segments", "pages", "stub instr", "purgatory instr",
            "stub loads", "stub stores", "purgatory loads", "purgatory stores", "verified"});
        for (Row r : rows) {
            KexecOutcome o = r.outcome().relocation();
            lines.add(new String[] {r.arch().name(), r.file().getFileName().toString(), r.plan().kernelFormat(),
                Integer.toString(r.plan().segments().size()), Text.count(o.pagesCopied()), Text.count(o.instructions()),
                Text.count(r.purgatory().instructions), Text.count(r.stub().loads), Text.count(r.stub().stores),
                Text.count(r.purgatory().loads), Text.count(r.purgatory().stores),
                r.outcome().verified() ? "yes" : "NO: " + r.outcome().failure()});
        }
        StringBuilder b = new StringBuilder(markdown ? ComparisonRow.markdown(lines) : ComparisonRow.aligned(lines));
        b.append(markdown ? "\n| arch | kernel entry | boot registers at the kernel's entry |\n|---|---|---|\n"
                : "\nboot registers at the kernel's entry:\n");
        for (Row r : rows) {
            KernelEntryLeg.Outcome leg = r.outcome().leg();
            String regs = leg == null || leg.registers().isEmpty() ? "not reached"
                    : Text.registers(leg.registers(), markdown ? Integer.MAX_VALUE : 6, "                        ");
            String entry = Text.hex(r.plan().kernelEntry());
            b.append(markdown ? String.format("| %s | %s | %s |%n", r.arch().name(), entry, regs)
                    : String.format("  %-8s %-12s %s%n", r.arch().name(), entry, regs));
        }
        return b.toString();
    }

    /** The rows as a JSON array, one object per kernel. */
    static ArrayNode json(List<Row> rows) {
        ArrayNode arr = OutcomeJson.MAPPER.createArrayNode();
        for (Row r : rows) {
            KexecOutcome o = r.outcome().relocation();
            ObjectNode n = arr.addObject();
            n.put("arch", r.arch().name());
            n.put("kernel", r.file().toString());
            n.put("kernelFormat", r.plan().kernelFormat());
            n.put("segments", r.plan().segments().size());
            n.put("pagesCopied", o.pagesCopied());
            ObjectNode stub = n.putObject("stub");
            stub.put("instructions", o.instructions());
            stub.put("loads", r.stub().loads);
            stub.put("stores", r.stub().stores);
            ObjectNode purgatory = n.putObject("purgatory");
            purgatory.put("instructions", r.purgatory().instructions);
            purgatory.put("loads", r.purgatory().loads);
            purgatory.put("stores", r.purgatory().stores);
            n.put("kernelEntry", Text.hex(r.plan().kernelEntry()));
            ObjectNode regs = n.putObject("bootRegisters");
            KernelEntryLeg.Outcome leg = r.outcome().leg();
            if (leg != null) {
                for (Map.Entry<String, Long> e : leg.registers().entrySet()) {
                    regs.put(e.getKey(), Text.hex(e.getValue()));
                }
            }
            n.put("verified", r.outcome().verified());
            if (!r.outcome().verified()) {
                n.put("failure", r.outcome().failure());
            }
        }
        return arr;
    }
}
