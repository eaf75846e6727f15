package org.kexeclab.engine;

/**
 * A CPU register that {@link Cpu#readRegister} and {@link Cpu#writeRegister} accept. Each
 * architecture implements it with an enum of its registers and lists them in its
 * {@link RegisterSet}, which decides which CPU a register belongs to; engines map them to
 * their own numbering.
 */
public interface Register {

    /** Upper-case architectural name ({@code RAX}, {@code X0}, {@code SCTLR_EL1}, {@code R3}). */
    String name();

    /** Width in bits of the value the engine reads and writes (32 or 64). */
    int bits();

    /**
     * The register's index in its {@link RegisterSet} ({@link RegisterSet#all()}), 0 for the
     * first: an enum's own ordinal, which engines use to index their tables without hashing.
     */
    int ordinal();
}
