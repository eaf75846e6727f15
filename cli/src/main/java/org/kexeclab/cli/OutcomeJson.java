package org.kexeclab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.kexeclab.kexec.KexecOutcome;

/** A {@link KexecOutcome} as one JSON object (the {@code --json} form of {@code run}). */
final class OutcomeJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OutcomeJson() {
    }

    static ObjectNode of(KexecOutcome o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("arch", o.arch().name());
        n.put("engine", o.engine());
        n.put("verified", o.verified());
        n.put("reachedEntry", o.reachedEntry());
        n.put("stubBytes", o.stubBytes());
        n.put("listEntries", o.listEntries());
        n.put("pagesToCopy", o.pagesToCopy());
        n.put("instructions", o.instructions());
        n.put("pagesCopied", o.pagesCopied());
        n.put("entry", Text.hex(o.entry()));
        n.put("elapsedMillis", o.elapsedNanos() / 1e6);
        ObjectNode regs = n.putObject("registers");
        for (Map.Entry<String, Long> e : o.entryRegisters().entrySet()) {
            regs.put(e.getKey(), Text.hex(e.getValue()));
        }
        n.put("stop", o.relocation().reason().name());
        if (!o.verified()) {
            n.put("failure", o.failure());
            n.putPOJO("failures", o.failures());
        }
        return n;
    }
}
