package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.DestinationSnapshot;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.VerificationResult;
import org.kexeclab.image.Verifier;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.Tracer;

/**
 * One emulated machine about to kexec: a CPU with the load's RAM windows mapped
 * ({@link LoadedImage#mappedWindows()}: all RAM, or only what a sparse layout needs), the
 * loaded image's list and source pages written, the stub placed by {@link MachineKexec#prepare}. {@link #execute}
 * then does {@code machine_kexec}'s jump: it runs the stub until the CPU reaches the new
 * kernel's entry point, runs the entry probe there, and checks everything against the oracle.
 *
 * <p>Preparation and execution are separate so a benchmark can prepare once and execute
 * many times (restoring what the run changed in between).
 */
public final class KexecRun implements AutoCloseable {
    private static final long PROBE_BUDGET = 100_000;

    private final MachineKexec machine;
    private final LoadedImage loaded;
    private final KexecOptions options;
    private final Cpu cpu;
    private final KexecLaunch launch;
    private final EntryProbe probe;
    private final DestinationSnapshot before;

    private KexecRun(MachineKexec machine, LoadedImage loaded, KexecOptions options, Cpu cpu) {
        this.machine = machine;
        this.loaded = loaded;
        this.options = options;
        this.cpu = cpu;
        for (AddressRange window : loaded.mappedWindows()) {
            cpu.map(window.start(), window.size(), Perm.ALL);
        }
        loaded.writeTo(cpu);
        this.probe = probeCarriedBy(machine, loaded);
        if (probe != null) {
            cpu.write(probe.recordAddress(), new byte[probe.recordSize(loaded.image().arch())]);
        }
        this.before = options.preserveContext() ? DestinationSnapshot.capture(loaded, cpu) : null;
        this.launch = machine.prepare(loaded, cpu, options);
    }

    /**
     * Opens a CPU on {@code engine} and prepares {@code loaded} on it.
     *
     * @throws org.kexeclab.engine.EngineUnavailableException if the engine cannot run the architecture
     */
    public static KexecRun prepare(MachineKexec machine, LoadedImage loaded, KexecOptions options, CpuEngine engine) {
        Cpu cpu = engine.open(machine.arch());
        try {
            return new KexecRun(machine, loaded, options, cpu);
        } catch (RuntimeException | Error e) {
            cpu.close();
            throw e;
        }
    }

    /** The CPU (for traces and benchmarks). */
    public Cpu cpu() {
        return cpu;
    }

    /** What {@link MachineKexec#prepare} built. */
    public KexecLaunch launch() {
        return launch;
    }

    /** The loaded image. */
    public LoadedImage loaded() {
        return loaded;
    }

    /**
     * Runs the stub to the entry point, then the probe, and verifies everything. Counting
     * ({@link KexecOptions#countInstructions()}) is the engine's own where it counts natively
     * ({@link RunCounter}); its hooks are gone before the probe runs.
     */
    public KexecOutcome execute() {
        if (!options.countInstructions()) {
            return outcome(cpu.run(launch.begin(), loaded.image().entry(), engineLimits()), null);
        }
        RunCounter counter = RunCounter.on(cpu, launch.stub(), machine.repeatedInstructions(launch.stub()),
                machine.countedLoops(launch.stub()), options.instructionBudget(), loaded.image().entry());
        RunResult run;
        try {
            run = counter.run(launch.begin(), loaded.image().entry(), engineLimits());
        } finally {
            counter.close();
        }
        return outcome(run, counter);
    }

    /**
     * Runs as {@link #execute()} while {@code sink} receives every executed stub instruction.
     * The trace hooks exist only for this call; {@link #execute()} itself never installs any.
     */
    public KexecOutcome execute(TraceSink sink) {
        try (Tracer tracer = Tracer.attach(cpu, loaded, launch.stub(), sink, -1, 0)) {
            KexecOutcome o = execute();
            tracer.finish(o.verified() ? "verified" : "FAILED: " + o.failure());
            return o;
        }
    }

    /**
     * The outcome of a run of the stub that something else drove (a debugger, one instruction or
     * one breakpoint at a time): {@code run} says how the stub's run ended, with the instructions
     * it retired. At the entry point this checks everything {@link #execute()} checks and runs the
     * entry probe, which moves the CPU on; elsewhere the outcome is the stop's failure.
     */
    public KexecOutcome outcomeOf(RunResult run) {
        return outcome(run, null);
    }

    private RunLimits engineLimits() {
        RunLimits limits = options.timeout().isZero() ? RunLimits.NONE : RunLimits.timeout(options.timeout());
        return options.countInstructions() ? limits : limits.withBudget(options.instructionBudget());
    }

    private KexecOutcome outcome(RunResult run, RunCounter counter) {
        Arch arch = machine.arch();
        Map<String, Long> regs = new LinkedHashMap<>();
        List<String> regFailures = new ArrayList<>();
        List<String> machineFailures = new ArrayList<>();
        VerificationResult dest = null;
        VerificationResult swapped = null;
        EntryProbe.Record record = null;
        String probeFailure = null;
        String stopFailure = null;
        if (run.reachedUntil()) {
            for (Register r : machine.entryRegisters()) {
                regs.put(r.name().toLowerCase(Locale.ROOT), cpu.readRegister(r));
            }
            regFailures.addAll(checkProtocol());
            dest = new Verifier(loaded).verifyDestinations(cpu);
            if (before != null) {
                swapped = new Verifier(loaded).verifySwappedSources(cpu, before);
            }
            machineFailures.addAll(machine.checkMachineState(loaded, launch, cpu));
            if (probe != null && options.runProbe()) {
                record = runProbe();
                probeFailure = probeFailure(record);
            }
        } else {
            stopFailure = describeStop(run);
        }
        long instructions = counter == null ? run.instructions() : counter.instructions();
        long pages = counter == null ? -1 : counter.pages();
        return KexecOutcome.builder()
                .machine(arch, cpu.engineName())
                .image(launch.stub().size(), loaded.list().entryCount(), loaded.totalPages(), loaded.image().entry())
                .relocation(run, stopFailure, run.elapsedNanos())
                .counts(instructions, pages)
                .entryRegisters(regs, regFailures)
                .memory(dest, swapped)
                .machineFailures(machineFailures)
                .probe(record, probeFailure)
                .build();
    }

    private List<String> checkProtocol() {
        List<String> out = new ArrayList<>();
        for (ExpectedRegister e : machine.entryProtocol(loaded, launch)) {
            long actual = cpu.readRegister(e.register());
            if (!e.holds(actual)) {
                String bits = e.mask() == -1L ? "" : String.format(" in the bits 0x%x", e.mask());
                out.add(String.format("at entry %s = 0x%x, but the boot protocol requires 0x%x%s (%s)",
                        e.register().name().toLowerCase(Locale.ROOT), actual, e.value(), bits, e.why()));
            }
        }
        return out;
    }

    private EntryProbe.Record runProbe() {
        RunResult r = cpu.run(probe.entry(), probe.doneAddress(), RunLimits.budget(PROBE_BUDGET));
        EntryProbe.Record rec = probe.read(cpu, machine.arch());
        if (!r.reachedUntil() && rec.landed()) {
            return new EntryProbe.Record(true, rec.status() | Long.MIN_VALUE, rec.values());
        }
        return rec;
    }

    private String probeFailure(EntryProbe.Record rec) {
        if (!rec.landed()) {
            return String.format("the entry probe at 0x%x wrote no landed record at 0x%x: the code at the "
                    + "entry point is not the image's", probe.entry(), probe.recordAddress());
        }
        if (rec.status() != 0) {
            return "the entry probe found the boot protocol broken: " + String.join(", ", probe.failedChecks(rec.status()));
        }
        return null;
    }

    /** One sentence: what stopped the stub, where in its source, and which list entry it was on. */
    private String describeStop(RunResult run) {
        StringBuilder b = new StringBuilder("the stub did not reach the entry point 0x")
                .append(Long.toHexString(loaded.image().entry())).append(": ");
        switch (run.reason()) {
            case BUDGET_EXHAUSTED -> b.append(String.format(Locale.ROOT, "its instruction budget of %,d ended the run",
                    options.instructionBudget())).append(run.instructions() < 0 ? ""
                    : String.format(Locale.ROOT, " after %,d instructions", run.instructions()));
            case TIMEOUT -> b.append("its time limit ran out (").append(options.timeout()).append(')');
            default -> b.append(run.message());
        }
        Listing listing = launch.stub().listing();
        int i = listing.indexOf(run.pc());
        if (i >= 0) {
            b.append(String.format(" at pc 0x%x (%s `%s`)", run.pc(), listing.location(i), listing.text(i).trim()));
        } else if (run.reason() != StopReason.BUDGET_EXHAUSTED && run.reason() != StopReason.TIMEOUT) {
            b.append(String.format(" at pc 0x%x, outside the stub", run.pc()));
        }
        if (run.faultAddress() >= 0) {
            loaded.description().entryAt(run.faultAddress())
                    .ifPresent(e -> b.append("; the faulting address is list ").append(e.describe()));
        }
        if (run.reason() == StopReason.BUDGET_EXHAUSTED) {
            b.append("; a larger --budget may let it finish, unless its list never reaches IND_DONE");
        }
        return b.toString();
    }

    /**
     * The probe the image carries at its entry point, or null: its code must be the entry's
     * bytes. There is none where the architecture has no probe for the entry
     * ({@link MachineKexec#hasEntryProbe}) or the CPU cannot start at it (the probe would not
     * even assemble there; {@link org.kexeclab.kexec.load.KexecLoad} refuses such an entry, and a run without that
     * check faults at the jump instead).
     */
    private static EntryProbe probeCarriedBy(MachineKexec machine, LoadedImage loaded) {
        long entry = loaded.image().entry();
        if (Long.remainderUnsigned(entry, machine.entryAlignment(entry)) != 0 || !machine.hasEntryProbe(entry)) {
            return null;
        }
        EntryProbe p = machine.entryProbe(loaded.image().entry(), StandardMachine.of(loaded.image().layout()).probeRecord());
        byte[] code = p.code();
        byte[] atEntry = new byte[code.length];
        try {
            loaded.oracle().expectedBytes(loaded.image().entry(), atEntry, 0, atEntry.length);
        } catch (RuntimeException notInAnySegment) {
            return null;
        }
        return java.util.Arrays.equals(code, atEntry) ? p : null;
    }

    @Override
    public void close() {
        cpu.close();
    }
}
