package org.kexeclab;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A target architecture of kexec-lab: its name as the CLI spells it, its machine word
 * (the size of one indirection-list entry), its byte order and its page size.
 *
 * <p>Every architecture here uses 4 KiB pages for the kexec indirection list.
 */
public enum Arch {
    /** x86-64, little-endian, 64-bit words. */
    X86_64("x86_64", 8, ByteOrder.LITTLE_ENDIAN, "an", "amd64", "x86-64"),
    /** AArch64 (A64 instruction set), little-endian. */
    ARM64("arm64", 8, ByteOrder.LITTLE_ENDIAN, "an", "aarch64"),
    /** 32-bit ARM (A32, with Thumb entry), little-endian. */
    ARM("arm", 4, ByteOrder.LITTLE_ENDIAN, "an", "armhf"),
    /** 32-bit PowerPC, big-endian. */
    PPC32("ppc32", 4, ByteOrder.BIG_ENDIAN, "a", "powerpc"),
    /** 64-bit PowerPC, big-endian. */
    PPC64("ppc64", 8, ByteOrder.BIG_ENDIAN, "a"),
    /** 64-bit PowerPC, little-endian (today's common distribution target). */
    PPC64LE("ppc64le", 8, ByteOrder.LITTLE_ENDIAN, "a", "ppc64el");

    /** The page size kexec uses on every architecture modelled here. */
    public static final int PAGE_SIZE = 4096;

    /** Every accepted name, lower case: CLI names and aliases. */
    private static final Map<String, Arch> BY_NAME = byName();

    private final String cliName;
    private final int wordSize;
    private final ByteOrder byteOrder;
    private final String article;
    private final List<String> aliases;

    Arch(String cliName, int wordSize, ByteOrder byteOrder, String article, String... aliases) {
        this.cliName = cliName;
        this.wordSize = wordSize;
        this.byteOrder = byteOrder;
        this.article = article;
        this.aliases = List.of(aliases);
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
     * The name with its indefinite article, as a sentence reads it aloud: "an x86_64",
     * "an arm64", "an arm", "a ppc32".
     */
    public String withArticle() {
        return article + " " + cliName;
    }

    /**
     * Other names of this architecture that {@link #fromName} accepts: Debian's
     * ({@code amd64}, {@code armhf}, {@code powerpc}, {@code ppc64el}; also the folders of
     * the kernel cache) and GNU's ({@code aarch64}, {@code x86-64}).
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * The architecture with this CLI name or one of its {@linkplain #aliases() aliases}
     * (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Arch fromName(String name) {
        Arch a = BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "': expected one of "
                    + acceptedNames());
        }
        return a;
    }

    /**
     * Every name {@link #fromName} accepts, for messages: "x86_64, arm64, arm, ppc32, ppc64,
     * ppc64le (or amd64, x86-64, aarch64, armhf, powerpc, ppc64el)".
     */
    public static String acceptedNames() {
        List<String> names = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (Arch a : values()) {
            names.add(a.cliName);
            aliases.addAll(a.aliases);
        }
        return String.join(", ", names) + " (or " + String.join(", ", aliases) + ")";
    }

    private static Map<String, Arch> byName() {
        Map<String, Arch> m = new LinkedHashMap<>();
        for (Arch a : values()) {
            m.put(a.cliName, a);
            for (String alias : a.aliases) {
                m.put(alias, a);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
