package org.kexeclab.ppc;

import java.nio.ByteOrder;
import org.kexeclab.asm.Disassembler;

/**
 * A Power ISA disassembler for listings of code kexec-lab did not assemble: the kernel's own
 * {@code kexec_sequence} and the compiled C it calls, and the project's stubs. It writes what
 * GNU objdump writes ({@code ld r3,8(r4)}, {@code clrldi r3,r4,2}, {@code bne cr7,0x1010},
 * {@code mtsrr0 r9}), extended mnemonics included, so a listing reads like the kernel
 * developer's own tools; a word it does not know is shown as {@code .long 0x...}, never guessed.
 *
 * <p>The primary opcode selects the form; opcode 31's X/XO forms are in {@link PpcXFormText},
 * branches and opcode 19 in {@link PpcBranchText}. In 32-bit mode the 64-bit-only forms
 * ({@code ld}, {@code rldicl}, {@code cmpd}, ...) are data, as objdump shows them for a 32-bit
 * machine. Fields are named as in the Power ISA; bit numbers are least-significant-first.
 */
public final class PpcDisassembler implements Disassembler {
    private final ByteOrder order;
    private final boolean is64;

    /**
     * @param order the byte order of the code (little for ppc64le)
     * @param is64  whether 64-bit forms exist (ppc64, ppc64le)
     */
    public PpcDisassembler(ByteOrder order, boolean is64) {
        this.order = order;
        this.is64 = is64;
    }

    /** The disassembler for one of the PowerPC architectures: its byte order and word size. */
    public static PpcDisassembler forArch(org.kexeclab.Arch arch) {
        return new PpcDisassembler(arch.byteOrder(), arch.wordSize() == 8);
    }

    @Override
    public Instruction decode(byte[] code, int offset, long address) {
        if (code.length - offset < 4) {
            return new Instruction(1, String.format(".byte 0x%02x", code[offset] & 0xff));
        }
        return new Instruction(4, describe(java.nio.ByteBuffer.wrap(code, offset, 4).order(order).getInt(), address));
    }

    /** The text of one instruction word at {@code pc}, or {@code .long 0x...} when it is not a known form. */
    public String describe(int w, long pc) {
        String text = text(w, pc);
        return text != null ? text : String.format(".long 0x%x", w);
    }

    /** The text of one instruction word at {@code pc}, or null when it is not a known form. */
    public String text(int w, long pc) {
        int op = w >>> 26;
        return switch (op) {
            case 4 -> vector(w);
            case 16, 18 -> PpcBranchText.branch(w, pc, is64);
            case 17 -> w == 0x44000002 ? "sc" : (w & 0x03fff01f) == 2 ? "sc " + ((w >>> 5) & 0x7f) : null;
            case 19 -> PpcBranchText.group19(w);
            case 31 -> PpcXFormText.text(w, is64);
            case 7, 8, 12, 13, 14, 15 -> arithmeticImmediate(op, w);
            case 10, 11 -> compareImmediate(op, w);
            case 24, 25, 26, 27, 28, 29 -> logicalImmediate(op, w);
            case 21 -> rlwinm(w);
            case 20 -> rotate("rlwimi", w, rs(w), sh(w), mb(w), me(w));
            case 30 -> is64 ? rotate64(w) : null;
            case 58, 62 -> is64 ? dsForm(op, w) : null;
            default -> dForm(op, w);
        };
    }

    static int rt(int w) {
        return (w >>> 21) & 31;
    }

    static int ra(int w) {
        return (w >>> 16) & 31;
    }

    static int rb(int w) {
        return (w >>> 11) & 31;
    }

    private static int rs(int w) {
        return rt(w);
    }

    private static int sh(int w) {
        return rb(w);
    }

    private static int mb(int w) {
        return (w >>> 6) & 31;
    }

    private static int me(int w) {
        return (w >>> 1) & 31;
    }

    static String dot(int w) {
        return (w & 1) != 0 ? "." : "";
    }

    /** A condition register field operand followed by a comma, empty for cr0 (objdump leaves it out). */
    static String crField(int bf) {
        return bf == 0 ? "" : "cr" + bf + ",";
    }

    private static String arithmeticImmediate(int op, int w) {
        int t = rt(w);
        int a = ra(w);
        short si = (short) w;
        return switch (op) {
            case 7 -> String.format("mulli r%d,r%d,%d", t, a, si);
            case 8 -> String.format("subfic r%d,r%d,%d", t, a, si);
            case 12 -> String.format("addic r%d,r%d,%d", t, a, si);
            case 13 -> String.format("addic. r%d,r%d,%d", t, a, si);
            case 14 -> a == 0 ? String.format("li r%d,%d", t, si) : String.format("addi r%d,r%d,%d", t, a, si);
            default -> a == 0 ? String.format("lis r%d,%d", t, si) : String.format("addis r%d,r%d,%d", t, a, si);
        };
    }

    private String compareImmediate(int op, int w) {
        int bf = rt(w) >>> 2;
        boolean l = (w & 0x00200000) != 0;
        if ((w & 0x00400000) != 0 || l && !is64) {
            return null;
        }
        String width = l ? "d" : "w";
        return op == 11
                ? String.format("cmp%si %sr%d,%d", width, crField(bf), ra(w), (short) w)
                : String.format("cmpl%si %sr%d,%d", width, crField(bf), ra(w), w & 0xffff);
    }

    private static String logicalImmediate(int op, int w) {
        if (op == 24 && w == 0x60000000) {
            return "nop";
        }
        String name = switch (op) {
            case 24 -> "ori";
            case 25 -> "oris";
            case 26 -> "xori";
            case 27 -> "xoris";
            case 28 -> "andi.";
            default -> "andis.";
        };
        return String.format("%s r%d,r%d,%d", name, ra(w), rs(w), w & 0xffff);
    }

    /** The vector forms the kernel's copy routines use: {@code vperm}, {@code vor} and its {@code vmr}. */
    private static String vector(int w) {
        int d = rt(w);
        int a = ra(w);
        int b = rb(w);
        if ((w & 0x3f) == 43) {
            return String.format("vperm v%d,v%d,v%d,v%d", d, a, b, (w >>> 6) & 31);
        }
        if ((w & 0x7ff) == 1156) {
            return a == b ? String.format("vmr v%d,v%d", d, a) : String.format("vor v%d,v%d,v%d", d, a, b);
        }
        return null;
    }

    /** {@code rlwinm} and the names objdump gives its common shapes. */
    private static String rlwinm(int w) {
        int s = rs(w);
        int a = ra(w);
        int n = sh(w);
        int b = mb(w);
        int e = me(w);
        String d = dot(w);
        if (b == 0 && e == 31) {
            return String.format("rotlwi%s r%d,r%d,%d", d, a, s, n);
        }
        if (n == 0 && e == 31) {
            return String.format("clrlwi%s r%d,r%d,%d", d, a, s, b);
        }
        if (b == 0 && n != 0 && e == 31 - n) {
            return String.format("slwi%s r%d,r%d,%d", d, a, s, n);
        }
        if (n == 0 && b == 0) {
            return String.format("clrrwi%s r%d,r%d,%d", d, a, s, 31 - e);
        }
        if (e == 31 && n == 32 - b) {
            return String.format("srwi%s r%d,r%d,%d", d, a, s, b);
        }
        return rotate("rlwinm", w, s, n, b, e);
    }

    private static String rotate(String name, int w, int s, int n, int b, int e) {
        return String.format("%s%s r%d,r%d,%d,%d,%d", name, dot(w), ra(w), s, n, b, e);
    }

    /** The MD forms: {@code rldicl}, {@code rldicr}, {@code rldic}, {@code rldimi} and their names. */
    private static String rotate64(int w) {
        int kind = (w >>> 2) & 7;
        int n = sh(w) | ((w >>> 1) & 1) << 5;
        int m = ((w >>> 6) & 31) | ((w >>> 5) & 1) << 5; // mb or me: its low five bits first, then bit 5
        int s = rs(w);
        int a = ra(w);
        String d = dot(w);
        return switch (kind) {
            case 0 -> m == 0 ? String.format("rotldi%s r%d,r%d,%d", d, a, s, n)
                    : n == 0 ? String.format("clrldi%s r%d,r%d,%d", d, a, s, m)
                    : n == 64 - m ? String.format("srdi%s r%d,r%d,%d", d, a, s, m)
                    : String.format("rldicl%s r%d,r%d,%d,%d", d, a, s, n, m);
            case 1 -> n == 0 ? String.format("clrrdi%s r%d,r%d,%d", d, a, s, 63 - m)
                    : m == 63 - n ? String.format("sldi%s r%d,r%d,%d", d, a, s, n)
                    : String.format("rldicr%s r%d,r%d,%d,%d", d, a, s, n, m);
            case 2 -> String.format("rldic%s r%d,r%d,%d,%d", d, a, s, n, m);
            case 3 -> String.format("rldimi%s r%d,r%d,%d,%d", d, a, s, n, m);
            default -> null;
        };
    }

    /** The D-form loads and stores: {@code lwz r3,8(r4)}, {@code stwu r1,-16(r1)}. */
    private static String dForm(int op, int w) {
        String name = switch (op) {
            case 32 -> "lwz";
            case 33 -> "lwzu";
            case 34 -> "lbz";
            case 35 -> "lbzu";
            case 36 -> "stw";
            case 37 -> "stwu";
            case 38 -> "stb";
            case 39 -> "stbu";
            case 40 -> "lhz";
            case 41 -> "lhzu";
            case 42 -> "lha";
            case 43 -> "lhau";
            case 44 -> "sth";
            case 45 -> "sthu";
            default -> null;
        };
        return name == null ? null : memory(name, w, (short) w);
    }

    /** The DS forms: {@code ld}, {@code ldu}, {@code lwa}, {@code std}, {@code stdu}. */
    private static String dsForm(int op, int w) {
        String name = switch ((op << 2) | (w & 3)) {
            case 58 << 2 -> "ld";
            case 58 << 2 | 1 -> "ldu";
            case 58 << 2 | 2 -> "lwa";
            case 62 << 2 -> "std";
            case 62 << 2 | 1 -> "stdu";
            default -> null;
        };
        return name == null ? null : memory(name, w, (short) (w & 0xfffc));
    }

    private static String memory(String name, int w, int displacement) {
        int a = ra(w);
        if (name.endsWith("u") && (a == 0 || a == rt(w) && name.startsWith("l"))) {
            return null; // an update form with rA = 0, or a load that updates its own target, is invalid
        }
        return String.format("%s r%d,%d(%s)", name, rt(w), displacement, a == 0 ? "0" : "r" + a);
    }
}
