package org.kexeclab;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A target architecture of kexec-lab as every architecture-neutral part of it sees one: its
 * name as users type it (and the article a sentence puts before it), its machine word (the
 * size of one indirection-list entry), its byte order and its page size. A value: two architectures are equal when their names are. What an
 * architecture is beyond these four facts is its {@code org.kexeclab.arch.ArchSupport}'s
 * business; each arch module defines its architectures as constants.
 */
public final class Arch {
    /** The page size kexec uses for the indirection list on every architecture modelled so far. */
    public static final int PAGE_SIZE = 4096;

    private final String name;
    private final String article;
    private final int wordSize;
    private final ByteOrder byteOrder;
    private final int pageSize;

    /**
     * An architecture whose name takes "an" if it starts with a vowel, else "a".
     *
     * @param name      the name users type ({@code [a-z0-9_]+})
     * @param wordSize  bytes in a machine word: 4 or 8
     * @param byteOrder the byte order of data
     * @param pageSize  the page size kexec uses: a power of two of at least 4 KiB
     */
    public Arch(String name, int wordSize, ByteOrder byteOrder, int pageSize) {
        this(name, "aeiou".indexOf(name.isEmpty() ? '?' : name.charAt(0)) >= 0 ? "an" : "a", wordSize, byteOrder,
                pageSize);
    }

    /**
     * @param name      the name users type ({@code [a-z0-9_]+})
     * @param article   "a" or "an": the indefinite article of the name read aloud (a name
     *                  that starts with a consonant may still read with a vowel sound)
     * @param wordSize  bytes in a machine word: 4 or 8
     * @param byteOrder the byte order of data
     * @param pageSize  the page size kexec uses: a power of two of at least 4 KiB
     */
    public Arch(String name, String article, int wordSize, ByteOrder byteOrder, int pageSize) {
        if (!article.equals("a") && !article.equals("an")) {
            throw new IllegalArgumentException("an article is \"a\" or \"an\", not '" + article + "'");
        }
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("an architecture's name is lower-case letters, digits and _, not '"
                    + name + "'");
        }
        if (wordSize != 4 && wordSize != 8) {
            throw new IllegalArgumentException("a machine word is 4 or 8 bytes, not " + wordSize);
        }
        if (pageSize < PAGE_SIZE || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("a page is a power of two of at least 4 KiB, not " + pageSize + " bytes");
        }
        this.name = name;
        this.article = article;
        this.wordSize = wordSize;
        this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
        this.pageSize = pageSize;
    }

    /** The name users type ({@code --arch NAME}), and what {@link #toString()} returns. */
    public String name() {
        return name;
    }

    /**
     * The name with its indefinite article, as a sentence reads it aloud ("an ARCH kernel").
     */
    public String withArticle() {
        return article + " " + name;
    }

    /** Bytes in one machine word, and so in one indirection-list entry: 4 or 8. */
    public int wordSize() {
        return wordSize;
    }

    /** The target's byte order. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The page size kexec's indirection list and segments use. */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Arch a && a.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
