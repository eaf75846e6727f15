package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;

/** The text and JSON {@code run} prints for a real kernel (relocate -> purgatory -> kernel entry) or a replayed log. */
final class KernelReport {
    static final String GENERATED = "segment contents are generated: a kexec -d log has addresses and sizes, not the buffers";

    private KernelReport() {
    }

    /** The summary of a kernel run: the plan's segments, the relocation, the purgatory leg, the verdict. */
    static String text(LoadPlan plan, KernelRunner.Outcome o, String stubName) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s for %s, %d segments:%n", plan.kernelFormat(),
                plan.image().arch(), plan.segments().size()));
        int width = plan.segments().stream().mapToInt(s -> s.label().length()).max().orElse(1);
        for (PlannedSegment s : plan.segments()) {
            Segment seg = s.segment();
            b.append(String.format("  %-" + width + "s  mem %s memsz %s bufsz %s%n", s.label(), Text.hex(seg.mem()),
                    Text.hex(seg.memsz()), Text.hex(seg.bufsz())));
        }
        b.append(Text.summary(o.relocation(), stubName));
        KernelEntryLeg.Outcome leg = o.leg();
        if (leg == null) {
            b.append("  purgatory   not run: the relocation did not reach it\n");
        } else if (leg.run().reachedUntil()) {
            b.append(String.format("  purgatory   %s -> kernel entry %s reached with %s%n", Text.hex(plan.image().entry()),
                    Text.hex(plan.kernelEntry()), Text.registers(leg.registers(), 8, "              ")));
        }
        if (leg != null) {
            leg.failures().forEach(f -> b.append("  FAILED      ").append(f).append('\n'));
        }
        b.append(String.format("relocation %s, kernel entry %s: %s%n", o.relocation().verified() ? "verified" : "NOT verified",
                leg != null && leg.verified() ? "reached with the boot registers" : "NOT reached as planned",
                o.verified() ? "VERIFIED" : "FAILED"));
        return b.toString();
    }

    /** {@code run --json} for a kernel: the relocation's object plus the plan and the kernel-entry leg. */
    static ObjectNode json(LoadPlan plan, KernelRunner.Outcome o) {
        ObjectNode n = OutcomeJson.of(o.relocation());
        n.put("verified", o.verified());
        n.put("relocationVerified", o.relocation().verified());
        n.put("kernelFormat", plan.kernelFormat());
        ArrayNode segs = n.putArray("segments");
        for (PlannedSegment s : plan.segments()) {
            segs.addObject().put("label", s.label()).put("mem", Text.hex(s.segment().mem()))
                    .put("memsz", Text.hex(s.segment().memsz())).put("bufsz", Text.hex(s.segment().bufsz()));
        }
        ObjectNode k = n.putObject("kernelEntry");
        k.put("address", Text.hex(plan.kernelEntry()));
        k.put("purgatory", Text.hex(plan.image().entry()));
        KernelEntryLeg.Outcome leg = o.leg();
        k.put("reached", leg != null && leg.run().reachedUntil());
        k.put("verified", leg != null && leg.verified());
        ObjectNode want = k.putObject("bootRegisters");
        plan.bootRegisters().forEach((r, v) -> want.put(r, Text.hex(v)));
        if (leg != null) {
            ObjectNode seen = k.putObject("registers");
            for (Map.Entry<String, Long> e : leg.registers().entrySet()) {
                seen.put(e.getKey(), Text.hex(e.getValue()));
            }
            k.putPOJO("failures", leg.failures());
        }
        return n;
    }

    /** The summary of a replayed log: what was generated, memory map, mapped windows, then the relocation's summary. */
    static String replayText(LogReplay replay, KexecOutcome o, String stubName) {
        KexecLog log = replay.log();
        return String.format("replaying a kexec -d log: %d segments, entry %s, %s%n  note        %s%n",
                log.segments().size(), Text.hex(log.entry()), replay.kind(), GENERATED) + replay.memoryText()
                + Text.summary(o, stubName);
    }

    /** {@code run --json} for a replayed log, with the memory map's source and the mapped windows. */
    static ObjectNode replayJson(LogReplay replay, KexecOutcome o) {
        ObjectNode n = OutcomeJson.of(o);
        n.put("source", "kexec-log");
        n.put("contents", "generated");
        n.put("note", GENERATED);
        n.put("segments", replay.log().segments().size());
        n.put("loadType", replay.loaded().image().type().name().toLowerCase(java.util.Locale.ROOT));
        n.put("preserveContext", replay.options().preserveContext());
        n.put("memory", replay.memory());
        n.put("mappedBytes", replay.loaded().mappedBytes());
        ArrayNode windows = n.putArray("mappedWindows");
        for (AddressRange w : replay.loaded().mappedWindows()) {
            windows.addObject().put("start", Text.hex(w.start())).put("end", Text.hex(w.end())).put("label", w.label());
        }
        return n;
    }
}
