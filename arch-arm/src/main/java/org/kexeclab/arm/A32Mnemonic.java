package org.kexeclab.arm;

/**
 * An A32 mnemonic split into its parts, GNU divided syntax (as's default for {@code .arm}):
 * {@code base{cond}{s}}, {@code ldm/stm{cond}{mode}}, {@code ldr/str{cond}{b}}.
 *
 * @param base      the operation ({@code add}, {@code ldm}, {@code b}, ...)
 * @param cond      the 4-bit condition field (14 = always)
 * @param suffix    what follows the condition: {@code ""}, {@code "s"}, {@code "b"}, or an
 *                  addressing mode ({@code ia}, {@code ib}, {@code da}, {@code db}, {@code fd})
 */
public record A32Mnemonic(String base, int cond, String suffix) {

    private static final String[] CONDITIONS = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"};

    /** The condition code for a two-letter name ({@code hs} = {@code cs}, {@code lo} = {@code cc}), or -1. */
    public static int condition(String name) {
        if (name.equals("hs")) {
            return 2;
        }
        if (name.equals("lo")) {
            return 3;
        }
        for (int i = 0; i < CONDITIONS.length; i++) {
            if (CONDITIONS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Splits {@code mnemonic} as {@code base} + optional condition + a suffix from
     * {@code suffixes} (which should contain {@code ""} if none is allowed).
     *
     * @return the parts, or null if the mnemonic does not have that shape
     */
    public static A32Mnemonic split(String mnemonic, String base, String... suffixes) {
        if (!mnemonic.startsWith(base)) {
            return null;
        }
        String rest = mnemonic.substring(base.length());
        int cond = 14;
        if (rest.length() >= 2 && condition(rest.substring(0, 2)) >= 0 && accepts(rest.substring(2), suffixes)) {
            cond = condition(rest.substring(0, 2));
            rest = rest.substring(2);
        }
        return accepts(rest, suffixes) ? new A32Mnemonic(base, cond, rest) : null;
    }

    private static boolean accepts(String rest, String... suffixes) {
        for (String s : suffixes) {
            if (s.equals(rest)) {
                return true;
            }
        }
        return false;
    }

    /** True if the {@code s} (set flags) suffix was written. */
    public boolean setsFlags() {
        return suffix.equals("s");
    }
}
