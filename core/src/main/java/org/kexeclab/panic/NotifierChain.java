package org.kexeclab.panic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code panic_notifier_list}: an atomic notifier chain. Registration keeps the chain sorted
 * as {@code notifier_chain_register} does: a new block goes before the first block of
 * strictly lower priority, so equal priorities are called in registration order; the same
 * block twice is refused ({@code -EEXIST}). Calling walks the chain in that order and stops
 * early only when a notifier returns with {@code NOTIFY_STOP_MASK} set.
 */
public final class NotifierChain {
    private final List<PanicNotifier> chain = new ArrayList<>();

    /**
     * Registers {@code n} in priority order.
     *
     * @throws PanicConfigException if a notifier of that name is already registered
     */
    public void register(PanicNotifier n) throws PanicConfigException {
        int at = chain.size();
        for (int i = 0; i < chain.size(); i++) {
            PanicNotifier there = chain.get(i);
            if (there.name().equals(n.name())) {
                throw new PanicConfigException("notifier '" + n.name() + "' is registered twice; the kernel refuses "
                        + "the second registration (-EEXIST), so give each notifier its own name");
            }
            if (n.priority() > there.priority() && at == chain.size()) {
                at = i;
            }
        }
        chain.add(at, n);
    }

    /** The chain in call order. */
    public List<PanicNotifier> inCallOrder() {
        return Collections.unmodifiableList(chain);
    }

    /**
     * {@code atomic_notifier_call_chain(&panic_notifier_list, 0, message)} on {@code cpu}: one
     * event per notifier called.
     *
     * @param budgetMillis how long the model lets one notifier run before calling it hung
     * @return the notifier that hung, or null when the chain returned
     */
    PanicNotifier call(Timeline t, int cpu, long budgetMillis) {
        for (int i = 0; i < chain.size(); i++) {
            PanicNotifier n = chain.get(i);
            String who = "notifier " + n.name() + " (priority " + n.priority() + ")";
            switch (n.behaviour()) {
                case OK -> t.add("panic notifier", cpu, who + " did its work and returned NOTIFY_DONE");
                case FAIL -> t.add("panic notifier", cpu, who + " FAILED at its work (recorded); it returned "
                        + "NOTIFY_DONE and the chain goes on");
                case STOP -> {
                    t.add("panic notifier", cpu, who + " returned NOTIFY_STOP: notifier_call_chain ends here, "
                            + (chain.size() - i - 1) + " lower-priority notifier(s) are not called");
                    return null;
                }
                case HANG -> {
                    t.add("panic notifier", cpu, who + " HUNG: it did not return within the model's budget of "
                            + budgetMillis + " ms; the kernel has no such bound (interrupts are off and the other "
                            + "CPUs are stopped), so nothing after this point ever runs");
                    return n;
                }
                default -> throw new IllegalStateException("unknown behaviour " + n.behaviour());
            }
        }
        return null;
    }
}
