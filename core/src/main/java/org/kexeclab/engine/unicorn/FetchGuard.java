package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.RunResult;

/**
 * A check of every instruction fetch of Unicorn's translator, for instructions that would kill
 * the host process: the CPU's pages are mapped without {@code UC_PROT_EXEC} in Unicorn, so each
 * fetch reaches {@link #fetch} through the first {@code UC_HOOK_MEM_FETCH_PROT} hook (see
 * {@link TimerSprGuard} for the mechanism and why nothing slips through). Owned by one
 * {@link UnicornCpu}; not thread-safe.
 */
interface FetchGuard {
    /**
     * The fetch-protection callback: {@code true} lets the fetch of {@code size} bytes at
     * {@code address} proceed, {@code false} makes it a fetch fault (a real one, or a refused
     * instruction this guard reports through {@link #stoppedRun}).
     */
    boolean fetch(long uc, long address, int size);

    /** Called before each run: forgets what the last run saw. */
    void runStarts();

    /** An exception was raised: the next fetch starts an instruction. */
    void resync();

    /** True if this guard, not a real fault, declined the fetch at {@code address} in this run. */
    boolean refused(long address);

    /** After a run: if this guard stopped it, drops the refused blocks and returns the typed result, else null. */
    RunResult stoppedRun(long counted, long elapsed);
}
