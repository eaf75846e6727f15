package org.kexeclab.arm64;

import java.util.Locale;

/**
 * One A64 general-purpose register operand as written: its number (31 for {@code sp} and
 * the zero register), its width, and whether number 31 means the stack pointer.
 *
 * @param number     0..31
 * @param is64       true for {@code xN}, {@code sp}, {@code xzr}; false for {@code wN}, {@code wsp}, {@code wzr}
 * @param isSp       true for {@code sp} and {@code wsp}
 */
public record A64Register(int number, boolean is64, boolean isSp) {

    /** True for the zero register ({@code xzr}, {@code wzr}). */
    public boolean isZero() {
        return number == 31 && !isSp;
    }

    /** True for an ordinary register or the zero register (no stack pointer). */
    public boolean isGeneral() {
        return !isSp;
    }

    /** The 1-bit {@code sf} field: 1 for 64-bit operations. */
    public int sf() {
        return is64 ? 1 : 0;
    }

    /**
     * Parses a register name ({@code x0..x30}, {@code w0..w30}, {@code sp}, {@code wsp},
     * {@code xzr}, {@code wzr}, {@code lr} = x30, {@code fp} = x29), case-insensitively.
     *
     * @return the register, or null if the text is not a register name
     */
    public static A64Register parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sp": return new A64Register(31, true, true);
            case "wsp": return new A64Register(31, false, true);
            case "xzr": return new A64Register(31, true, false);
            case "wzr": return new A64Register(31, false, false);
            case "lr": return new A64Register(30, true, false);
            case "fp": return new A64Register(29, true, false);
            default: break;
        }
        if (t.length() < 2 || t.length() > 3 || (t.charAt(0) != 'x' && t.charAt(0) != 'w')) {
            return null;
        }
        for (int i = 1; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return null;
            }
        }
        if (t.length() == 3 && t.charAt(1) == '0') {
            return null;
        }
        int n = Integer.parseInt(t.substring(1));
        return n <= 30 ? new A64Register(n, t.charAt(0) == 'x', false) : null;
    }
}
