package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.Segment;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;

/**
 * A load plan as one JSON object (the {@code --json} form of {@code segments --kernel}): the
 * fields {@code kexec -d} prints ({@code entry}, {@code flags}, {@code nr_segments}, and per
 * segment {@code buf}, {@code bufsz}, {@code mem}, {@code memsz}), each segment's label, the
 * kernel's entry and boot registers; numbers as 0x hex strings, as kexec -d prints them
 * ({@code buf} is the segment's index: kexec-lab has no user-space pointer to show).
 */
final class PlanJson {
    private PlanJson() {
    }

    static ObjectNode of(LoadPlan plan) {
        KexecImage img = plan.image();
        ObjectNode n = OutcomeJson.MAPPER.createObjectNode();
        n.put("arch", img.arch().name());
        n.put("type", img.type().name());
        n.put("kernelFormat", plan.kernelFormat());
        n.put("entry", Text.hex(img.entry()));
        n.put("flags", Text.hex(KexecLog.archFlags(img.arch()) | img.type().kernelValue()));
        n.put("nr_segments", img.segments().size());
        ArrayNode segs = n.putArray("segments");
        int i = 0;
        for (PlannedSegment p : plan.segments()) {
            Segment s = p.segment();
            ObjectNode o = segs.addObject();
            o.put("label", p.label());
            o.put("buf", Text.hex(i++));
            o.put("bufsz", Text.hex(s.bufsz()));
            o.put("mem", Text.hex(s.mem()));
            o.put("memsz", Text.hex(s.memsz()));
        }
        n.put("kernelEntry", Text.hex(plan.kernelEntry()));
        ObjectNode regs = n.putObject("bootRegisters");
        for (Map.Entry<String, Long> e : plan.bootRegisters().entrySet()) {
            regs.put(e.getKey(), Text.hex(e.getValue()));
        }
        return n;
    }
}
