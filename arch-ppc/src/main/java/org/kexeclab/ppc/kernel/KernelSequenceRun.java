package org.kexeclab.ppc.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Verifier;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.ppc.Ppc64MachineKexec;
import org.kexeclab.vmlinux.SymbolTable;

/**
 * One emulated machine about to kexec with the old kernel's own {@code kexec_sequence}: a CPU
 * with the load's RAM windows mapped (the layout must reserve {@link KexecSequenceCall#allocations()}),
 * the list and source pages written, the old kernel and the call prepared by
 * {@link KexecSequenceCall}. {@link #execute} runs from {@code kexec_sequence} until the CPU
 * reaches the new kernel's entry point and checks the result as a stub's run is checked:
 * every destination byte against the oracle, the entry registers, physical 0 and
 * {@code kexec_flag}. The instruction count is the engine's own; pages are the calls of
 * {@code copy_page} (at its local entry, where {@code kexec_copy_flush} calls it).
 */
public final class KernelSequenceRun implements AutoCloseable {
    private final KexecSequenceCall call;
    private final LoadedImage loaded;
    private final KexecOptions options;
    private final Cpu cpu;

    private KernelSequenceRun(KexecSequenceCall call, LoadedImage loaded, KexecOptions options, Cpu cpu) {
        this.call = call;
        this.loaded = loaded;
        this.options = options;
        this.cpu = cpu;
        AddressRange old = call.allocations();
        if (loaded.mappedWindows().stream().noneMatch(w -> w.containsAll(old.start(), old.end()))) {
            throw new IllegalArgumentException(String.format("the load does not map the old kernel at %s: its layout "
                    + "must reserve it", old.bounds()));
        }
        for (AddressRange window : loaded.mappedWindows()) {
            cpu.map(window.start(), window.size(), Perm.ALL);
        }
        loaded.writeTo(cpu);
        call.prepare(loaded, cpu);
    }

    /**
     * Opens a CPU of the image's architecture on {@code engine} and prepares the call.
     *
     * @throws org.kexeclab.engine.EngineUnavailableException if the engine cannot run the architecture
     */
    public static KernelSequenceRun prepare(KexecSequenceCall call, LoadedImage loaded, KexecOptions options,
                                            CpuEngine engine) {
        Cpu cpu = engine.open(loaded.image().arch());
        try {
            return new KernelSequenceRun(call, loaded, options, cpu);
        } catch (RuntimeException | Error e) {
            cpu.close();
            throw e;
        }
    }

    /** The CPU (for hooks: traces, memory counts). */
    public Cpu cpu() {
        return cpu;
    }

    /** The loaded image. */
    public LoadedImage loaded() {
        return loaded;
    }

    /** The call. */
    public KexecSequenceCall call() {
        return call;
    }

    /** Runs the kernel's code to the entry point and verifies everything. */
    public KexecOutcome execute() {
        long[] pages = {0};
        long localEntry = call.localEntry("copy_page");
        RunResult run;
        try (HookHandle h = cpu.onCode((a, s) -> pages[0]++, localEntry, localEntry)) {
            RunLimits limits = options.timeout().isZero() ? RunLimits.NONE : RunLimits.timeout(options.timeout());
            run = cpu.run(call.begin(), loaded.image().entry(), limits.withBudget(options.instructionBudget()).counted());
        }
        Map<String, Long> regs = new LinkedHashMap<>();
        List<String> regFailures = new ArrayList<>();
        List<String> machineFailures = new ArrayList<>();
        KexecOutcome.Builder b = KexecOutcome.builder()
                .machine(loaded.image().arch(), cpu.engineName())
                .image(call.facts().code().code().size(), loaded.list().entryCount(), loaded.totalPages(),
                        loaded.image().entry())
                .relocation(run, run.reachedUntil() ? null : describeStop(run), run.elapsedNanos())
                .counts(run.instructions(), pages[0]);
        if (run.reachedUntil()) {
            for (Register r : new Ppc64MachineKexec().entryRegisters()) {
                regs.put(r.name().toLowerCase(Locale.ROOT), cpu.readRegister(r));
            }
            for (ExpectedRegister e : call.entryProtocol(loaded)) {
                long actual = cpu.readRegister(e.register());
                if (actual != e.value()) {
                    regFailures.add(String.format("at entry %s = 0x%x, but the boot protocol requires 0x%x (%s)",
                            e.register().name().toLowerCase(Locale.ROOT), actual, e.value(), e.why()));
                }
            }
            machineFailures.addAll(call.checkMachineState(loaded, cpu));
            b.entryRegisters(regs, regFailures).memory(new Verifier(loaded).verifyDestinations(cpu), null)
                    .machineFailures(machineFailures);
        }
        return b.build();
    }

    /** One sentence: what stopped the kernel's code, and where, by kernel symbol. */
    private String describeStop(RunResult run) {
        SymbolTable symbols = call.symbols();
        StringBuilder b = new StringBuilder("the kernel's kexec_sequence did not reach the entry point 0x")
                .append(Long.toHexString(loaded.image().entry())).append(": ");
        switch (run.reason()) {
            case BUDGET_EXHAUSTED -> b.append(String.format(Locale.ROOT, "its instruction budget of %,d ended the run",
                    options.instructionBudget()));
            case TIMEOUT -> b.append("its time limit ran out (").append(options.timeout()).append(')');
            default -> b.append(run.message());
        }
        if (run.reason() != StopReason.TIMEOUT) {
            b.append(String.format(" at pc 0x%x (%s)", run.pc(), symbols.describe(run.pc())));
        }
        return b.toString();
    }

    @Override
    public void close() {
        cpu.close();
    }
}
