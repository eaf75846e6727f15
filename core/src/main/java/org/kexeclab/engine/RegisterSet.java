package org.kexeclab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every register of one architecture's CPUs, by name, with the architecture's view of them:
 * the program counter, the registers a trace follows (and their display names), and how the
 * trace explorer Tenet names them, if it reads the architecture. A register belongs to a CPU
 * when it is in that CPU's set ({@link #contains}); architectures that share a register file
 * (the byte orders of one instruction set) share one set.
 */
public final class RegisterSet {
    private final Register[] all;
    private final Register pc;
    private final List<Register> traced;
    private final List<String> tracedNames;
    private final Tenet tenet;
    private final Map<String, Register> byName = new HashMap<>();

    private RegisterSet(Register[] all, Register pc, List<Register> traced, List<String> tracedNames, Tenet tenet) {
        this.all = all.clone();
        for (int i = 0; i < this.all.length; i++) {
            if (this.all[i].ordinal() != i) {
                throw new IllegalArgumentException("register " + this.all[i].name() + " has ordinal "
                        + this.all[i].ordinal() + " but is at index " + i + " of its set");
            }
            byName.put(this.all[i].name(), this.all[i]);
        }
        this.pc = pc;
        this.traced = List.copyOf(traced);
        this.tracedNames = List.copyOf(tracedNames);
        this.tenet = tenet;
    }

    /**
     * A set of {@code all} (an enum's values, in ordinal order) whose program counter is
     * {@code pc}; add the followed registers with {@link Builder#traced}.
     */
    public static Builder of(Register[] all, Register pc) {
        return new Builder(all, pc);
    }

    /** True if {@code register} is one of this set's. */
    public boolean contains(Register register) {
        int i = register.ordinal();
        return i < all.length && all[i] == register;
    }

    /** Every register, in index order. */
    public List<Register> all() {
        return Collections.unmodifiableList(Arrays.asList(all));
    }

    /** The register called {@code name} (case ignored), if there is one. */
    public Optional<Register> byName(String name) {
        return Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The program counter (the step's address in a trace; not among {@link #traced()}). */
    public Register pc() {
        return pc;
    }

    /**
     * The registers a trace follows, in the architecture's own order: the general-purpose
     * registers, the stack pointer and the flags.
     */
    public List<Register> traced() {
        return traced;
    }

    /** The upper-case names a trace shows for {@link #traced()}, in the same order. */
    public List<String> tracedNames() {
        return tracedNames;
    }

    /** How Tenet names this architecture's registers, if Tenet reads its traces. */
    public Optional<Tenet> tenet() {
        return Optional.ofNullable(tenet);
    }

    /**
     * The names of Tenet's architecture definition ({@code trace/arch/*.py} of the trace explorer):
     * its name for the architecture, which traced registers it knows (by their trace names), its
     * name of the instruction pointer, and where the definition is if released Tenet lacks it.
     *
     * @param architecture Tenet's name of the architecture
     * @param registers    the {@link #tracedNames()} Tenet knows; the rest are left out of its traces
     * @param pc           Tenet's name of the instruction pointer, on every line
     * @param caveat       empty if released Tenet reads these traces, else what a reader needs to know,
     *                     as the end of a sentence about the architecture ("loads only in Tenet's
     *                     unmerged ... branch")
     */
    public record Tenet(String architecture, Set<String> registers, String pc, String caveat) {
        /** Copies the names. */
        public Tenet {
            registers = Set.copyOf(registers);
        }

        /** A definition released Tenet has. */
        public Tenet(String architecture, Set<String> registers, String pc) {
            this(architecture, registers, pc, "");
        }
    }

    /** Builds a {@link RegisterSet}. */
    public static final class Builder {
        private final Register[] all;
        private final Register pc;
        private final Map<Register, String> traced = new LinkedHashMap<>();
        private Tenet tenet;

        private Builder(Register[] all, Register pc) {
            this.all = all;
            this.pc = pc;
        }

        /** Follows {@code register} in traces, shown as its own name. */
        public Builder traced(Register register) {
            return traced(register, register.name());
        }

        /** Follows {@code register} in traces, shown as {@code name} (upper case). */
        public Builder traced(Register register, String name) {
            traced.put(register, name);
            return this;
        }

        /** Follows every register of {@code registers} in traces, each shown as its own name. */
        public Builder traced(List<? extends Register> registers) {
            registers.forEach(this::traced);
            return this;
        }

        /** Says how Tenet names the registers. */
        public Builder tenet(Tenet names) {
            this.tenet = names;
            return this;
        }

        /** The set. */
        public RegisterSet build() {
            return new RegisterSet(all, pc, new ArrayList<>(traced.keySet()), new ArrayList<>(traced.values()), tenet);
        }
    }
}
