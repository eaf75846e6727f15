package org.kexeclab.gdb;

import org.kexeclab.engine.RunResult;

/**
 * Why the {@link Timeline} stopped moving: what the server reports to GDB as a stop.
 *
 * @param kind    what happened
 * @param address the breakpoint's or the watched data's address, else -1
 * @param point   the kind of breakpoint or watchpoint GDB inserted there, else null
 * @param run     the engine's result for {@link Kind#FAULT} (and {@link Kind#ENTRY}), else null
 */
record TimelineEvent(Kind kind, long address, StopPoints.Kind point, RunResult run) {

    /** What stopped the timeline. */
    enum Kind {
        /** The requested number of instructions ran (one, for a step), forward or back. */ STEPPED,
        /** A breakpoint GDB inserted. */ BREAKPOINT,
        /** A watchpoint GDB inserted: {@link #address()} is the data address. */ WATCHPOINT,
        /** GDB's Ctrl-C, or the debugger went away. */ INTERRUPTED,
        /** The CPU reached the new kernel's entry point: the stub's work is done. */ ENTRY,
        /** The CPU faulted or met an instruction it cannot execute. */ FAULT,
        /** Going back reached the start of the recorded history. */ HISTORY_BEGIN,
        /** The run's instruction budget is used up. */ BUDGET
    }

    static TimelineEvent of(Kind kind) {
        return new TimelineEvent(kind, -1, null, null);
    }
}
