package org.kexeclab.viewer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.trace.LoopFolder;
import org.kexeclab.trace.TraceRegisters;

/**
 * Records a whole kexec run for the trace viewer: every instruction the CPU executes, in
 * whichever program ({@link ProgramMap}: the stub, then the entry probe or the purgatory), with
 * the followed registers it changed, every byte it stored and the list entries it read, into a
 * {@link StepLog}. A code hook over all memory marks each instruction and a memory hook
 * collects its accesses; a step is complete when the next one begins (or at {@link #finish}),
 * which is when its registers and stored bytes are read.
 *
 * <p>With a {@link LoopFolder} the recorder folds loops as {@code trace} does (within one list
 * entry's work each instruction is kept its first times) but keeps what the folded
 * instructions did: a folded stretch becomes one step with the registers and bytes it left, so
 * the viewer's state stays exact; its registers are only read when it ends.
 *
 * <p>Like {@code Tracer}, this costs a hook call per instruction and per access: for traces and
 * teaching, never for the measured path.
 */
final class RunRecorder implements AutoCloseable {
    private static final int RECENT = 4;

    private final Cpu cpu;
    private final ProgramMap programs;
    private final IndirectionList list;
    private final TraceRegisters registers;
    private final Supplier<StepLog> onStart;
    private StepLog log;
    private final LoopFolder folder;
    private final long from;
    private final long limit;
    private final List<HookHandle> hooks = new ArrayList<>();
    private final AccessRanges writes = new AccessRanges();
    private final AccessRanges loads = new AccessRanges();
    private final List<AccessRanges> recent = new ArrayList<>();
    private final List<AccessRanges> candidates = new ArrayList<>();
    private final FoldedStretch folded;
    private long[] before;
    private long[] after;
    private boolean started;
    private boolean pending;
    private boolean pendingKept;
    private boolean done;
    private boolean limitReached;
    private int pendingRow;
    private long pendingPc;
    private int entryRead;
    private int lastEntry = -1;
    private long executed;
    private long endPc = -1;
    private long[] initial;
    private final long[] firstSteps;

    private RunRecorder(Cpu cpu, ProgramMap programs, IndirectionList list, TraceRegisters registers,
            LoopFolder folder, long from, long limit, Supplier<StepLog> onStart) {
        this.cpu = cpu;
        this.programs = programs;
        this.list = list;
        this.registers = registers;
        this.folder = folder;
        this.from = from;
        this.limit = limit;
        this.onStart = onStart;
        this.before = new long[registers.size()];
        this.after = new long[registers.size()];
        this.folded = new FoldedStretch(programs.rows());
        this.firstSteps = new long[programs.programs().size()];
        Arrays.fill(firstSteps, -1);
        for (int i = 0; i < RECENT; i++) {
            recent.add(new AccessRanges());
        }
    }

    /**
     * Installs the hooks on {@code cpu}.
     *
     * @param folder  folds loops when not null
     * @param from    address at which recording starts (-1: the first instruction)
     * @param limit   most instructions recorded (0: no limit); reaching it stops the CPU
     * @param onStart called once, just before the first recorded instruction runs: captures what
     *                the log compares stores with and returns the log to record into
     */
    static RunRecorder attach(Cpu cpu, ProgramMap programs, IndirectionList list, TraceRegisters registers,
            LoopFolder folder, long from, long limit, Supplier<StepLog> onStart) {
        RunRecorder r = new RunRecorder(cpu, programs, list, registers, folder, from, limit, onStart);
        r.hooks.add(cpu.onCode(r::instruction, 0, -1L));
        r.hooks.add(cpu.onMemory(r::access, Perm.READ | Perm.WRITE, 1, 0));
        return r;
    }

    private void instruction(long address, int size) {
        if (done) {
            return;
        }
        if (pending) {
            complete();
        }
        if (!started) {
            if (from >= 0 && address != from) {
                return;
            }
            start();
        }
        if (limit > 0 && executed >= limit) {
            limitReached = true;
            done = true;
            endPc = address;
            flushFold();
            cpu.stop();
            return;
        }
        begin(address);
    }

    private void start() {
        log = onStart.get();
        read(before);
        initial = before.clone();
        started = true;
    }

    private void begin(long address) {
        int row = programs.row(address);
        boolean kept = folder == null || folder.admit(row);
        if (kept) {
            flushFold();
        }
        pending = true;
        pendingKept = kept;
        pendingRow = row;
        pendingPc = address;
        entryRead = -1;
        writes.clear();
        loads.clear();
        executed++;
    }

    private void access(MemoryAccess kind, long address, int size, long value) {
        if (!pending || done) {
            return;
        }
        if (kind == MemoryAccess.WRITE) {
            writes.add(address, size);
        } else if (kind == MemoryAccess.READ) {
            loads.add(address, size);
            int n = list.entryAt(address);
            if (n >= 0) {
                entryRead = n;
            }
        }
    }

    /** Completes the pending step: the CPU stands right after it. */
    private void complete() {
        pending = false;
        int entry = -1;
        if (entryRead >= 0 && entryRead != lastEntry) {
            entry = entryRead;
            lastEntry = entryRead;
            if (folder != null) {
                folder.newWindow();
            }
        }
        if (pendingKept) {
            read(after);
            candidates.clear();
            candidates.add(loads);
            candidates.addAll(recent);
            reached(pendingRow);
            log.step(pendingRow, pendingPc, before, after, writes, candidates, entry);
            swapRegisters();
            rememberLoads();
        } else {
            folded.add(pendingRow, pendingPc, writes, loads, entry);
        }
    }

    /** Logs the folded stretch, if any, as one step; the CPU stands right after it. */
    private void flushFold() {
        if (folder == null || !folder.hasFolded()) {
            return;
        }
        read(after);
        candidates.clear();
        candidates.add(folded.loads);
        reached(folder.loopHead());
        log.fold(folder.loopHead(), folded.pc(), before, after, folded.writes, candidates, folded.entry(),
                folder.foldedSteps(), folder.iterations(), folded.rows);
        swapRegisters();
        folded.clear();
        folder.clear();
        for (AccessRanges r : recent) {
            r.clear();
        }
    }

    /** Notes the step about to be logged as the first of its program's, if it is. */
    private void reached(int row) {
        int p = programs.program(row);
        if (p >= 0 && firstSteps[p] < 0) {
            firstSteps[p] = log.steps();
        }
    }

    private void rememberLoads() {
        AccessRanges oldest = recent.remove(recent.size() - 1);
        oldest.clear();
        oldest.addAll(loads);
        recent.add(0, oldest);
    }

    private void swapRegisters() {
        long[] t = before;
        before = after;
        after = t;
    }

    private void read(long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = cpu.readRegister(registers.register(i));
        }
    }

    /** Completes the last step and any folded stretch; the CPU's pc is where the run ended. */
    void finish() {
        if (pending) {
            complete();
        }
        if (started && !limitReached) {
            flushFold();
            endPc = cpu.pc();
        }
        done = true;
    }

    /** True once the first instruction was recorded. */
    boolean started() {
        return started;
    }

    /** True if the instruction limit stopped the run. */
    boolean limitReached() {
        return limitReached;
    }

    /** Where the CPU stood when recording ended (the next instruction's address). */
    long endPc() {
        return endPc;
    }

    /** The first logged step that ran in program {@code i} (its index in the log), or -1 if none did. */
    long firstStep(int i) {
        return firstSteps[i];
    }

    /** The followed registers' values before the first recorded instruction. */
    long[] initialRegisters() {
        return initial.clone();
    }

    @Override
    public void close() {
        for (HookHandle h : hooks) {
            h.close();
        }
        hooks.clear();
    }
}
