package org.kexeclab.engine;

/** The kind of a guest memory access: a load, a store, or an instruction fetch. */
public enum MemoryAccess {
    /** A load. */
    READ,
    /** A store. */
    WRITE,
    /** An instruction fetch. */
    FETCH;

    /** Lower-case name for messages ({@code "read"}, {@code "write"}, {@code "fetch"}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
