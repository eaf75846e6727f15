package org.kexeclab.panic;

import java.util.ArrayList;
import java.util.List;

/**
 * One panic scenario: the machine, the boot parameters and what is registered or held when
 * {@code panic()} is called. Build it with {@link #builder()}; {@link Builder#build()} checks it.
 *
 * @param cpus                 online CPUs (1..4096)
 * @param panicCpu             the CPU that calls {@code panic()} and wins the {@code panic_cpu} claim
 * @param concurrentPanicCpu   a second CPU that calls {@code panic()} at the same time, or -1
 * @param postNotifiers        the boot parameter {@code crash_kexec_post_notifiers} (default false)
 * @param crashImageLoaded     whether {@code kexec_crash_image} is set ({@code kexec -p} was run)
 * @param kexecLockHeld        whether the kexec lock is taken when panic comes (a {@code kexec_load}
 *                             in progress on another CPU), so {@code kexec_trylock} fails
 * @param notifiers            the notifiers registered on {@code panic_notifier_list}, in
 *                             registration order
 * @param notifierBudgetMillis how long the model lets one notifier run before calling it hung
 * @param panicTimeoutSeconds  the {@code panic=} boot parameter: 0 spins for ever, &gt; 0 restarts
 *                             after that many seconds, &lt; 0 restarts at once
 * @param message              the panic message
 */
public record PanicConfig(int cpus, int panicCpu, int concurrentPanicCpu, boolean postNotifiers,
                          boolean crashImageLoaded, boolean kexecLockHeld, List<PanicNotifier> notifiers,
                          long notifierBudgetMillis, int panicTimeoutSeconds, String message) {

    /** The model's default bound on one notifier: 10 s of simulated time. */
    public static final long DEFAULT_NOTIFIER_BUDGET_MILLIS = 10_000;
    /** The most CPUs a scenario may have. */
    public static final int MAX_CPUS = 4096;

    /** Copies the notifier list. */
    public PanicConfig {
        notifiers = List.copyOf(notifiers);
    }

    /** A builder with the kernel's defaults: 4 CPUs, panic on CPU 0, parameter off, crash image loaded. */
    public static Builder builder() {
        return new Builder();
    }

    /** The notifiers registered into a chain, in the order the kernel would call them. */
    public NotifierChain chain() {
        NotifierChain chain = new NotifierChain();
        for (PanicNotifier n : notifiers) {
            try {
                chain.register(n);
            } catch (PanicConfigException e) {
                throw new IllegalStateException("checked by build(): " + e.getMessage(), e);
            }
        }
        return chain;
    }

    /** Builds a {@link PanicConfig}. */
    public static final class Builder {
        private int cpus = 4;
        private int panicCpu;
        private int concurrentPanicCpu = -1;
        private boolean postNotifiers;
        private boolean crashImageLoaded = true;
        private boolean kexecLockHeld;
        private final List<PanicNotifier> notifiers = new ArrayList<>();
        private long notifierBudgetMillis = DEFAULT_NOTIFIER_BUDGET_MILLIS;
        private int panicTimeoutSeconds;
        private String message = "Fatal exception";

        private Builder() {
        }

        /** Online CPUs. */
        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        /** The CPU that panics. */
        public Builder panicCpu(int cpu) {
            this.panicCpu = cpu;
            return this;
        }

        /** A second CPU that panics at the same time (-1 for none). */
        public Builder concurrentPanicCpu(int cpu) {
            this.concurrentPanicCpu = cpu;
            return this;
        }

        /** {@code crash_kexec_post_notifiers}. */
        public Builder postNotifiers(boolean on) {
            this.postNotifiers = on;
            return this;
        }

        /** Whether a crash image is loaded. */
        public Builder crashImageLoaded(boolean loaded) {
            this.crashImageLoaded = loaded;
            return this;
        }

        /** Whether the kexec lock is held when panic comes. */
        public Builder kexecLockHeld(boolean held) {
            this.kexecLockHeld = held;
            return this;
        }

        /** Registers one more notifier. */
        public Builder notifier(PanicNotifier n) {
            notifiers.add(n);
            return this;
        }

        /** The model's bound on one notifier. */
        public Builder notifierBudgetMillis(long millis) {
            this.notifierBudgetMillis = millis;
            return this;
        }

        /** The {@code panic=} boot parameter. */
        public Builder panicTimeoutSeconds(int seconds) {
            this.panicTimeoutSeconds = seconds;
            return this;
        }

        /** The panic message. */
        public Builder message(String text) {
            this.message = text;
            return this;
        }

        /**
         * Checks and builds the scenario.
         *
         * @throws PanicConfigException with one sentence naming the bad value
         */
        public PanicConfig build() throws PanicConfigException {
            if (cpus < 1 || cpus > MAX_CPUS) {
                throw new PanicConfigException("--cpus " + cpus + " is out of range: use 1 to " + MAX_CPUS);
            }
            checkCpu("--panic-on-cpu", panicCpu);
            if (concurrentPanicCpu != -1) {
                checkCpu("--concurrent-panic-cpu", concurrentPanicCpu);
                if (concurrentPanicCpu == panicCpu) {
                    throw new PanicConfigException("the concurrent panic must come from another CPU than "
                            + panicCpu + ": one CPU cannot call panic() twice at the same time");
                }
            }
            if (notifierBudgetMillis < 1) {
                throw new PanicConfigException("the notifier budget must be at least 1 ms, not " + notifierBudgetMillis);
            }
            PanicConfig config = new PanicConfig(cpus, panicCpu, concurrentPanicCpu, postNotifiers, crashImageLoaded,
                    kexecLockHeld, notifiers, notifierBudgetMillis, panicTimeoutSeconds, message);
            config.checkChain();
            return config;
        }

        private void checkCpu(String option, int cpu) throws PanicConfigException {
            if (cpu < 0 || cpu >= cpus) {
                throw new PanicConfigException(option + " " + cpu + " names no online CPU: with " + cpus
                        + " CPU(s) use 0 to " + (cpus - 1));
            }
        }
    }

    private void checkChain() throws PanicConfigException {
        NotifierChain chain = new NotifierChain();
        for (PanicNotifier n : notifiers) {
            chain.register(n);
        }
    }
}
