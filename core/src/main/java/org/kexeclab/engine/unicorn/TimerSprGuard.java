package org.kexeclab.engine.unicorn;

import java.nio.ByteBuffer;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Keeps a PowerPC guest on Unicorn 2.0.1 from executing the time-base and decrementer accesses
 * that kill the host process (SIGSEGV in {@code cpu_ppc_load_decr}/{@code cpu_ppc_load_tbl}: the
 * library never creates the CPU's timer, {@code env->tb_env} is {@code NULL}). Measured one
 * instruction per forked process on libunicorn 2.0.1 (32-bit mode, supervisor and problem state,
 * every SPR number 0..1023; docs/RELIABILITY.md): {@code mfspr} and {@code mftb} of SPR 22 (DEC),
 * 268/269 (TBL/TBU) and 284/285 (TBL/TBU write numbers), and {@code mtspr} of 22, 284 and 285.
 * Every other SPR number, and all of them in 64-bit mode, survive.
 *
 * <p><b>Mechanism.</b> Unicorn checks a page's {@code UC_PROT_EXEC} in only one place: the slow
 * load helper every instruction fetch of the <em>translator</em> goes through (QEMU 5
 * {@code cpu_ldl_code}, {@code load_helper(code_read)} in {@code cputlb.c}). When the page lacks
 * it, the {@code UC_HOOK_MEM_FETCH_PROT} hooks are asked, and a hook that returns {@code true}
 * lets the fetch proceed. So the binding maps every page of a ppc CPU <em>without</em>
 * {@code UC_PROT_EXEC} in Unicorn (the guest and the {@code Cpu} API still see the permissions
 * they asked for; {@link TranslationCache} keeps the executable ranges) and installs this class
 * as the first fetch-protection hook. Each fetched word is checked while its block is being
 * translated; the check costs one upcall per instruction <em>translated</em>, nothing per
 * instruction executed, so the no-hook hot path of cached blocks is untouched.
 *
 * <p><b>Why it is sound.</b> (1) Unicorn executes guest code only from translated blocks, and a
 * block is only built by the translator, which fetches every instruction it contains through
 * that helper: no instruction runs unfetched. The hook is installed at open, before any
 * translation, so every block ever cached passed it. (2) Guest-written code is covered by the
 * same path: a store into a page with translated code invalidates those blocks (QEMU's
 * self-modifying-code tracking), and a Java write drops them ({@link TranslationCache#written});
 * either way the next execution translates, and so fetches, again. (3) On a crashing word the
 * hook calls {@code uc_emu_stop} before the translator returns; the block then starts with
 * QEMU's exit-request check ({@code gen_tb_start}), which leaves before its first instruction.
 * The run therefore stops at the start of the block that holds the word (none of the block's
 * instructions ran), and the binding removes that block from the cache
 * ({@code UC_CTL_TB_REMOVE_CACHE}) so no later run can enter it without translating, and so
 * being checked, again. (4) A fetch outside the executable ranges is a real protection fault:
 * the hook declines it and the CPU's fault recorder reports it as before. A word the hook cannot
 * read is declined the same way (not seen in practice: the page is mapped), so nothing unchecked
 * is ever translated.
 *
 * <p>The stop is conservative: a block that would have faulted before reaching the word is
 * stopped too. Not thread-safe; owned by one {@link UnicornCpu}.
 */
final class TimerSprGuard implements FetchGuard {
    private static final int MFSPR = 339;
    private static final int MTSPR = 467;
    private static final int MFTB = 371;

    private final TranslationCache translations;
    private final RunRecord record;
    private final ByteBuffer word;
    private final long wordAddress;

    TimerSprGuard(TranslationCache translations, RunRecord record, ByteBuffer word, long wordAddress) {
        this.translations = translations;
        this.record = record;
        this.word = word;
        this.wordAddress = wordAddress;
    }

    /** True if Unicorn 2.0.1 crashes executing this instruction word (the measured set above). */
    static boolean crashes(int insn) {
        if (insn >>> 26 != 31) {
            return false;
        }
        int xo = (insn >>> 1) & 0x3ff;
        int spr = sprOf(insn);
        boolean timer = spr == 22 || spr == 268 || spr == 269 || spr == 284 || spr == 285;
        if (xo == MFSPR || xo == MFTB) {
            return timer;
        }
        return xo == MTSPR && (spr == 22 || spr == 284 || spr == 285);
    }

    /** The SPR number of an {@code mfspr/mtspr/mftb} word (its two 5-bit halves are swapped). */
    static int sprOf(int insn) {
        return ((insn >>> 16) & 0x1f) | (((insn >>> 11) & 0x1f) << 5);
    }

    /** E.g. {@code "mfspr r3, 22 (DEC)"}. */
    static String describe(int insn) {
        int xo = (insn >>> 1) & 0x3ff;
        int spr = sprOf(insn);
        int reg = (insn >>> 21) & 0x1f;
        String name = spr == 22 ? "DEC" : (spr == 268 || spr == 284) ? "TBL" : "TBU";
        if (xo == MTSPR) {
            return String.format("mtspr %d, r%d (%s)", spr, reg, name);
        }
        return String.format("%s r%d, %d (%s)", xo == MFTB ? "mftb" : "mfspr", reg, spr, name);
    }

    /**
     * The {@code UC_HOOK_MEM_FETCH_PROT} callback: {@code true} lets a fetch from an executable
     * page proceed (stopping the run first if the word would crash the engine), {@code false}
     * leaves a real fault to the fault recorder.
     */
    @Override
    public boolean fetch(long uc, long address, int size) {
        if (!translations.isExecutable(address)) {
            return false;
        }
        if (UcNative.uc_mem_read(uc, address, wordAddress, 4) != 0) {
            return false;   // unreadable, so unchecked: decline, and the fetch faults
        }
        if (crashes(word.getInt(0))) {
            record.engineDefect(address, word.getInt(0));
            UcNative.uc_emu_stop(uc);
        }
        return true;
    }

    /** Nothing to forget: the {@link RunRecord} holds this guard's findings and is reset per run. */
    @Override
    public void runStarts() {
    }

    /** Every fetch is checked on its own: nothing to resynchronise. */
    @Override
    public void resync() {
    }

    /** This guard never declines a fetch it lets run: only real faults are declined. */
    @Override
    public boolean refused(long address) {
        return false;
    }

    /**
     * After a run: if this guard stopped it, drops the blocks that hold the crashing words and
     * returns the typed result, else {@code null}.
     */
    @Override
    public RunResult stoppedRun(long counted, long elapsed) {
        if (record.defectPc == -1) {
            return null;
        }
        translations.forget(record.defectPc, record.lastDefectPc + 4);
        String message = String.format("Unicorn 2.0.1 crashes on %s at 0x%x (it has no PowerPC time base),"
                + " so the run stopped before executing it; use --engine java", describe(record.defectWord), record.defectPc);
        return new RunResult(StopReason.INVALID_INSTRUCTION, record.defectPc, -1, null, -1, counted, elapsed, message);
    }
}
