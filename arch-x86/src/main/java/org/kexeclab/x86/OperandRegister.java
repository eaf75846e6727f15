package org.kexeclab.x86;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A register as the x86 encoder sees it in an operand (named so it cannot be confused
 * with the engine's {@link org.kexeclab.x86.X86Register}, which reads and writes CPU
 * state): general registers (64-bit {@code rax..r15}, 32-bit
 * {@code eax..r15d}, 16-bit {@code ax..di} as the source of a segment load, and {@code cl} as
 * a shift count), control registers {@code cr0..cr8}, segment registers and {@code rip} as an
 * address base.
 *
 * @param name   lower-case name
 * @param number 0..15, the value that goes into ModRM/SIB/REX
 * @param bits   64, 32, 16 or 8 for general registers; 64 for control registers and rip, 16 for segment registers
 * @param kind   general, control, segment or instruction pointer
 */
public record OperandRegister(String name, int number, int bits, Kind kind) {

    /** What a register is for. */
    public enum Kind { GENERAL, CONTROL, SEGMENT, RIP }

    private static final Map<String, OperandRegister> BY_NAME = new HashMap<>();

    static {
        String[] r64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
        String[] r32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        String[] r16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
        for (int i = 0; i < 16; i++) {
            add(i < 8 ? r64[i] : "r" + i, i, 64, Kind.GENERAL);
            add(i < 8 ? r32[i] : "r" + i + "d", i, 32, Kind.GENERAL);
        }
        for (int i = 0; i < 8; i++) {
            add(r16[i], i, 16, Kind.GENERAL);
        }
        add("cl", 1, 8, Kind.GENERAL);
        for (int cr : new int[] {0, 2, 3, 4, 8}) {
            add("cr" + cr, cr, 64, Kind.CONTROL);
        }
        String[] segments = {"es", "cs", "ss", "ds", "fs", "gs"};
        for (int i = 0; i < segments.length; i++) {
            add(segments[i], i, 16, Kind.SEGMENT);
        }
        add("rip", 5, 64, Kind.RIP);
    }

    private static void add(String name, int number, int bits, Kind kind) {
        BY_NAME.put(name, new OperandRegister(name, number, bits, kind));
    }

    /** The register called {@code name} (any case), or {@code null} if there is none. */
    public static OperandRegister byName(String name) {
        return BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** True for a 32- or 64-bit general register. */
    public boolean isGeneral() {
        return kind == Kind.GENERAL && bits >= 32;
    }

    /**
     * True if code of {@code mode} can name this register: 32-bit code has no 64-bit general
     * register, none numbered 8 or above, no {@code cr8} and no {@code rip}.
     */
    public boolean existsIn(X86Mode mode) {
        return mode.isLong() || kind == Kind.SEGMENT || number < 8 && kind != Kind.RIP && (kind == Kind.CONTROL || bits < 64);
    }

    /** The low three bits, as they appear in ModRM and SIB. */
    public int low3() {
        return number & 7;
    }

    /** The fourth bit, which goes into REX.R, REX.X or REX.B. */
    public int high() {
        return number >> 3;
    }
}
