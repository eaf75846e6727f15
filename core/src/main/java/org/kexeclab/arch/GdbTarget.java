package org.kexeclab.arch;

import java.util.List;
import java.util.Optional;

/**
 * What GDB needs to know about one architecture to debug a run over its remote serial protocol:
 * BFD's name of the architecture, the register features of its target description exactly as
 * GDB's own feature files spell them (names, sizes, numbers, in the order of the {@code g}
 * packet), how each register is read from and written to the project's CPU, and what an ELF file
 * of its code carries beyond the ELF identity ({@link ArchSupport#elf()}). An architecture offers
 * one through {@link ArchSupport#gdbTarget()}; one without it cannot be debugged with GDB.
 */
public interface GdbTarget {

    /** BFD's name of the architecture, as GDB's {@code set architecture} and a description's {@code <architecture>} take it. */
    String architecture();

    /** The features of the target description, in the order GDB numbers their registers. */
    List<GdbFeature> features();

    /** {@code e_flags} of an ELF file holding the architecture's code (its ABI version, where GDB reads one). */
    default int elfFlags() {
        return 0;
    }

    /**
     * The mapping symbol that marks the start of the architecture's instructions in an ELF file
     * (where code of more than one instruction set shares a section), if it has one.
     */
    default Optional<String> codeMappingSymbol() {
        return Optional.empty();
    }

    /**
     * True where GDB expects a watchpoint to stop before the instruction that accesses the data
     * (GDB's "non-steppable" watchpoints: it then steps over that instruction itself to see the new
     * value); false where it expects the stop after it, as debug registers that trap after the
     * access report it.
     */
    default boolean watchpointStopsBeforeAccess() {
        return false;
    }

    /** Every register of every feature, in feature order. */
    default List<GdbRegister> registers() {
        return features().stream().flatMap(f -> f.registers().stream()).toList();
    }
}
