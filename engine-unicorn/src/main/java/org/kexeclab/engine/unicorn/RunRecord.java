package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.MemoryAccess;

/**
 * What happened during one {@code uc_emu_start}, as seen from inside the hooks: the first callback
 * failure, a stop request, the last memory fault and the last CPU exception. Reset per run.
 */
final class RunRecord {
    Throwable failure;
    boolean stopRequested;
    boolean faulted;
    MemoryAccess faultAccess;
    long faultAddress;
    long faultPc;
    int faultSize;
    /** An exception stopped the run (no user interrupt hook took it). */
    boolean excepted;
    int exceptionNumber;
    long counted;
    private final UnicornCpu cpu;

    RunRecord(UnicornCpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        failure = null;
        stopRequested = false;
        faulted = false;
        faultAccess = null;
        faultAddress = -1;
        faultPc = -1;
        excepted = false;
        exceptionNumber = -1;
        counted = 0;
    }

    void callbackFailed(Throwable t) {
        if (failure == null) {
            failure = t;
        } else if (failure != t) {
            failure.addSuppressed(t);
        }
    }

    void memoryFault(MemoryAccess access, long address, int size) {
        faulted = true;
        faultAccess = access;
        faultAddress = address;
        faultSize = size;
        faultPc = access == MemoryAccess.FETCH ? address : cpu.pcQuietly();
    }

    void exception(int number, boolean stoppedTheRun) {
        excepted |= stoppedTheRun;
        exceptionNumber = number;
    }
}
