package org.kexeclab.panic;

import java.util.Locale;

/**
 * What a modelled panic notifier does when the chain calls it.
 *
 * <p>{@code FAIL} is a notifier whose own work fails (its device did not answer, its log
 * could not be written) and that then returns {@code NOTIFY_DONE}, as panic notifiers do:
 * the chain goes on. {@code STOP} is the one way a notifier really can end the chain:
 * returning a value with {@code NOTIFY_STOP_MASK} set ({@code NOTIFY_STOP} or
 * {@code NOTIFY_BAD}), which {@code notifier_call_chain} honours even on the panic list.
 */
public enum NotifierBehaviour {
    /** Does its work and returns {@code NOTIFY_DONE}. */
    OK,
    /** Its work fails; it returns {@code NOTIFY_DONE} and the chain goes on. */
    FAIL,
    /** Never returns (spins on a lock another, now stopped, CPU holds; waits for a dead device). */
    HANG,
    /** Returns {@code NOTIFY_STOP}: the lower-priority notifiers are not called. */
    STOP;

    /** The spelling used in {@code NAME:PRIORITY:BEHAVIOUR}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
