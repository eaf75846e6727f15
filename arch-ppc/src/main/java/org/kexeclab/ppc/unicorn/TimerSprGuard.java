package org.kexeclab.ppc.unicorn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.FetchGuard;
import org.kexeclab.engine.unicorn.FetchGuardContext;

/**
 * Keeps a PowerPC guest on Unicorn 2.0.1 from executing the time-base and decrementer accesses
 * that kill the host process (SIGSEGV in {@code cpu_ppc_load_decr}/{@code cpu_ppc_load_tbl}: the
 * library never creates the CPU's timer, {@code env->tb_env} is {@code NULL}). Measured one
 * instruction per forked process on libunicorn 2.0.1 (32-bit mode, supervisor and problem state,
 * every SPR number 0..1023; docs/RELIABILITY.md): {@code mfspr} and {@code mftb} of SPR 22 (DEC),
 * 268/269 (TBL/TBU) and 284/285 (TBL/TBU write numbers), and {@code mtspr} of 22, 284 and 285.
 * Every other SPR number, and all of them in 64-bit mode, survive.
 *
 * <p>The guard is a {@link FetchGuard} (whose comment explains the mechanism and why nothing slips
 * through): each fetched word is checked while its block is being translated. On a crashing word
 * it stops the run ({@link FetchGuardContext#stop}) before the translator returns, so none of the
 * block's instructions runs; after the run it drops the block so no later run enters it
 * untranslated. A fetch outside the executable ranges is declined as a real protection fault,
 * and so is a word the guard cannot read (not seen in practice: the page is mapped), so nothing
 * unchecked is ever translated.
 *
 * <p>The stop is conservative: a block that would have faulted before reaching the word is
 * stopped too. Not thread-safe; owned by one CPU.
 */
final class TimerSprGuard implements FetchGuard {
    private static final int MFSPR = 339;
    private static final int MTSPR = 467;
    private static final int MFTB = 371;

    private final FetchGuardContext context;
    private final ByteBuffer word;
    /** First and last address of an instruction this guard refused in this run, else -1. */
    private long defectPc = -1;
    private long lastDefectPc = -1;
    private int defectWord;

    /** A guard for a CPU whose instructions are in {@code order}. */
    TimerSprGuard(FetchGuardContext context, ByteOrder order) {
        this.context = context;
        this.word = context.buffer().duplicate().order(order);
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
    public boolean fetch(long address, int size) {
        if (!context.isExecutable(address)) {
            return false;
        }
        if (!context.read(address, 4)) {
            return false;   // unreadable, so unchecked: decline, and the fetch faults
        }
        int insn = word.getInt(0);
        if (crashes(insn)) {
            if (defectPc == -1) {
                defectPc = address;
                defectWord = insn;
            }
            lastDefectPc = address;
            context.stop();
        }
        return true;
    }

    /** Forgets the last run's refused instructions. */
    @Override
    public void runStarts() {
        defectPc = -1;
        lastDefectPc = -1;
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
        if (defectPc == -1) {
            return null;
        }
        context.forget(defectPc, lastDefectPc + 4);
        String message = String.format("Unicorn 2.0.1 crashes on %s at 0x%x (it has no PowerPC time base),"
                + " so the run stopped before executing it; use --engine java", describe(defectWord), defectPc);
        return new RunResult(StopReason.INVALID_INSTRUCTION, defectPc, -1, null, -1, counted, elapsed, message);
    }
}
