package org.kexeclab.gdb;

import java.util.function.BooleanSupplier;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * A run of the stub as a line of instructions that can be walked both ways. Time is the number of
 * instructions retired since the history began. Going forward executes on the CPU with one code
 * hook (it counts, stops at breakpoints, watchpoints, the step target and every
 * {@link #interval()}-th instruction, where it saves a {@link Checkpoints checkpoint}) and one
 * memory hook that journals the bytes every store replaces ({@link WriteJournal}). Going back to
 * time {@code t} undoes the journal to the latest checkpoint at or before {@code t}, restores that
 * checkpoint's registers and re-executes forward to {@code t}: the engines are deterministic, so
 * the state is the one the run had at {@code t}. Reverse-continue scans the intervals between
 * checkpoints backwards, re-executing each once to find its last breakpoint or watchpoint hit.
 *
 * <p>Both engines: the hooks make the Java engine's loop idioms decline, so every instruction is
 * stepped and counted alike; a code hook that stops the run leaves its instruction unexecuted and
 * a store hook sees the old bytes on both (the engine contract suite checks both).
 */
final class Timeline implements AutoCloseable {
    /** Instructions between checkpoints: the most a reverse step re-executes. */
    static final int DEFAULT_INTERVAL = 4096;

    private enum Mode { FORWARD, REPLAY, SCAN }

    private final Cpu cpu;
    private final ArchSupport support;
    private final long until;
    private final long budget;
    private final int interval;
    private final boolean watchBeforeAccess;
    private final StopPoints points;
    private final Checkpoints checkpoints = new Checkpoints();
    private final WriteJournal journal = new WriteJournal();
    private final HookHandle codeHook;
    private final HookHandle writeHook;
    private HookHandle readHook;
    private byte[] old = new byte[64];

    private long now;
    private Mode mode = Mode.REPLAY;
    private long stopAt;
    private boolean firstOfResume;
    private boolean limitStop;
    private TimelineEvent.Kind hit;
    private long hitAddress = -1;
    private long pendingWatch = -1;
    private StopPoints.Kind pendingWatchKind;
    private StopPoints.Kind hitPoint;
    private long lastHookAddress = -1;
    private boolean lastHookCounted;
    private long scanHitTime = -1;
    private TimelineEvent.Kind scanHitKind;
    private long scanHitAddress;
    private StopPoints.Kind scanHitPoint;

    /**
     * Starts the history at the CPU's current state.
     *
     * @param until    the new kernel's entry point: reaching it ends the stub's run
     * @param budget   instructions the run may retire at most
     * @param interval instructions between checkpoints
     */
    Timeline(Cpu cpu, ArchSupport support, StopPoints points, long until, long budget, int interval) {
        this(cpu, support, points, until, budget, interval,
                support.gdbTarget().map(t -> t.watchpointStopsBeforeAccess()).orElse(false));
    }

    /**
     * As above; {@code watchBeforeAccess} makes a watchpoint stop before the instruction that
     * accessed the data instead of after it (see {@link org.kexeclab.arch.GdbTarget#watchpointStopsBeforeAccess()}).
     */
    Timeline(Cpu cpu, ArchSupport support, StopPoints points, long until, long budget, int interval,
             boolean watchBeforeAccess) {
        this.watchBeforeAccess = watchBeforeAccess;
        if (interval <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, not " + interval);
        }
        this.cpu = cpu;
        this.support = support;
        this.points = points;
        this.until = until;
        this.budget = budget;
        this.interval = interval;
        checkpoints.add(0, cpu);
        this.codeHook = cpu.onCode(this::onInstruction, 1, 0);
        this.writeHook = cpu.onMemory(this::onStore, Perm.WRITE, 1, 0);
    }

    /** Instructions retired since the history began. */
    long now() {
        return now;
    }

    /** Instructions between checkpoints. */
    int interval() {
        return interval;
    }

    /** Checkpoints held. */
    int checkpointCount() {
        return checkpoints.size();
    }

    /** Journal entries held. */
    int journalEntries() {
        return journal.size();
    }

    /** Call after watchpoints changed: reads are hooked only while a watchpoint needs them. */
    void watchpointsChanged() {
        if (points.watchesReads() && readHook == null) {
            readHook = cpu.onMemory(this::onLoad, Perm.READ, 1, 0);
        } else if (!points.watchesReads() && readHook != null) {
            readHook.close();
            readHook = null;
        }
    }

    /**
     * The debugger changed registers or memory: the recorded past no longer leads to this state,
     * so the history starts again here (going back stops at this point).
     */
    void restartHistory() {
        checkpoints.keepThrough(-1);
        journal.clear();
        now = 0;
        checkpoints.add(0, cpu);
    }

    // ---- hooks -------------------------------------------------------------------------

    private void onInstruction(long address, int size) {
        lastHookAddress = address;
        lastHookCounted = false;
        if (now >= stopAt) {
            limitStop = true;
            cpu.stop();
            return;
        }
        if (mode == Mode.FORWARD) {
            if (pendingWatch >= 0) {
                hit = TimelineEvent.Kind.WATCHPOINT;
                hitAddress = pendingWatch;
                hitPoint = pendingWatchKind;
                cpu.stop();
                return;
            }
            StopPoints.Kind b = firstOfResume ? null : points.breakAt(address);
            if (b != null) {
                hit = TimelineEvent.Kind.BREAKPOINT;
                hitAddress = address;
                hitPoint = b;
                cpu.stop();
                return;
            }
        } else if (mode == Mode.SCAN) {
            StopPoints.Kind b = points.breakAt(address);
            if (b != null) {
                scanHit(now, TimelineEvent.Kind.BREAKPOINT, address, b);
            }
        }
        firstOfResume = false;
        now++;
        lastHookCounted = true;
    }

    private void onStore(MemoryAccess access, long address, int size, long value) {
        int n = size;
        if (n > old.length) {
            old = new byte[n];
        }
        try {
            cpu.read(address, old, 0, n);
        } catch (RuntimeException unreadable) {
            return; // the store itself faults; nothing changes
        }
        long instruction = now - 1;
        journal.record(instruction, address, old, n);
        watch(address, size, true, instruction);
    }

    private void onLoad(MemoryAccess access, long address, int size, long value) {
        watch(address, size, false, now - 1);
    }

    private void watch(long address, int size, boolean write, long instruction) {
        if (mode == Mode.REPLAY || !points.anyWatch()) {
            return;
        }
        StopPoints.Watch w = points.triggered(address, size, write);
        if (w == null) {
            return;
        }
        long at = Math.max(address, w.address());
        if (mode == Mode.FORWARD) {
            pendingWatch = at;
            pendingWatchKind = w.kind();
        } else {
            scanHit(watchBeforeAccess ? instruction + 1 : instruction, TimelineEvent.Kind.WATCHPOINT, at, w.kind());
        }
    }

    private void scanHit(long time, TimelineEvent.Kind kind, long address, StopPoints.Kind point) {
        scanHitTime = time;
        scanHitKind = kind;
        scanHitAddress = address;
        scanHitPoint = point;
    }

    // ---- forward -----------------------------------------------------------------------

    /**
     * Executes forward: {@code steps} instructions ({@code -1}: until something stops it), stopping
     * at breakpoints (not the one the run starts on), watchpoints, the entry point, a fault, the
     * budget, or when {@code interrupt} says so (asked at every checkpoint).
     */
    TimelineEvent resume(long steps, BooleanSupplier interrupt) {
        long target = steps < 0 ? Long.MAX_VALUE : now + steps;
        firstOfResume = true;
        pendingWatch = -1;
        TimelineEvent e = advance(Mode.FORWARD, Math.min(target, budget), interrupt);
        if (e.kind() == TimelineEvent.Kind.WATCHPOINT && watchBeforeAccess) {
            goTo(now - 1); // back to just before the instruction that accessed the data
        }
        return e;
    }

    /** Moves forward to exactly {@code time} with no breakpoint or watchpoint, as re-execution does. */
    private void replayTo(long time) {
        firstOfResume = false;
        advance(Mode.REPLAY, time, () -> false);
    }

    private TimelineEvent advance(Mode m, long target, BooleanSupplier interrupt) {
        mode = m;
        try {
            while (true) {
                if (now >= target) {
                    return TimelineEvent.of(now >= budget && m == Mode.FORWARD ? TimelineEvent.Kind.BUDGET
                            : TimelineEvent.Kind.STEPPED);
                }
                long boundary = (now / interval + 1) * interval;
                stopAt = Math.min(target, boundary);
                limitStop = false;
                hit = null;
                RunResult r = cpu.run(support.runAddress(cpu, cpu.pc()), until, RunLimits.NONE);
                if (hit != null) {
                    return new TimelineEvent(hit, hitAddress, hitPoint, null);
                }
                if (r.reason() == StopReason.STOPPED && limitStop) {
                    if (now == boundary && checkpoints.last() < now) {
                        checkpoints.add(now, cpu);
                    }
                    if (m == Mode.FORWARD && now < target && interrupt.getAsBoolean()) {
                        return TimelineEvent.of(TimelineEvent.Kind.INTERRUPTED);
                    }
                    continue;
                }
                if (lastHookCounted && lastHookAddress == r.pc() && r.reason() != StopReason.STOPPED) {
                    now--; // the hooked instruction faulted, or is the entry: it did not retire
                    lastHookCounted = false;
                }
                if (r.reachedUntil()) {
                    return pendingWatch >= 0 && m == Mode.FORWARD
                            ? new TimelineEvent(TimelineEvent.Kind.WATCHPOINT, pendingWatch, pendingWatchKind, null)
                            : new TimelineEvent(TimelineEvent.Kind.ENTRY, -1, null, r);
                }
                return new TimelineEvent(TimelineEvent.Kind.FAULT, -1, null, r);
            }
        } finally {
            mode = Mode.REPLAY;
            pendingWatch = -1;
        }
    }

    // ---- backward ----------------------------------------------------------------------

    /** Puts the machine in the state it had at {@code time} (no later than now, no earlier than the history). */
    void goTo(long time) {
        if (time >= now) {
            replayTo(time);
            return;
        }
        int c = checkpoints.atOrBefore(time);
        long from = checkpoints.time(c);
        journal.undoTo(from, cpu);
        checkpoints.restore(c, cpu);
        checkpoints.keepThrough(c);
        now = from;
        replayTo(time);
    }

    /** One instruction back, or {@link TimelineEvent.Kind#HISTORY_BEGIN} at the start of the history. */
    TimelineEvent stepBack() {
        if (now <= checkpoints.first()) {
            return TimelineEvent.of(TimelineEvent.Kind.HISTORY_BEGIN);
        }
        goTo(now - 1);
        return TimelineEvent.of(TimelineEvent.Kind.STEPPED);
    }

    /**
     * Back to the latest earlier breakpoint or watchpoint hit, or to the start of the history. Going
     * back, a watchpoint stops where going forward would have stopped after the access: before the
     * accessing instruction where GDB expects watchpoints to stop after it (it compares the values
     * there), after it where GDB steps over the access itself (it then steps back over it).
     */
    TimelineEvent continueBack(BooleanSupplier interrupt) {
        long end = now;
        while (end > checkpoints.first()) {
            int c = checkpoints.atOrBefore(end - 1);
            long from = checkpoints.time(c);
            goTo(from);
            scanHitTime = -1;
            firstOfResume = false;
            advance(Mode.SCAN, end, () -> false);
            if (scanHitTime >= 0) {
                long t = scanHitTime;
                TimelineEvent e = new TimelineEvent(scanHitKind, scanHitAddress, scanHitPoint, null);
                goTo(t);
                return e;
            }
            end = from;
            if (interrupt.getAsBoolean()) {
                goTo(end);
                return TimelineEvent.of(TimelineEvent.Kind.INTERRUPTED);
            }
        }
        goTo(checkpoints.first());
        return TimelineEvent.of(TimelineEvent.Kind.HISTORY_BEGIN);
    }

    @Override
    public void close() {
        codeHook.close();
        writeHook.close();
        if (readHook != null) {
            readHook.close();
        }
        checkpoints.close();
    }
}
