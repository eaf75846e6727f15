package org.kexeclab.image;

import java.util.HexFormat;

/**
 * The outcome of a {@link Verifier} comparison: passed, or the first differing address
 * with the expected and actual bytes of the 16-byte window around it and what the memory
 * there is (e.g. "destination of segment 1, page 3").
 */
public final class VerificationResult {
    /** Bytes shown around a difference. */
    public static final int WINDOW = 16;

    private final boolean passed;
    private final long pagesCompared;
    private final long firstDifference;
    private final long windowStart;
    private final byte[] expected;
    private final byte[] actual;
    private final String where;

    private VerificationResult(boolean passed, long pagesCompared, long firstDifference, long windowStart,
            byte[] expected, byte[] actual, String where) {
        this.passed = passed;
        this.pagesCompared = pagesCompared;
        this.firstDifference = firstDifference;
        this.windowStart = windowStart;
        this.expected = expected;
        this.actual = actual;
        this.where = where;
    }

    static VerificationResult pass(long pagesCompared, String what) {
        return new VerificationResult(true, pagesCompared, -1, -1, new byte[0], new byte[0], what);
    }

    static VerificationResult fail(long pagesCompared, long firstDifference, long windowStart, byte[] expected,
            byte[] actual, String where) {
        return new VerificationResult(false, pagesCompared, firstDifference, windowStart, expected, actual, where);
    }

    /** True if every compared byte matched. */
    public boolean passed() {
        return passed;
    }

    /** Pages compared (up to and including the failing one). */
    public long pagesCompared() {
        return pagesCompared;
    }

    /** The first address whose byte differs, or -1 if passed. */
    public long firstDifference() {
        return firstDifference;
    }

    /** Start of the 16-byte window shown ({@link #expected()}, {@link #actual()}), or -1. */
    public long windowStart() {
        return windowStart;
    }

    /** Expected bytes of the window (empty if passed). */
    public byte[] expected() {
        return expected.clone();
    }

    /** Actual bytes of the window (empty if passed). */
    public byte[] actual() {
        return actual.clone();
    }

    /** What the memory at the difference is (or what was compared, if passed). */
    public String where() {
        return where;
    }

    /** One sentence (two lines of hex on failure). */
    public String describe() {
        if (passed) {
            return String.format("verified: %d pages of %s match", pagesCompared, where);
        }
        HexFormat hex = HexFormat.ofDelimiter(" ");
        return String.format("first difference at 0x%x (%s)%n  expected @0x%x: %s%n  actual   @0x%x: %s",
                firstDifference, where, windowStart, hex.formatHex(expected), windowStart, hex.formatHex(actual));
    }

    @Override
    public String toString() {
        return describe();
    }
}
