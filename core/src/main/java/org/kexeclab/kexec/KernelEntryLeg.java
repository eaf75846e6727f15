package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * The leg after relocation when the image's entry is a purgatory: {@link KexecRun#execute}
 * stops at the purgatory's entry, and this continues the same CPU from there to the kernel's
 * entry and checks the boot registers the purgatory had to set. {@link KexecRun} itself is
 * unchanged; an image without purgatory needs no second leg.
 */
public final class KernelEntryLeg {
    /** Instructions a purgatory may take; the project's purgatories take a dozen. */
    public static final long DEFAULT_BUDGET = 10_000;

    private KernelEntryLeg() {
    }

    /**
     * What the purgatory leg did.
     *
     * @param run         how the run from the purgatory's entry ended
     * @param kernelEntry where it had to arrive
     * @param registers   the boot registers as read at the kernel entry (empty if not reached)
     * @param failures    one sentence per failed check (not reached, or a register's value)
     */
    public record Outcome(RunResult run, long kernelEntry, Map<String, Long> registers, List<String> failures) {
        /** Copies the collections. */
        public Outcome {
            registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
            failures = List.copyOf(failures);
        }

        /** True if the kernel entry was reached with every boot register as expected. */
        public boolean verified() {
            return failures.isEmpty();
        }
    }

    /**
     * Runs {@code run}'s CPU from the image's entry (the purgatory) until {@code kernelEntry}
     * and compares each of {@code bootRegisters} (lower-case names, e.g. {@code rsi}) there.
     * Call it after {@link KexecRun#execute} reached the entry.
     *
     * @throws IllegalArgumentException if a register name is not one of the architecture's
     */
    public static Outcome follow(KexecRun run, long kernelEntry, Map<String, Long> bootRegisters, long budget) {
        Arch arch = run.loaded().image().arch();
        Cpu cpu = run.cpu();
        List<Register> regs = new ArrayList<>();
        bootRegisters.keySet().forEach(n -> regs.add(register(arch, cpu.registers(), n)));
        long start = run.loaded().image().entry();
        RunResult r = cpu.run(start, kernelEntry, RunLimits.budget(budget));
        Map<String, Long> seen = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        if (!r.reachedUntil()) {
            failures.add(String.format("the purgatory at 0x%x did not reach the kernel entry 0x%x: %s (pc 0x%x)",
                    start, kernelEntry, r.message(), r.pc()));
            return new Outcome(r, kernelEntry, seen, failures);
        }
        int i = 0;
        for (Map.Entry<String, Long> e : bootRegisters.entrySet()) {
            long v = cpu.readRegister(regs.get(i++)) & mask(arch);
            seen.put(e.getKey(), v);
            if (v != (e.getValue() & mask(arch))) {
                failures.add(String.format("at the kernel entry %s = 0x%x, but the boot protocol wants 0x%x",
                        e.getKey(), v, e.getValue()));
            }
        }
        return new Outcome(r, kernelEntry, seen, failures);
    }

    /** {@link #follow(KexecRun, long, Map, long)} with {@link #DEFAULT_BUDGET}. */
    public static Outcome follow(KexecRun run, long kernelEntry, Map<String, Long> bootRegisters) {
        return follow(run, kernelEntry, bootRegisters, DEFAULT_BUDGET);
    }

    /**
     * The register of {@code arch} called {@code name} (case ignored) in its register set, as
     * {@code LoadPlan.bootRegisters()} names them.
     *
     * @throws IllegalArgumentException if {@code arch} has no such register
     */
    public static Register register(Arch arch, RegisterSet registers, String name) {
        return registers.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "no " + arch + " register is called '" + name + "'"));
    }

    private static long mask(Arch arch) {
        return arch.wordSize() == 4 ? 0xffff_ffffL : -1L;
    }
}
