package org.kexeclab.engine.unicorn;

/**
 * What a {@link UnicornTarget}'s probe found: the architecture runs (with Unicorn's default CPU
 * model or a given one), or it does not and why, in one sentence naming the cause and the remedy.
 *
 * @param supported true if CPUs of the architecture may be opened
 * @param cpuModel  the Unicorn CPU model to open them with, -1 for Unicorn's default
 * @param reason    empty when supported, else one sentence
 */
public record TargetSupport(boolean supported, int cpuModel, String reason) {

    /** Runs with Unicorn's default CPU model. */
    public static TargetSupport runs() {
        return new TargetSupport(true, -1, "");
    }

    /** Runs with CPU model {@code model} ({@code uc_ctl} {@code UC_CTL_CPU_MODEL}). */
    public static TargetSupport runsWithModel(int model) {
        return new TargetSupport(true, model, "");
    }

    /** Does not run, because {@code reason}. */
    public static TargetSupport no(String reason) {
        return new TargetSupport(false, -1, reason);
    }
}
