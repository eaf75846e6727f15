package org.kexeclab.panic;

/**
 * {@code panic()} in the kernel's order, on a modelled SMP machine, ending either in the
 * crash kernel (run in the emulator by a {@link CrashKernel}) or in why it was not reached:
 *
 * <ol>
 * <li>interrupts off; the {@code panic_cpu} claim (a second panicking CPU stops itself);
 *     message and stack;</li>
 * <li>{@code crash_kexec_post_notifiers = 0}: {@code __crash_kexec} now, other CPUs still
 *     running (the arch's crash shutdown stops them and saves their registers);</li>
 * <li>stop the other CPUs: {@code smp_send_stop}, or {@code crash_smp_send_stop} (registers
 *     saved) when the parameter is 1;</li>
 * <li>the panic notifier chain; system info; {@code kmsg_dump(KMSG_DUMP_PANIC)};</li>
 * <li>parameter 1: {@code __crash_kexec} now; parameter 0: no second attempt;</li>
 * <li>console flush, then the panic timeout and {@code emergency_restart}, or spin.</li>
 * </ol>
 */
public final class PanicModel {
    private final PanicConfig config;
    private final CrashKernel kernel;
    private final Timeline t = new Timeline();
    private final Cpus cpus;
    private final CrashKexecPath crashKexec;

    /** A model of {@code config}'s panic; {@code kernel} is used only when a crash image is loaded. */
    public PanicModel(PanicConfig config, CrashKernel kernel) {
        this.config = config;
        this.kernel = kernel;
        this.cpus = new Cpus(config.cpus(), config.panicCpu());
        this.crashKexec = new CrashKexecPath(config, kernel, cpus, t);
    }

    /** Runs {@code panic()} once and returns its timeline. */
    public PanicTimeline run() {
        int p = config.panicCpu();
        t.add("local_irq_disable", p, "interrupts (and preemption) off on the panicking CPU");
        claimPanicCpu(p);
        t.add("pr_emerg", p, "Kernel panic - not syncing: " + config.message());
        t.add("dump_stack", p, "CPU " + p + "'s call trace printed to the console");
        String whyReturned = null;
        if (!config.postNotifiers()) {
            CrashKexecPath.Attempt a = crashKexec.call("before the notifiers (crash_kexec_post_notifiers=0)");
            if (a.entry() != null) {
                return entered(a.entry());
            }
            whyReturned = a.whyReturned();
        }
        stopOtherCpus(p);
        PanicNotifier hung = callNotifiers(p);
        if (hung != null) {
            return hung(hung, whyReturned);
        }
        t.add("panic_print_sys_info", p, "the system information panic_print asks for is printed");
        t.add("kmsg_dump", p, "KMSG_DUMP_PANIC: the kernel log is handed to the registered dumpers (pstore, "
                + "ramoops, ...) by the old kernel");
        if (config.postNotifiers()) {
            CrashKexecPath.Attempt a = crashKexec.call("after the notifiers and kmsg_dump (crash_kexec_post_notifiers=1)");
            if (a.entry() != null) {
                return entered(a.entry());
            }
            whyReturned = a.whyReturned();
        } else {
            t.add("__crash_kexec", p, "not called again: with crash_kexec_post_notifiers=0 the one attempt was "
                    + "the one before the notifiers");
        }
        return noCrashKernel(p, whyReturned);
    }

    private void claimPanicCpu(int p) {
        t.add("panic_cpu", p, "CPU " + p + " claims the panic (atomic cmpxchg of panic_cpu from PANIC_CPU_INVALID)");
        int k = config.concurrentPanicCpu();
        if (k >= 0) {
            t.add("local_irq_disable", k, "CPU " + k + " calls panic() at the same time; interrupts off");
            t.add("panic_cpu", k, "the claim fails, CPU " + p + " holds panic_cpu: CPU " + k
                    + " calls panic_smp_self_stop and spins there with interrupts off");
            cpus.selfStop(k);
        }
    }

    private void stopOtherCpus(int p) {
        if (config.postNotifiers()) {
            t.add("crash_smp_send_stop", p, "crash_kexec_post_notifiers=1: the other CPUs are stopped the crash way, "
                    + "saving their registers, because a crash kernel may still follow");
            cpus.crashStop(t, "crash_smp_send_stop");
        } else {
            t.add("smp_send_stop", p, "the other CPUs are stopped; their registers are not saved (no crash "
                    + "kernel took over, so there will be no vmcore)");
            cpus.smpSendStop(t);
        }
    }

    private PanicNotifier callNotifiers(int p) {
        NotifierChain chain = config.chain();
        t.add("atomic_notifier_call_chain", p, "panic_notifier_list: " + chain.inCallOrder().size()
                + " notifier(s), highest priority first, run by CPU " + p + " in the old kernel");
        return chain.call(t, p, config.notifierBudgetMillis());
    }

    private PanicTimeline entered(CrashKernelEntry e) {
        String summary = e.entered()
                ? String.format("crash kernel entered at 0x%x with %s", e.entry(), e.registerText())
                        + (e.verified() ? "" : "; not verified: " + e.failures().get(0))
                : "the crash kernel was not entered: " + e.failures().get(0);
        PanicEnd end = e.entered() ? PanicEnd.CRASH_KERNEL_ENTERED : PanicEnd.CRASH_KERNEL_NOT_REACHED;
        return new PanicTimeline(kernel.arch(), config.postNotifiers(), t.events(), end, e, summary);
    }

    private PanicTimeline hung(PanicNotifier n, String whyReturned) {
        String summary = "the crash kernel was never entered: notifier " + n.name() + " hung in the old kernel"
                + (whyReturned != null ? " after __crash_kexec had returned because " + whyReturned
                        : ", before __crash_kexec (crash_kexec_post_notifiers=1): kdump never starts")
                + "; bounded here by " + config.notifierBudgetMillis() + " ms, unbounded in the kernel";
        return new PanicTimeline(kernel.arch(), config.postNotifiers(), t.events(), PanicEnd.NOTIFIER_HUNG, null, summary);
    }

    private PanicTimeline noCrashKernel(int p, String whyReturned) {
        t.add("console_flush_on_panic", p, "console unblanked, debug locks off, every pending message flushed");
        int timeout = config.panicTimeoutSeconds();
        PanicEnd end;
        if (timeout != 0) {
            if (timeout > 0) {
                t.add("panic_timeout", p, "Rebooting in " + timeout + " seconds.. (busy-waiting, the watchdog touched)");
            }
            t.add("emergency_restart", p, "the machine restarts at once, shutting nothing down; no vmcore was saved");
            end = PanicEnd.EMERGENCY_RESTART;
        } else {
            t.add("panic end", p, "---[ end Kernel panic - not syncing: " + config.message() + " ]---");
            t.add("panic spin", p, "panic=0: interrupts back on, the CPU spins for ever (blinking); only a reset "
                    + "ends it; no vmcore was saved");
            end = PanicEnd.SPIN_FOREVER;
        }
        String summary = "the crash kernel was never entered: " + whyReturned + "; panic ended in "
                + (end == PanicEnd.EMERGENCY_RESTART ? "emergency_restart" : "an endless spin");
        return new PanicTimeline(kernel.arch(), config.postNotifiers(), t.events(), end, null, summary);
    }
}
