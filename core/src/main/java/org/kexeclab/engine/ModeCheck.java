package org.kexeclab.engine;

/**
 * The result of {@link EngineSelfCheck} for one mode.
 *
 * @param mode     the execution mode checked
 * @param engine   the engine's name and version
 * @param works    true if the tiny program ran and computed the right value
 * @param sentence one sentence: what ran, or why it could not
 */
public record ModeCheck(ExecutionMode mode, String engine, boolean works, String sentence) {

    @Override
    public String toString() {
        return String.format("%-7s %-5s %s", mode.label(), works ? "ok" : "NO", sentence);
    }
}
