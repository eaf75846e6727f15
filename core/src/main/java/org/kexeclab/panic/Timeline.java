package org.kexeclab.panic;

import java.util.ArrayList;
import java.util.List;

/** Collects numbered {@link TimelineEvent}s while the model runs. */
final class Timeline {
    private final List<TimelineEvent> events = new ArrayList<>();

    void add(String what, int cpu, String detail) {
        events.add(new TimelineEvent(events.size() + 1, what, cpu, detail));
    }

    List<TimelineEvent> events() {
        return List.copyOf(events);
    }
}
