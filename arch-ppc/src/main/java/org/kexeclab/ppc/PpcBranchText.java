package org.kexeclab.ppc;

/**
 * The text of PowerPC branches ({@code b}, {@code bc}, {@code bclr}, {@code bcctr}) and the
 * rest of primary opcode 19 ({@code isync}, {@code rfid}), in GNU objdump's words: the BO field
 * picks the mnemonic ({@code beq}, {@code bne-}, {@code bdnz}, {@code bdnzf}), the BI field the
 * condition bit ({@code cr7}, or {@code 4*cr7+so} where the mnemonic does not name the
 * condition), and a relative target is written as the address it reaches.
 */
final class PpcBranchText {
    private static final String[] TRUE_NAMES = {"blt", "bgt", "beq", "bso"};
    private static final String[] FALSE_NAMES = {"bge", "ble", "bne", "bns"};
    private static final String[] BITS = {"lt", "gt", "eq", "so"};

    private PpcBranchText() {
    }

    /** {@code b}/{@code bl}/{@code ba}/{@code bla} (opcode 18) and {@code bc} (opcode 16) at {@code pc}. */
    static String branch(int w, long pc, boolean is64) {
        boolean absolute = (w & 2) != 0;
        String link = (w & 1) != 0 ? "l" : "";
        String a = absolute ? "a" : "";
        long displacement = (w >>> 26) == 18 ? ((long) (w & 0x03fffffc) << 38) >> 38 : (short) (w & 0xfffc);
        long target = absolute ? displacement & 0xffffffffL : pc + displacement;
        if (!is64) {
            target &= 0xffffffffL;
        }
        String where = String.format("0x%x", target);
        if ((w >>> 26) == 18) {
            return "b" + link + a + " " + where;
        }
        String cond = conditional((w >>> 21) & 31, (w >>> 16) & 31, "", link + a);
        return cond == null ? null : cond + where;
    }

    /** Opcode 19: {@code bclr}/{@code bcctr} with their condition names, {@code isync}, {@code rfi}, {@code rfid}. */
    static String group19(int w) {
        int xo = (w >>> 1) & 0x3ff;
        String plain = switch (xo) {
            case 150 -> "isync";
            case 18 -> "rfid";
            case 50 -> "rfi";
            default -> null;
        };
        if (plain != null) {
            return (w & 0x03fff801) == 0 ? plain : null;
        }
        if (xo != 16 && xo != 528 || (w & 0x0000f800) != 0) {
            return null; // not a branch to LR or CTR, or one with a BH hint or reserved bits set
        }
        int bo = (w >>> 21) & 31;
        if (xo == 528 && (bo & 4) == 0) {
            return null; // a branch to CTR that also decrements CTR is invalid
        }
        String text = conditional(bo, (w >>> 16) & 31, xo == 16 ? "lr" : "ctr", (w & 1) != 0 ? "l" : "");
        return text == null ? null : text.strip().replaceAll(",$", "");
    }

    /**
     * The mnemonic and condition operand of a conditional branch, ending with a space or a comma
     * so the target can follow ({@code "beq cr7,"}, {@code "bdnz "}), or null for a BO value
     * objdump does not name.
     *
     * @param to     {@code ""} for {@code bc}, {@code "lr"} or {@code "ctr"} for the register forms
     * @param suffix {@code l} and/or {@code a}
     */
    private static String conditional(int bo, int bi, String to, String suffix) {
        int field = bi >>> 2;
        int bit = bi & 3;
        String hint = hint(bo);
        if ((bo & 0x14) == 0x14) { // branch always
            if (bo != 20) {
                return null;
            }
            return to.isEmpty() ? "bc" + suffix + " 20," + crBit(bi) + "," : (bi == 0 ? "b" + to + suffix + " " : null);
        }
        if ((bo & 0x04) != 0) { // on a condition bit, CTR untouched
            if (hint == null) {
                return null;
            }
            String name = ((bo & 0x08) != 0 ? TRUE_NAMES : FALSE_NAMES)[bit];
            return name + to + suffix + hint + " " + PpcDisassembler.crField(field);
        }
        if ((bo & 0x10) != 0) { // on CTR alone
            if ((bo & 0x09) == 0x01) {
                return null; // a "taken" hint without its "a" bit is reserved
            }
            String name = (bo & 0x02) != 0 ? "bdz" : "bdnz";
            if (bi != 0 || hint == null) {
                return bi != 0 && to.isEmpty() ? "bc" + suffix + ctrHint(bo) + " " + bo + "," + crBit(bi) + "," : null;
            }
            return name + to + suffix + ctrHint(bo) + " ";
        }
        if ((bo & 0x01) != 0) {
            return null; // the z bit of a CTR-and-condition branch must be 0
        }
        String name = ((bo & 0x02) != 0 ? "bdz" : "bdnz") + ((bo & 0x08) != 0 ? "t" : "f");
        return name + to + suffix + " " + crBit(bi) + ",";
    }

    /** The prediction suffix of a branch on a condition bit ({@code at} bits of BO), null if reserved. */
    private static String hint(int bo) {
        return switch (bo & 3) {
            case 0 -> "";
            case 2 -> "-";
            case 3 -> "+";
            default -> null;
        };
    }

    /** The prediction suffix of a branch on CTR ({@code a} bit 3, {@code t} bit 0 of BO). */
    private static String ctrHint(int bo) {
        return (bo & 0x08) == 0 ? "" : (bo & 1) == 0 ? "-" : "+";
    }

    /** A condition register bit as objdump writes it: {@code eq} in cr0, {@code 4*cr7+so} elsewhere. */
    private static String crBit(int bi) {
        int field = bi >>> 2;
        return field == 0 ? BITS[bi & 3] : "4*cr" + field + "+" + BITS[bi & 3];
    }
}
