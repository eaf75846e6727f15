package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.engine.RunResult;
import org.kexeclab.image.VerificationResult;

/**
 * What one kexec run did and whether it did it right: how the stub's run ended, what it
 * cost, the registers at the new kernel's entry and every check against the oracle.
 *
 * @param arch               the architecture
 * @param engine             the engine and its version
 * @param stubBytes          size of the relocation stub's code and data
 * @param listEntries        entries in the indirection list (0 for a crash image)
 * @param pagesToCopy        source pages the list names
 * @param relocation         how the run from the stub's first instruction ended
 * @param relocationFailure  when the entry was not reached: one sentence saying what stopped the
 *                           stub and where (source line of the stub), else null
 * @param entry              the image's entry point
 * @param instructions       instructions the stub executed (-1 when not counted; a repeated
 *                           instruction counts once per iteration when its
 *                           {@link MachineKexec#repeatedInstructions} names it, else once per
 *                           engine block at it, i.e. iterations + 1)
 * @param pagesCopied        pages the stub's copy routine was entered for (-1 when not counted)
 * @param entryRegisters     registers at the entry point, in the architecture's own names
 * @param registerFailures   one sentence per boot-protocol register that held the wrong value
 * @param destinations       destination memory against the oracle (null if entry not reached)
 * @param swappedSources     source pages against the oracle after a swap (null unless swapping)
 * @param machineFailures    architecture checks that failed ({@link MachineKexec#checkMachineState}),
 *                           one sentence each
 * @param probe              the entry probe's record (null when the image carries no probe or it
 *                           was not run)
 * @param probeFailure       why the probe did not pass, or null
 * @param elapsedNanos       wall-clock time of the stub's run inside the engine
 */
public record KexecOutcome(Arch arch, String engine, int stubBytes, int listEntries, long pagesToCopy,
                           RunResult relocation, String relocationFailure, long entry, long instructions, long pagesCopied,
                           Map<String, Long> entryRegisters, List<String> registerFailures,
                           VerificationResult destinations, VerificationResult swappedSources,
                           List<String> machineFailures, EntryProbe.Record probe, String probeFailure,
                           long elapsedNanos) {

    /** True if the stub reached the entry point. */
    public boolean reachedEntry() {
        return relocation.reachedUntil();
    }

    /** True if the entry was reached and every check held. */
    public boolean verified() {
        return failures().isEmpty();
    }

    /** Every failed check, one sentence each, in the order a person should read them. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (!reachedEntry()) {
            out.add(relocationFailure);
            return out;
        }
        if (destinations != null && !destinations.passed()) {
            out.add("destination memory differs from the oracle: " + destinations.describe());
        }
        if (swappedSources != null && !swappedSources.passed()) {
            out.add("swapped source pages differ from the oracle: " + swappedSources.describe());
        }
        out.addAll(registerFailures);
        out.addAll(machineFailures);
        if (probeFailure != null) {
            out.add(probeFailure);
        }
        return out;
    }

    /** The first failure as one sentence, or null when verified. */
    public String failure() {
        List<String> f = failures();
        return f.isEmpty() ? null : f.get(0);
    }

    /** A builder: a run fills in its outcome part by part, each by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link KexecOutcome}; what is not set is 0, null or empty. */
    public static final class Builder {
        private Arch arch;
        private String engine;
        private int stubBytes;
        private int listEntries;
        private long pagesToCopy;
        private RunResult relocation;
        private String relocationFailure;
        private long entry;
        private long instructions = -1;
        private long pagesCopied = -1;
        private Map<String, Long> entryRegisters = Map.of();
        private List<String> registerFailures = List.of();
        private VerificationResult destinations;
        private VerificationResult swappedSources;
        private List<String> machineFailures = List.of();
        private EntryProbe.Record probe;
        private String probeFailure;
        private long elapsedNanos;

        private Builder() {
        }

        /** The architecture and the engine (name and version) that ran it. */
        public Builder machine(Arch arch, String engine) {
            this.arch = arch;
            this.engine = engine;
            return this;
        }

        /** The stub's size and the image's list: entries and source pages. */
        public Builder image(int stubBytes, int listEntries, long pagesToCopy, long entry) {
            this.stubBytes = stubBytes;
            this.listEntries = listEntries;
            this.pagesToCopy = pagesToCopy;
            this.entry = entry;
            return this;
        }

        /** How the stub's run ended, why it did not reach the entry (null if it did), and its time. */
        public Builder relocation(RunResult relocation, String relocationFailure, long elapsedNanos) {
            this.relocation = relocation;
            this.relocationFailure = relocationFailure;
            this.elapsedNanos = elapsedNanos;
            return this;
        }

        /** Instructions and copied pages the run was counted at (-1 when not counted). */
        public Builder counts(long instructions, long pagesCopied) {
            this.instructions = instructions;
            this.pagesCopied = pagesCopied;
            return this;
        }

        /** The registers at the entry and the boot-protocol sentences about them. */
        public Builder entryRegisters(Map<String, Long> entryRegisters, List<String> registerFailures) {
            this.entryRegisters = entryRegisters;
            this.registerFailures = registerFailures;
            return this;
        }

        /** Destination memory, and swapped sources (null unless swapping), against the oracle. */
        public Builder memory(VerificationResult destinations, VerificationResult swappedSources) {
            this.destinations = destinations;
            this.swappedSources = swappedSources;
            return this;
        }

        /** The architecture's machine-state checks that failed. */
        public Builder machineFailures(List<String> machineFailures) {
            this.machineFailures = machineFailures;
            return this;
        }

        /** The entry probe's record and why it did not pass (both null when none ran). */
        public Builder probe(EntryProbe.Record probe, String probeFailure) {
            this.probe = probe;
            this.probeFailure = probeFailure;
            return this;
        }

        /** The outcome. */
        public KexecOutcome build() {
            return new KexecOutcome(arch, engine, stubBytes, listEntries, pagesToCopy, relocation, relocationFailure,
                    entry, instructions, pagesCopied, entryRegisters, registerFailures, destinations, swappedSources,
                    machineFailures, probe, probeFailure, elapsedNanos);
        }
    }
}
