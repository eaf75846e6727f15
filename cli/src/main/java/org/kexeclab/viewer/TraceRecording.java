package org.kexeclab.viewer;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.trace.LoopFolder;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.TraceRegisters;

/**
 * One kexec run recorded for the trace viewer: attach to a prepared {@link KexecRun} before it
 * executes, run it (and the purgatory's leg, if any) on the same CPU, {@link #finish}, then
 * {@link #writeHtml} the self-contained page.
 */
public final class TraceRecording implements AutoCloseable {
    /**
     * Instructions a run may take and still be kept one by one; a longer run is recorded with
     * its loops folded as {@code trace} folds them (the page says so). The demo image's
     * relocation is kept whole on the stubs that copy a page in under about 1,800 instructions.
     */
    public static final long KEEP_EVERY_STEP_UP_TO = 2_000_000;
    /**
     * Most steps one page holds when every step is kept ({@code --no-fold}): each costs the page
     * about 90 bytes of memory once opened, so ten million is about all a browser tab takes.
     */
    public static final long MOST_STEPS = 10_000_000;
    /** Times each instruction is kept per list entry when loops are folded, as in {@code trace}. */
    static final int FOLD_SHOWN = 2;

    private final KexecRun run;
    private final List<Program> programs;
    private final List<TraceLeg> legs;
    private final PageRoles roles;
    private final TraceRegisters registers;
    private final RunRecorder recorder;
    private final boolean folded;
    private StepLog log;
    private MemorySnapshot snapshot;
    private long[] initial;

    private TraceRecording(KexecRun run, List<Program> programs, List<TraceLeg> legs, long from, long limit,
            boolean fold) {
        this.run = run;
        this.programs = List.copyOf(programs);
        this.legs = List.copyOf(legs);
        LoadedImage loaded = run.loaded();
        Arch arch = loaded.image().arch();
        this.roles = PageRoles.of(loaded);
        this.registers = TraceRegisters.of(Arches.support(arch).registers());
        this.folded = fold;
        ProgramMap map = new ProgramMap(programs);
        LoopFolder folder = fold ? new LoopFolder(map.rows(), FOLD_SHOWN) : null;
        this.recorder = RunRecorder.attach(run.cpu(), map, loaded.list(), registers, folder, from, limit,
                this::capture);
    }

    /**
     * Starts recording on {@code run}, which must not have executed yet.
     *
     * @param programs the programs the run may execute, the relocation stub first
     * @param legs     the legs of the run ({@code TraceTarget}'s: the stub, then a real kernel's
     *                 purgatory), each matched to the program whose code runs it
     * @param from     address at which recording starts (-1: the stub's first instruction)
     * @param limit    most instructions recorded (0: no limit); reaching it stops the run
     * @param fold     fold loops (for runs longer than {@link #KEEP_EVERY_STEP_UP_TO})
     */
    public static TraceRecording attach(KexecRun run, List<Program> programs, List<TraceLeg> legs, long from,
            long limit, boolean fold) {
        return new TraceRecording(run, programs, legs, from, limit, fold);
    }

    /** As {@link #attach(KexecRun, List, List, long, long, boolean)} with no legs named (the page shows none). */
    public static TraceRecording attach(KexecRun run, List<Program> programs, long from, long limit, boolean fold) {
        return new TraceRecording(run, programs, List.of(), from, limit, fold);
    }

    private StepLog capture() {
        snapshot = MemorySnapshot.capture(run.cpu(), roles);
        log = new StepLog(run.cpu(), snapshot, roles.pageSize());
        return log;
    }

    /** Completes the recording once the run (and any purgatory leg) has ended. */
    public void finish() {
        recorder.finish();
    }

    /** True once the first instruction was recorded (false if {@code from} was never reached). */
    public boolean started() {
        return recorder.started();
    }

    /** True if the instruction limit stopped the run. */
    public boolean limitReached() {
        return recorder.limitReached();
    }

    /** Steps recorded (a folded loop counts one). */
    public long steps() {
        return log == null ? 0 : log.steps();
    }

    /** Instructions the recorded steps stand for. */
    public long instructions() {
        return log == null ? 0 : log.instructions();
    }

    /**
     * What the recording left out, one sentence each: folded loops, page contents beyond what
     * the file keeps. Empty when everything is in the file.
     */
    public List<String> notes() {
        return document().notes();
    }

    /**
     * Writes the page.
     *
     * @param description the title, the image and the outcome in words
     */
    public void writeHtml(Writer out, RunDescription description) throws IOException {
        document().page(description).write(out);
    }

    /** The recorded columns (for tests that replay them). */
    StepLog log() {
        return log;
    }

    /** The pages' first contents (for tests that replay the log). */
    MemorySnapshot snapshot() {
        return snapshot;
    }

    /** The classified pages. */
    PageRoles roles() {
        return roles;
    }

    /**
     * The step at which leg {@code i} begins: the first recorded step in the program whose code
     * runs it, or -1 if the recording has none (the run stopped before it).
     */
    long legStart(int i) {
        return TraceDocument.legStart(programs, legs.get(i), recorder);
    }

    /** The followed registers' values before the first recorded step. */
    long[] initialRegisters() {
        return recorder.initialRegisters();
    }

    private TraceDocument document() {
        if (log == null) {
            throw new IllegalStateException("nothing was recorded: the run never reached the first traced instruction");
        }
        return new TraceDocument(run, programs, legs, roles, registers, recorder, log, snapshot, folded);
    }

    @Override
    public void close() {
        recorder.close();
    }
}
