package org.kexeclab.panic;

import org.kexeclab.image.IndirectionList;

/**
 * {@code __crash_kexec(NULL)} as {@code panic()} calls it: take the kexec lock or return;
 * find {@code kexec_crash_image} or return; otherwise save the crash registers and
 * vmcoreinfo, {@code machine_crash_shutdown} (stop the other CPUs saving their registers,
 * save this CPU's, quiet the interrupt controllers) and {@code machine_kexec} on the crash
 * image, which in the kernel never returns.
 */
final class CrashKexecPath {
    /**
     * One call's result.
     *
     * @param entry        what machine_kexec did, or null when __crash_kexec returned
     * @param whyReturned  when it returned: the one-sentence reason, else null
     */
    record Attempt(CrashKernelEntry entry, String whyReturned) {
    }

    private final PanicConfig config;
    private final CrashKernel kernel;
    private final Cpus cpus;
    private final Timeline t;

    CrashKexecPath(PanicConfig config, CrashKernel kernel, Cpus cpus, Timeline t) {
        this.config = config;
        this.kernel = kernel;
        this.cpus = cpus;
        this.t = t;
    }

    Attempt call(String when) {
        int p = config.panicCpu();
        t.add("__crash_kexec", p, "called " + when + ", straight, bypassing crash_kexec()'s panic_cpu check");
        if (config.kexecLockHeld()) {
            String why = "the kexec lock was held (a kexec_load in progress when the machine panicked), "
                    + "so kexec_trylock failed";
            t.add("kexec_trylock", p, "fails: the kexec lock is held (a kexec_load was in progress); "
                    + "__crash_kexec returns and panic goes on");
            return new Attempt(null, why);
        }
        t.add("kexec_trylock", p, "takes the kexec lock, so no kexec_load can replace the crash image while it is used");
        if (!config.crashImageLoaded()) {
            String why = "no crash image was loaded (kexec_crash_image is NULL: nobody ran kexec -p)";
            t.add("kexec_crash_image", p, "is NULL: nobody ran kexec -p; __crash_kexec unlocks, returns, and panic goes on");
            return new Attempt(null, why);
        }
        t.add("kexec_crash_image", p, String.format("loaded: %s crash image in its reservation, entry 0x%x, head 0x%x%s",
                kernel.arch().name(), kernel.entry(), kernel.head(),
                kernel.head() == IndirectionList.IND_DONE ? " (IND_DONE: loaded in place, nothing to copy)" : ""));
        t.add("crash_setup_regs", p, "regs is NULL (called from panic), so CPU " + p
                + "'s own registers at this point become the crash registers");
        t.add("crash_save_vmcoreinfo", p, "vmcoreinfo note stamped with the crash time; the crash kernel finds it "
                + "through the ELF core header");
        machineCrashShutdown(p);
        return new Attempt(machineKexec(p), null);
    }

    private void machineCrashShutdown(int p) {
        t.add("machine_crash_shutdown", p, "the architecture's crash shutdown: interrupts stay off, other CPUs stop");
        if (!cpus.crashStop(t, "machine_crash_shutdown")) {
            t.add("machine_crash_shutdown", p, "the other CPUs were already stopped, registers saved, by "
                    + "crash_smp_send_stop earlier in panic(): it does its work only once");
        }
        t.add("crash_save_cpu", p, "CPU " + p + "'s crash registers saved in its crash note");
        t.add("machine_crash_shutdown", p, "interrupt controllers quiesced so the crash kernel starts with no "
                + "interrupt pending from the old kernel");
    }

    private CrashKernelEntry machineKexec(int p) {
        CrashKernelEntry e = kernel.machineKexec();
        if (e.instructions() >= 0) {
            t.add("machine_kexec", p, String.format("the %s relocation stub ran in the emulator: head = 0x%x, %d page(s) "
                    + "copied, %d instruction(s) to the entry", e.arch().name(), e.head(), e.pagesCopied(),
                    e.instructions()));
        }
        if (e.entered() && e.entry() != kernel.entry()) {
            t.add("purgatory", p, String.format("the purgatory at 0x%x ran to the crash kernel's entry 0x%x",
                    kernel.entry(), e.entry()));
        }
        if (e.entered()) {
            t.add("crash kernel", p, String.format("crash kernel entered at 0x%x with %s%s", e.entry(), e.registerText(),
                    !e.verified() ? "; NOT verified: " + e.failures().get(0)
                            : e.entry() != kernel.entry() ? " (the boot registers the boot protocol wants)"
                            : " (boot protocol and entry probe verified)"));
        } else {
            t.add("crash kernel", p, "crash kernel NOT entered: " + e.failures().get(0));
        }
        return e;
    }
}
