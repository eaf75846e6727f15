package org.kexeclab.engine;

/**
 * Whether an engine can run an architecture here, and if not, why (one sentence).
 *
 * @param supported true if {@link CpuEngine#open} will succeed
 * @param reason    empty when supported, else one sentence naming the cause and the remedy
 */
public record EngineSupport(boolean supported, String reason) {

    /** The architecture runs. */
    public static EngineSupport yes() {
        return new EngineSupport(true, "");
    }

    /** The architecture does not run, because {@code reason}. */
    public static EngineSupport no(String reason) {
        return new EngineSupport(false, reason);
    }
}
