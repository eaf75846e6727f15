package org.kexeclab.panic;

import java.util.Arrays;

/**
 * The online CPUs and the two ways {@code panic()} stops the others: {@code smp_send_stop}
 * (stop only) and the crash path's stop, which also saves each CPU's registers
 * ({@code crash_save_cpu}) and, like {@code crash_smp_send_stop}, does its work only once.
 */
final class Cpus {
    private final CpuState[] state;
    private final int panicCpu;
    private boolean crashStopDone;

    Cpus(int count, int panicCpu) {
        this.state = new CpuState[count];
        Arrays.fill(state, CpuState.RUNNING);
        this.panicCpu = panicCpu;
        state[panicCpu] = CpuState.PANICKING;
    }

    CpuState state(int cpu) {
        return state[cpu];
    }

    void selfStop(int cpu) {
        state[cpu] = CpuState.SELF_STOPPED;
    }

    /** {@code smp_send_stop()}: every other CPU stops; nothing of theirs is saved. */
    void smpSendStop(Timeline t) {
        if (!othersOnline(t, "smp_send_stop")) {
            return;
        }
        for (int cpu = 0; cpu < state.length; cpu++) {
            if (cpu == panicCpu) {
                continue;
            }
            String how = state[cpu] == CpuState.SELF_STOPPED
                    ? "already spinning in panic_smp_self_stop with interrupts off; it stays there"
                    : "stopped by the stop IPI with interrupts off";
            state[cpu] = CpuState.STOPPED;
            t.add("smp_send_stop", cpu, how + "; its registers are NOT saved");
        }
    }

    /**
     * The crash path's stop ({@code crash_smp_send_stop}, or the arch's crash shutdown): every
     * other CPU stops and saves its registers. Returns false, doing nothing, the second time.
     */
    boolean crashStop(Timeline t, String what) {
        if (crashStopDone) {
            return false;
        }
        crashStopDone = true;
        if (!othersOnline(t, what)) {
            return true;
        }
        for (int cpu = 0; cpu < state.length; cpu++) {
            if (cpu == panicCpu) {
                continue;
            }
            String was = state[cpu] == CpuState.SELF_STOPPED
                    ? "reached in panic_smp_self_stop by the crash stop (NMI or crash IPI); " : "";
            state[cpu] = CpuState.STOPPED_REGISTERS_SAVED;
            t.add(what, cpu, was + "stopped; crash_save_cpu saved its registers in its crash note for the vmcore");
        }
        return true;
    }

    private boolean othersOnline(Timeline t, String what) {
        if (state.length == 1) {
            t.add(what, panicCpu, "no other CPU is online: nothing to stop");
            return false;
        }
        return true;
    }
}
