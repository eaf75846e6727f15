package org.kexeclab.panic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One numbered step of the panic path.
 *
 * @param number 1-based position in the timeline
 * @param what   the kernel function or step, e.g. {@code __crash_kexec}, {@code smp_send_stop}
 * @param cpu    the CPU it happens on (or, for a CPU being stopped, the CPU stopped)
 * @param detail one sentence saying what happened and why
 */
public record TimelineEvent(int number, String what, int cpu, String detail) {

    /** This event as a JSON-ready map (keys in a fixed order). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("what", what);
        m.put("cpu", cpu);
        m.put("detail", detail);
        return m;
    }

    @Override
    public String toString() {
        return String.format("%3d. [cpu %d] %s: %s", number, cpu, what, detail);
    }
}
