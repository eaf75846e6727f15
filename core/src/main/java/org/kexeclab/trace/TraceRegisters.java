package org.kexeclab.trace;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/**
 * The registers a trace follows on one architecture, in the architecture's own names and
 * order ({@link RegisterSet#traced()}): the general-purpose registers, the stack pointer and
 * the flags. The program counter is the step's address and is not listed.
 */
public final class TraceRegisters {
    private final Register[] registers;
    private final String[] names;
    private final RegisterSet.Tenet tenet;

    private TraceRegisters(List<Register> registers, List<String> names, RegisterSet.Tenet tenet) {
        this.registers = registers.toArray(new Register[0]);
        this.names = names.toArray(new String[0]);
        this.tenet = tenet;
    }

    /** The followed registers of {@code set}. */
    public static TraceRegisters of(RegisterSet set) {
        return new TraceRegisters(set.traced(), set.tracedNames(), set.tenet().orElse(null));
    }

    /** How Tenet names these registers, if Tenet reads the architecture's traces. */
    public Optional<RegisterSet.Tenet> tenet() {
        return Optional.ofNullable(tenet);
    }

    /** Number of followed registers. */
    public int size() {
        return registers.length;
    }

    /** The followed registers, in order (a copy). */
    public Register[] registers() {
        return registers.clone();
    }

    /** Register {@code i}. */
    public Register register(int i) {
        return registers[i];
    }

    /** Upper-case name of register {@code i} as the architecture's manuals (and Tenet) spell it. */
    public String name(int i) {
        return names[i];
    }

    /** Lower-case name of register {@code i}, as assembly source spells it. */
    public String lowerName(int i) {
        return names[i].toLowerCase(Locale.ROOT);
    }
}
