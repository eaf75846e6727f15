package org.kexeclab.panic;

import java.util.Arrays;
import java.util.Locale;

/**
 * One {@code notifier_block} on {@code panic_notifier_list}: a name, its priority (higher is
 * called first) and what it does when called.
 *
 * @param name      a label for the timeline (letters, digits, '_', '-', '.')
 * @param priority  the block's priority, any int
 * @param behaviour what the notifier does when called
 */
public record PanicNotifier(String name, int priority, NotifierBehaviour behaviour) {
    private static final String FORM = "write a notifier as NAME:PRIORITY:ok|fail|hang|stop, e.g. pstore:0:ok";

    /** Validates the fields. */
    public PanicNotifier {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("notifier name '" + name + "' must be letters, digits, '_', '-' or '.'");
        }
        if (behaviour == null) {
            throw new IllegalArgumentException("notifier '" + name + "' needs a behaviour");
        }
    }

    /**
     * Parses {@code NAME:PRIORITY:ok|fail|hang|stop}.
     *
     * @throws PanicConfigException with one sentence saying what is wrong and the expected form
     */
    public static PanicNotifier parse(String spec) throws PanicConfigException {
        String[] parts = spec == null ? new String[0] : spec.split(":", -1);
        if (parts.length != 3) {
            throw new PanicConfigException("notifier '" + spec + "' has " + parts.length + " field(s): " + FORM);
        }
        int priority;
        try {
            priority = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new PanicConfigException("notifier '" + spec + "': priority '" + parts[1] + "' is not an integer; " + FORM);
        }
        NotifierBehaviour behaviour = Arrays.stream(NotifierBehaviour.values())
                .filter(b -> b.cliName().equals(parts[2].trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new PanicConfigException("notifier '" + spec + "': behaviour '" + parts[2]
                        + "' is not one of ok, fail, hang, stop; " + FORM));
        try {
            return new PanicNotifier(parts[0].trim(), priority, behaviour);
        } catch (IllegalArgumentException e) {
            throw new PanicConfigException(e.getMessage() + "; " + FORM);
        }
    }

    /** The {@code NAME:PRIORITY:BEHAVIOUR} form. */
    public String spec() {
        return name + ":" + priority + ":" + behaviour.cliName();
    }
}
