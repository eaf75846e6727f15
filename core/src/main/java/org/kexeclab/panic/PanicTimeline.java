package org.kexeclab.panic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;

/**
 * What one modelled {@code panic()} did, step by step, and how it ended. Deterministic: the
 * same scenario gives the same events.
 *
 * @param arch          the architecture
 * @param postNotifiers the {@code crash_kexec_post_notifiers} value of the scenario
 * @param events        the numbered steps
 * @param end           how it ended
 * @param crashEntry    what {@code machine_kexec} on the crash image did, or null if never called
 * @param summary       one sentence: where the crash kernel was entered, or why it was not
 */
public record PanicTimeline(Arch arch, boolean postNotifiers, List<TimelineEvent> events, PanicEnd end,
                            CrashKernelEntry crashEntry, String summary) {

    /**
     * The misconception the timeline corrects: notifiers do not run "in" or "for" the crash
     * kernel, and the crash kernel inherits nothing but memory.
     */
    public static final String NOTE = "The panic notifiers run in the OLD, crashing kernel, before the crash kernel's "
            + "first instruction; the crash kernel inherits no open files, sockets or processes, only the old "
            + "kernel's memory (read as the vmcore) and the registers saved for it.";

    /** Copies the events. */
    public PanicTimeline {
        events = List.copyOf(events);
    }

    /** True when the crash kernel was entered and every check at its entry held. */
    public boolean crashKernelVerified() {
        return end == PanicEnd.CRASH_KERNEL_ENTERED && crashEntry != null && crashEntry.verified();
    }

    /** The first event whose {@code what} is {@code what}, or -1: its number. */
    public int numberOf(String what) {
        return events.stream().filter(e -> e.what().equals(what)).mapToInt(TimelineEvent::number).findFirst().orElse(-1);
    }

    /** Every event whose {@code what} is {@code what}. */
    public List<TimelineEvent> all(String what) {
        return events.stream().filter(e -> e.what().equals(what)).toList();
    }

    /** This timeline as a JSON-ready map (keys in a fixed order). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", arch.name());
        m.put("crashKexecPostNotifiers", postNotifiers);
        List<Map<String, Object>> ev = new ArrayList<>();
        events.forEach(e -> ev.add(e.asMap()));
        m.put("events", ev);
        m.put("end", end.name());
        m.put("crashKernelVerified", crashKernelVerified());
        m.put("crashKernel", crashEntry == null ? null : crashEntry.asMap());
        m.put("summary", summary);
        m.put("note", NOTE);
        return m;
    }
}
