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
    /** First and last address of an instruction {@link TimerSprGuard} refused this run, else -1. */
    long defectPc = -1;
    long lastDefectPc = -1;
    int defectWord;
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
        defectPc = -1;
        lastDefectPc = -1;
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

    /** {@link TimerSprGuard} refused the instruction {@code word} at {@code address}. */
    void engineDefect(long address, int word) {
        if (defectPc == -1) {
            defectPc = address;
            defectWord = word;
        }
        lastDefectPc = address;
    }

    void exception(int number, boolean stoppedTheRun) {
        excepted |= stoppedTheRun;
        exceptionNumber = number;
    }
}
