package org.kexeclab.engine;

import org.kexeclab.Arch;

/**
 * An instruction set a CPU can execute: one per architecture, plus Thumb on 32-bit ARM. On ARM,
 * {@link #entry(long)} sets bit 0 for Thumb, which is how {@link Cpu#run} selects the state.
 */
public enum ExecutionMode {
    /** x86-64 long mode. */
    X86_64(Arch.X86_64, false),
    /** AArch64 (A64). */
    ARM64(Arch.ARM64, false),
    /** 32-bit ARM, A32 instructions. */
    ARM(Arch.ARM, false),
    /** 32-bit ARM, Thumb-2 instructions. */
    THUMB(Arch.ARM, true),
    /** 32-bit PowerPC, big-endian. */
    PPC32(Arch.PPC32, false),
    /** 64-bit PowerPC, big-endian. */
    PPC64(Arch.PPC64, false);

    private final Arch arch;
    private final boolean thumb;

    ExecutionMode(Arch arch, boolean thumb) {
        this.arch = arch;
        this.thumb = thumb;
    }

    /** The architecture whose CPU runs this mode. */
    public Arch arch() {
        return arch;
    }

    /** True for Thumb. */
    public boolean thumb() {
        return thumb;
    }

    /** The {@code begin} address to pass to {@link Cpu#run} to execute code at {@code address} in this mode. */
    public long entry(long address) {
        return thumb ? address | 1 : address;
    }

    /** Lower-case name ({@code x86_64}, {@code arm64}, {@code arm}, {@code thumb}, {@code ppc32}, {@code ppc64}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
