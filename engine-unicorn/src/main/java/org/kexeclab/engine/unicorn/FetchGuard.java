package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.RunResult;

/**
 * A check of every instruction fetch of Unicorn's translator, for instructions that would kill
 * the host process; an architecture whose instructions need one supplies it
 * ({@link UnicornTarget#fetchGuard}). Owned by one {@link UnicornCpu}; not thread-safe.
 *
 * <p><b>Mechanism.</b> Unicorn checks a page's {@code UC_PROT_EXEC} in only one place: the slow
 * load helper every instruction fetch of the <em>translator</em> goes through (QEMU 5
 * {@code cpu_ldl_code}, {@code load_helper(code_read)} in {@code cputlb.c}). When the page lacks
 * it, the {@code UC_HOOK_MEM_FETCH_PROT} hooks are asked, and a hook that returns {@code true}
 * lets the fetch proceed. So the binding maps every page of a guarded CPU <em>without</em>
 * {@code UC_PROT_EXEC} in Unicorn (the guest and the {@code Cpu} API still see the permissions
 * they asked for; {@link TranslationCache} keeps the executable ranges) and installs the guard
 * as the first fetch-protection hook. Each fetch is checked while its block is being
 * translated; the check costs one upcall per instruction <em>translated</em>, nothing per
 * instruction executed, so the no-hook hot path of cached blocks is untouched.
 *
 * <p><b>Why it is sound.</b> (1) Unicorn executes guest code only from translated blocks, and a
 * block is only built by the translator, which fetches every instruction it contains through
 * that helper: no instruction runs unfetched. The hook is installed at open, before any
 * translation, so every block ever cached passed it. (2) Guest-written code is covered by the
 * same path: a store into a page with translated code invalidates those blocks (QEMU's
 * self-modifying-code tracking), and a Java write drops them ({@link TranslationCache#written});
 * either way the next execution translates, and so fetches, again. (3) A guard that stops the
 * run ({@link FetchGuardContext#stop}) before the translator returns makes the block leave at
 * QEMU's exit-request check ({@code gen_tb_start}), before its first instruction; a guard that
 * declines a fetch makes the translator stop fetching. Either way the guard then removes the
 * block from the cache ({@link FetchGuardContext#forget}), so no later run enters it without
 * translating, and so being checked, again. (4) A fetch outside the executable ranges is a real
 * protection fault: the guard declines it and the CPU's fault recorder reports it.
 */
public interface FetchGuard {
    /**
     * The fetch-protection callback: {@code true} lets the fetch of {@code size} bytes at
     * {@code address} proceed, {@code false} makes it a fetch fault (a real one, or a refused
     * instruction this guard reports through {@link #stoppedRun}).
     */
    boolean fetch(long address, int size);

    /** Called before each run: forgets what the last run saw. */
    void runStarts();

    /** An exception was raised: the next fetch starts an instruction. */
    void resync();

    /** True if this guard, not a real fault, declined the fetch at {@code address} in this run. */
    boolean refused(long address);

    /** After a run: if this guard stopped it, drops the refused blocks and returns the typed result, else null. */
    RunResult stoppedRun(long counted, long elapsed);
}
