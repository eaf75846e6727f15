package org.kexeclab.ppc;

import static org.kexeclab.ppc.PpcDisassembler.dot;
import static org.kexeclab.ppc.PpcDisassembler.ra;
import static org.kexeclab.ppc.PpcDisassembler.rb;
import static org.kexeclab.ppc.PpcDisassembler.rt;

import java.util.Map;

/**
 * The text of primary opcode 31 (X, XO and XFX forms) in GNU objdump's words: indexed loads
 * and stores, register arithmetic and logic, compares, shifts, moves to and from special
 * registers, barriers and cache blocks. The extended opcode selects the form; what is not
 * listed here is not known (null).
 */
final class PpcXFormText {
    /** Indexed loads and stores by extended opcode: {@code ldx r3,r4,r5}, {@code stwx r3,0,r5}. */
    private static final Map<Integer, String> INDEXED = Map.ofEntries(
            Map.entry(21, "ldx"), Map.entry(53, "ldux"), Map.entry(149, "stdx"), Map.entry(181, "stdux"),
            Map.entry(23, "lwzx"), Map.entry(55, "lwzux"), Map.entry(151, "stwx"), Map.entry(183, "stwux"),
            Map.entry(87, "lbzx"), Map.entry(119, "lbzux"), Map.entry(215, "stbx"), Map.entry(247, "stbux"),
            Map.entry(279, "lhzx"), Map.entry(407, "sthx"), Map.entry(341, "lwax"),
            Map.entry(534, "lwbrx"), Map.entry(662, "stwbrx"), Map.entry(532, "ldbrx"), Map.entry(660, "stdbrx"));
    /** Vector loads and stores and the permute-control loads: {@code lvx v0,r3,r4}. */
    private static final Map<Integer, String> VECTOR_INDEXED = Map.of(103, "lvx", 231, "stvx", 6, "lvsl", 38, "lvsr");
    /** XO-form arithmetic (9-bit extended opcode): {@code add r3,r4,r5}. */
    private static final Map<Integer, String> ARITHMETIC = Map.ofEntries(
            Map.entry(266, "add"), Map.entry(40, "subf"), Map.entry(10, "addc"), Map.entry(138, "adde"),
            Map.entry(8, "subfc"), Map.entry(136, "subfe"), Map.entry(235, "mullw"), Map.entry(233, "mulld"),
            Map.entry(491, "divw"), Map.entry(459, "divwu"), Map.entry(489, "divd"), Map.entry(457, "divdu"),
            Map.entry(9, "mulhdu"), Map.entry(73, "mulhd"), Map.entry(75, "mulhw"), Map.entry(11, "mulhwu"));
    /** 64-bit-only arithmetic. */
    private static final java.util.Set<Integer> ARITHMETIC_64 = java.util.Set.of(233, 489, 457, 9, 73);
    /** Logic and shifts on rS and rB into rA: {@code and r3,r4,r5}, {@code sld r4,r3,r5}. */
    private static final Map<Integer, String> LOGICAL = Map.ofEntries(
            Map.entry(28, "and"), Map.entry(60, "andc"), Map.entry(444, "or"), Map.entry(316, "xor"),
            Map.entry(124, "nor"), Map.entry(476, "nand"), Map.entry(412, "orc"), Map.entry(284, "eqv"),
            Map.entry(24, "slw"), Map.entry(536, "srw"), Map.entry(792, "sraw"),
            Map.entry(27, "sld"), Map.entry(539, "srd"), Map.entry(794, "srad"));
    /** One-operand logic on rS into rA: {@code extsw r4,r3}. */
    private static final Map<Integer, String> UNARY = Map.of(986, "extsw", 922, "extsh", 954, "extsb",
            26, "cntlzw", 58, "cntlzd");
    /** Cache-block operations on (rA|0)+rB: {@code dcbst 0,r7}. */
    private static final Map<Integer, String> CACHE = Map.of(54, "dcbst", 86, "dcbf", 982, "icbi", 1014, "dcbz");
    private static final java.util.Set<Integer> ONLY_64 = java.util.Set.of(21, 53, 149, 181, 341, 532, 660,
            27, 539, 794, 986, 58, 178);

    private PpcXFormText() {
    }

    /** The text of an opcode-31 word, or null when it is not a known form. */
    static String text(int w, boolean is64) {
        int xo = (w >>> 1) & 0x3ff;
        if (!is64 && ONLY_64.contains(xo)) {
            return null;
        }
        String name;
        if ((name = INDEXED.get(xo)) != null) {
            boolean invalidUpdate = name.endsWith("ux") && (ra(w) == 0 || ra(w) == rt(w) && name.startsWith("l"));
            return (w & 1) == 0 && !invalidUpdate ? String.format("%s r%d,%s,r%d", name, rt(w), base(w), rb(w)) : null;
        }
        if ((name = VECTOR_INDEXED.get(xo)) != null) {
            return (w & 1) == 0 ? String.format("%s v%d,%s,r%d", name, rt(w), base(w), rb(w)) : null;
        }
        if ((name = LOGICAL.get(xo)) != null) {
            return logical(name, w);
        }
        if ((name = UNARY.get(xo)) != null) {
            return rb(w) == 0 ? String.format("%s%s r%d,r%d", name, dot(w), ra(w), rt(w)) : null;
        }
        if ((name = CACHE.get(xo)) != null) {
            return rt(w) == 0 && (w & 1) == 0 ? String.format("%s %s,r%d", name, base(w), rb(w)) : null;
        }
        String other = other(w, xo, is64);
        return other != null ? other : arithmetic(w, is64);
    }

    /** The base register of an indexed address: {@code 0} for r0, as the ISA reads it there. */
    private static String base(int w) {
        return ra(w) == 0 ? "0" : "r" + ra(w);
    }

    private static String logical(String name, int w) {
        int s = rt(w);
        int b = rb(w);
        if (s == b && name.equals("or")) {
            return String.format("mr%s r%d,r%d", dot(w), ra(w), s);
        }
        if (s == b && name.equals("nor")) {
            return String.format("not%s r%d,r%d", dot(w), ra(w), s);
        }
        return String.format("%s%s r%d,r%d,r%d", name, dot(w), ra(w), s, b);
    }

    private static String arithmetic(int w, boolean is64) {
        int xo = (w >>> 1) & 0x1ff;
        if ((w & 0x400) != 0) {
            return null; // the overflow-recording forms (addo, ...) are not listed
        }
        if (xo == 104) {
            return rb(w) == 0 ? String.format("neg%s r%d,r%d", dot(w), rt(w), ra(w)) : null;
        }
        String name = ARITHMETIC.get(xo);
        if (name == null || !is64 && ARITHMETIC_64.contains(xo)) {
            return null;
        }
        return String.format("%s%s r%d,r%d,r%d", name, dot(w), rt(w), ra(w), rb(w));
    }

    /** Compares, shifts by an immediate, special registers and barriers. */
    private static String other(int w, int xo, boolean is64) {
        return switch (xo) {
            case 0, 32 -> compare(w, xo == 0 ? "cmp" : "cmpl", is64);
            case 824 -> String.format("srawi%s r%d,r%d,%d", dot(w), ra(w), rt(w), rb(w));
            case 826, 827 -> is64 ? String.format("sradi%s r%d,r%d,%d", dot(w), ra(w), rt(w),
                    rb(w) | (w & 2) << 4) : null;
            case 339, 467 -> PpcSprNames.move(w, xo == 467);
            case 83 -> (w & 0x001ff801) == 0 ? "mfmsr r" + rt(w) : null;
            case 146, 178 -> moveToMsr(w, xo == 146 ? "mtmsr" : "mtmsrd");
            case 19 -> (w & 0x001ff801) == 0 ? "mfcr r" + rt(w) : null;
            case 144 -> moveToCr(w);
            case 598 -> sync(w);
            case 854 -> w == 0x7c0006ac ? "eieio" : null;
            case 4 -> w == 0x7fe00008 ? "trap" : null;
            default -> null;
        };
    }

    private static String compare(int w, String name, boolean is64) {
        boolean l = (w & 0x00200000) != 0;
        if ((w & 0x00400001) != 0 || l && !is64) {
            return null;
        }
        return String.format("%s%s %sr%d,r%d", name, l ? "d" : "w", PpcDisassembler.crField(rt(w) >>> 2), ra(w), rb(w));
    }

    private static String moveToMsr(int w, String name) {
        if ((w & 0x001ef801) != 0) {
            return null;
        }
        return (w & 0x00010000) != 0 ? name + " r" + rt(w) + ",1" : name + " r" + rt(w);
    }

    private static String moveToCr(int w) {
        int mask = (w >>> 12) & 0xff;
        if ((w & 0x00000801) != 0) {
            return null;
        }
        if ((w & 0x00100000) != 0) {
            return Integer.bitCount(mask) == 1 ? "mtocrf " + mask + ",r" + rt(w) : null;
        }
        return mask == 0xff ? "mtcr r" + rt(w) : "mtcrf " + mask + ",r" + rt(w);
    }

    private static String sync(int w) {
        return switch (w) {
            case 0x7c0004ac -> "hwsync";
            case 0x7c2004ac -> "lwsync";
            case 0x7c4004ac -> "ptesync";
            default -> null;
        };
    }
}
