package org.kexeclab;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * A target architecture of kexec-lab: its name as the CLI spells it, its machine word
 * (the size of one indirection-list entry), its byte order and its page size.
 *
 * <p>Every architecture here uses 4 KiB pages for the kexec indirection list.
 */
public enum Arch {
    /** x86-64, little-endian, 64-bit words. */
    X86_64("x86_64", 8, ByteOrder.LITTLE_ENDIAN),
    /** AArch64 (A64 instruction set), little-endian. */
    ARM64("arm64", 8, ByteOrder.LITTLE_ENDIAN),
    /** 32-bit ARM (A32, with Thumb entry), little-endian. */
    ARM("arm", 4, ByteOrder.LITTLE_ENDIAN),
    /** 32-bit PowerPC, big-endian. */
    PPC32("ppc32", 4, ByteOrder.BIG_ENDIAN),
    /** 64-bit PowerPC, big-endian. */
    PPC64("ppc64", 8, ByteOrder.BIG_ENDIAN),
    /** 64-bit PowerPC, little-endian (today's common distribution target). */
    PPC64LE("ppc64le", 8, ByteOrder.LITTLE_ENDIAN);

    /** The page size kexec uses on every architecture modelled here. */
    public static final int PAGE_SIZE = 4096;

    private final String cliName;
    private final int wordSize;
    private final ByteOrder byteOrder;

    Arch(String cliName, int wordSize, ByteOrder byteOrder) {
        this.cliName = cliName;
        this.wordSize = wordSize;
        this.byteOrder = byteOrder;
    }

    /** The name users type ({@code x86_64}, {@code arm64}, {@code arm}, {@code ppc32}, ...). */
    public String cliName() {
        return cliName;
    }

    /** Bytes in one machine word, and so in one indirection-list entry: 4 or 8. */
    public int wordSize() {
        return wordSize;
    }

    /** The target's byte order. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** {@link #PAGE_SIZE}. */
    public int pageSize() {
        return PAGE_SIZE;
    }

    /**
     * The architecture with this CLI name (case-insensitive; {@code aarch64} and
     * {@code x86-64} are accepted as aliases).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Arch fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "aarch64": return ARM64;
            case "x86-64": case "amd64": return X86_64;
            case "powerpc": return PPC32;
            default: break;
        }
        for (Arch a : values()) {
            if (a.cliName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name
                + "': expected one of x86_64, arm64, arm, ppc32, ppc64, ppc64le");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
