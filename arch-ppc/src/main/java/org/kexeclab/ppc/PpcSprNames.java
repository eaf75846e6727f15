package org.kexeclab.ppc;

import java.util.Map;

/**
 * Moves to and from special-purpose registers ({@code mfspr}, {@code mtspr}) as GNU objdump
 * writes them: by the register's name where the ISA gives one the relocation code uses
 * ({@code mflr r0}, {@code mtsrr0 r9}, {@code mtlpcr r3}), {@code mfsprg r3,0} for the SPRGs.
 * A register not named here is not known (null), rather than a number objdump would name.
 */
final class PpcSprNames {
    /** SPR number to name, for both directions. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "xer"), Map.entry(8, "lr"), Map.entry(9, "ctr"), Map.entry(13, "uamr"), Map.entry(29, "amr"),
            Map.entry(18, "dsisr"), Map.entry(19, "dar"), Map.entry(22, "dec"), Map.entry(25, "sdr1"),
            Map.entry(26, "srr0"), Map.entry(27, "srr1"), Map.entry(61, "iamr"), Map.entry(157, "uamor"),
            Map.entry(186, "rpr"), Map.entry(187, "ciabr"), Map.entry(310, "hdec"), Map.entry(314, "hsrr0"),
            Map.entry(315, "hsrr1"), Map.entry(318, "lpcr"), Map.entry(319, "lpidr"), Map.entry(338, "pcr"),
            Map.entry(464, "ptcr"));
    /** Read-only registers: only {@code mf} has a name. */
    private static final Map<Integer, String> READ_ONLY = Map.of(287, "pvr", 1023, "pir");

    private PpcSprNames() {
    }

    /** The text of an {@code mfspr} ({@code to} false) or {@code mtspr} word, or null. */
    static String move(int w, boolean to) {
        if ((w & 1) != 0) {
            return null;
        }
        int spr = ((w >>> 16) & 31) | ((w >>> 11) & 31) << 5;
        int r = PpcDisassembler.rt(w);
        if (spr >= 272 && spr <= 275) {
            return to ? "mtsprg " + (spr - 272) + ",r" + r : "mfsprg r" + r + "," + (spr - 272);
        }
        String name = NAMES.get(spr);
        if (name == null && !to) {
            name = READ_ONLY.get(spr);
        }
        if (name == null) {
            return null;
        }
        return (to ? "mt" : "mf") + name + " r" + r;
    }
}
