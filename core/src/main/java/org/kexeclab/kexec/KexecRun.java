package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.HookHandle;
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

    /** Runs the stub to the entry point, then the probe, and verifies everything. */
    public KexecOutcome execute() {
        Counter counter = options.countInstructions() ? new Counter(launch.stub(),
                machine.repeatedInstructions(launch.stub()), options.instructionBudget(), loaded.image().entry(), cpu)
                : null;
        RunResult run;
        try {
            run = counter == null
                    ? cpu.run(launch.begin(), loaded.image().entry(), engineLimits())
                    : counter.run(launch.begin(), loaded.image().entry(), engineLimits());
        } finally {
            if (counter != null) {
                counter.close();
            }
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

    private RunLimits engineLimits() {
        RunLimits limits = options.timeout().isZero() ? RunLimits.NONE : RunLimits.timeout(options.timeout());
        return options.countInstructions() ? limits : limits.withBudget(options.instructionBudget());
    }

    private KexecOutcome outcome(RunResult run, Counter counter) {
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
        long instructions = counter == null ? run.instructions() : counter.instructions;
        long pages = counter == null ? -1 : counter.pages;
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
            if (actual != e.value()) {
                out.add(String.format("at entry %s = 0x%x, but the boot protocol requires 0x%x (%s)",
                        e.register().name().toLowerCase(Locale.ROOT), actual, e.value(), e.why()));
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

    /**
     * Counts executed stub instructions with a block hook and the listing (one upcall per
     * basic block, not per instruction), pages with a code hook on the stub's
     * {@code kexec_copy_page} label, and enforces the instruction budget itself so the
     * engine needs no per-instruction counter. Blocks outside the stub (only a corrupted
     * stub or list runs any before the entry) count their size in bytes, so a stub that
     * strays into other memory still ends at its budget instead of its time limit.
     *
     * <p>Repeated instructions ({@link MachineKexec#repeatedInstructions}, a string instruction
     * with a repeat prefix): Unicorn ends a block after every iteration, so a block hook over one
     * would cost one upcall per iteration (~0.5 s for the demo image's 566k iterations of one
     * stub, against ~35 ms for the whole run without counting). Their rows are left out of the
     * hooked ranges and each block that runs into one adds its iterations: the count is the same
     * as one per iteration, with one upcall per block.
     *
     * <p>Exact fault addresses: Unicorn 2.0.1 reports a data fault at the start of the basic
     * block unless every instruction is hooked. The counter saves the register state at each
     * block start (one {@code uc_context_save}, no allocation); after a memory fault it
     * restores that state and re-runs just that block with per-instruction counting, which
     * stops at the exact faulting instruction. Re-running the block repeats its stores with the
     * same values, which is harmless for the stubs: none of their blocks reads back memory it
     * wrote.
     */
    private static final class Counter implements AutoCloseable {
        private final Cpu cpu;
        private final Listing listing;
        private final long budget;
        private final long entry;
        private final List<HookHandle> hooks = new ArrayList<>();
        private final int[] repRows;
        private final long[] repExtra;
        private final CpuContext blockStart;
        private long lastBlock = -1;
        private boolean replaying;
        long instructions;
        long pages;
        boolean exhausted;

        Counter(Stub stub, List<RepeatedInstruction> repeated, long budget, long entry, Cpu cpu) {
            this.cpu = cpu;
            this.entry = entry;
            this.blockStart = cpu.saveContext();
            this.listing = stub.listing();
            this.budget = budget;
            List<RepeatedInstruction> inOrder = repeated.stream()
                    .sorted((a, b) -> Long.compareUnsigned(a.address(), b.address())).toList();
            this.repRows = new int[inOrder.size()];
            this.repExtra = new long[inOrder.size()];
            for (int k = 0; k < inOrder.size(); k++) {
                RepeatedInstruction r = inOrder.get(k);
                repRows[k] = listing.indexOf(r.address());
                repExtra[k] = r.iterations() - 1;
                if (repRows[k] < 0 || listing.address(repRows[k]) != r.address()) {
                    throw new IllegalArgumentException(String.format("the repeated instruction at 0x%x is not one "
                            + "of the stub's", r.address()));
                }
            }
            long lo = stub.origin();
            for (int row : repRows) {
                if (listing.address(row) > lo) {
                    hooks.add(cpu.onBlock(this::block, lo, listing.address(row) - 1));
                }
                lo = listing.address(row) + listing.length(row);
            }
            hooks.add(cpu.onBlock(this::block, lo, stub.origin() + stub.size() - 1));
            if (stub.origin() != 0) {
                hooks.add(cpu.onBlock(this::strayBlock, 0, stub.origin() - 1));
            }
            if (stub.origin() + stub.size() != 0) {
                hooks.add(cpu.onBlock(this::strayBlock, stub.origin() + stub.size(), -1L));
            }
            if (stub.hasSymbol("kexec_copy_page")) {
                long at = stub.symbol("kexec_copy_page");
                hooks.add(cpu.onCode((a, s) -> pages += replaying ? 0 : 1, at, at));
            } else {
                pages = -1;
            }
        }

        private void block(long address, int size) {
            if (replaying) {
                return;
            }
            cpu.saveContext(blockStart);
            lastBlock = address;
            int first = listing.indexOf(address);
            int last = listing.indexOf(address + size - 1);
            if (first >= 0 && last >= first) {
                instructions += last - first + 1;
                for (int k = 0; k < repRows.length; k++) {
                    if (repRows[k] >= first && repRows[k] <= last) {
                        instructions += repExtra[k];
                    }
                }
            }
            if (budget > 0 && instructions > budget && !exhausted) {
                exhausted = true;
                cpu.stop();
            }
        }

        /**
         * A block outside the stub before the entry point (a corrupted stub or list sent the
         * CPU astray): counted as its size in bytes, an upper bound on its instructions, so
         * the budget ends a runaway there too. The entry's own block is not counted.
         */
        private void strayBlock(long address, int size) {
            if (replaying || address == entry) {
                return;
            }
            instructions += size;
            if (budget > 0 && instructions > budget && !exhausted) {
                exhausted = true;
                cpu.stop();
            }
        }

        RunResult run(long begin, long until, RunLimits limits) {
            RunResult r = cpu.run(begin, until, limits);
            if (exhausted && r.reason() == StopReason.STOPPED) {
                return new RunResult(StopReason.BUDGET_EXHAUSTED, r.pc(), -1, null, -1, instructions,
                        r.elapsedNanos());
            }
            if (r.reason() == StopReason.MEMORY_FAULT && r.pc() == lastBlock) {
                return pinpoint(r, until);
            }
            return r;
        }

        /** Re-runs the faulting block instruction by instruction to find the faulting one. */
        private RunResult pinpoint(RunResult blockLevel, long until) {
            replaying = true;
            try {
                cpu.restoreContext(blockStart);
                RunResult exact = cpu.run(lastBlock, until, RunLimits.budget(listing.size() + 1L).counted());
                if (exact.reason() != StopReason.MEMORY_FAULT) {
                    return blockLevel;
                }
                return new RunResult(StopReason.MEMORY_FAULT, exact.pc(), exact.faultAddress(), exact.access(),
                        -1, instructions, blockLevel.elapsedNanos());
            } finally {
                replaying = false;
            }
        }

        @Override
        public void close() {
            blockStart.close();
            for (HookHandle h : hooks) {
                h.close();
            }
        }
    }
}
