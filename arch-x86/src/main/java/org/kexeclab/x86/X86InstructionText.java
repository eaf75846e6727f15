package org.kexeclab.x86;

/**
 * One x86 instruction decoded to objdump's Intel-syntax text for {@link X86Disassembler}:
 * prefixes, REX, the opcode, ModRM/SIB/displacement and immediates, read from a byte array, in
 * 64-bit long mode or 32-bit protected mode ({@link X86Mode}: no REX, {@code 40}-{@code 4f} are
 * {@code inc}/{@code dec}, 32-bit base registers, stack slots and branch targets, {@code [disp32]}
 * absolute). {@link #decode} returns null for a form it does not know (or bytes that end too soon).
 */
final class X86InstructionText {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
    private static final String[] R8_LEGACY = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", null, "sar"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};

    private final byte[] code;
    private final int start;
    private final int end;
    private final long address;
    private final boolean bits32;
    private int at;
    private int rex;
    private boolean operand16;
    private boolean rep;
    private boolean lock;
    private int mod;
    private int reg;
    private int rm;
    private String memory;

    X86InstructionText(byte[] code, int offset, int available, long address, X86Mode mode) {
        this.code = code;
        this.bits32 = !mode.isLong();
        this.start = offset;
        this.end = offset + available;
        this.address = address;
        this.at = offset;
    }

    /** Bytes consumed by the last {@link #decode}. */
    int length() {
        return at - start;
    }

    /** The instruction's text, or null for a form this does not know. */
    String decode() {
        try {
            prefixes();
            int op = next();
            String body = op == 0x0f ? X86TwoByteText.decode(this, next()) : oneByte(op);
            if (body == null || rep && !isString(op)) {
                return null;
            }
            return lock ? "lock " + body : body;
        } catch (ArrayIndexOutOfBoundsException cutShort) {
            return null;
        }
    }

    private static boolean isString(int op) {
        return op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab;
    }

    private void prefixes() {
        while (true) {
            int b = peek();
            if (b == 0x66) {
                operand16 = true;
            } else if (b == 0xf3) {
                rep = true;
            } else if (b == 0xf0) {
                lock = true;
            } else {
                break;
            }
            at++;
        }
        if (!bits32 && (peek() & 0xf0) == 0x40) {
            rex = next();
        }
    }

    private int peek() {
        if (at >= end) {
            throw new ArrayIndexOutOfBoundsException(at);
        }
        return code[at] & 0xff;
    }

    int next() {
        int b = peek();
        at++;
        return b;
    }

    long imm(int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            v |= (long) next() << (8 * k);
        }
        return size == 8 ? v : v << (64 - 8 * size) >> (64 - 8 * size);
    }

    /** The operand size in bytes of a non-byte instruction: 8 with REX.W, 2 with 0x66, else 4. */
    int size() {
        return (rex & 8) != 0 ? 8 : operand16 ? 2 : 4;
    }

    /** The size in bytes of a stack slot, an address and a near branch target: 8 in long mode, 4 in protected mode. */
    int slot() {
        return bits32 ? 4 : 8;
    }

    /** The name of base or index register {@code n} in an address. */
    private String addressReg(int n) {
        return bits32 ? R32[n] : R64[n];
    }

    /** The strings' destination and source operands ({@code es:[rdi]}, {@code ds:[rsi]} or their 32-bit names). */
    String stringDestination() {
        return "es:[" + addressReg(7) + "]";
    }

    String stringSource() {
        return "ds:[" + addressReg(6) + "]";
    }

    boolean rexW() {
        return (rex & 8) != 0;
    }

    static String reg(int n, int size, boolean anyRex) {
        return switch (size) {
            case 8 -> R64[n];
            case 4 -> n < 8 ? R32[n] : R64[n] + "d";
            case 2 -> n < 8 ? R16[n] : R64[n] + "w";
            default -> n < 8 ? (anyRex ? R8[n] : R8_LEGACY[n]) : R64[n] + "b";
        };
    }

    String reg(int n, int size) {
        return reg(n, size, rex != 0);
    }

    /** Reads ModRM (and SIB, displacement): {@link #reg}, {@link #rm} or the memory operand. */
    void modrm() {
        int m = next();
        mod = m >>> 6;
        reg = (m >>> 3 & 7) | (rex & 4) << 1;
        int low = m & 7;
        if (mod == 3) {
            rm = low | (rex & 1) << 3;
            memory = null;
            return;
        }
        StringBuilder b = new StringBuilder();
        boolean ripRelative = false;
        boolean noBase = false;
        if (low == 4) {
            int sib = next();
            int index = (sib >>> 3 & 7) | (rex & 2) << 2;
            int base = (sib & 7) | (rex & 1) << 3;
            noBase = (sib & 7) == 5 && mod == 0;
            if (!noBase) {
                b.append(addressReg(base));
            }
            if (index != 4) {
                b.append(b.length() > 0 ? "+" : "").append(addressReg(index)).append('*').append(1 << (sib >>> 6));
            }
        } else if (low == 5 && mod == 0 && bits32) {
            noBase = true;
        } else if (low == 5 && mod == 0) {
            ripRelative = true;
            b.append("rip");
        } else {
            b.append(addressReg(low | (rex & 1) << 3));
        }
        long disp = mod == 1 ? imm(1) : mod == 2 || ripRelative || noBase ? imm(4) : 0;
        if (noBase && bits32 && b.length() == 0) {
            memory = "ds:0x" + Long.toHexString(disp & 0xffff_ffffL);
            return;
        }
        if (ripRelative) {
            b.append("+0x").append(Long.toHexString(disp));
        } else if (mod != 0 || noBase) {
            b.append(disp < 0 ? "-0x" : "+0x").append(Long.toHexString(Math.abs(disp)));
        }
        memory = "[" + b + "]";
        if (noBase && b.charAt(0) == '+') {
            memory = "ds:0x" + Long.toHexString(disp);
        } else if (b.charAt(0) == '+') {
            memory = "[" + b.substring(1) + "]";
        }
    }

    int regField() {
        return reg;
    }

    /** The r/m operand of the last {@link #modrm}: a register or {@code SIZE PTR [...]} ({@code size} 0: no size). */
    String rm(int size) {
        if (memory == null) {
            return reg(rm, size);
        }
        return size == 0 ? memory : ptr(size) + " " + memory;
    }

    boolean rmIsRegister() {
        return memory == null;
    }

    static String ptr(int size) {
        return switch (size) {
            case 8 -> "QWORD PTR";
            case 4 -> "DWORD PTR";
            case 2 -> "WORD PTR";
            default -> "BYTE PTR";
        };
    }

    /** An immediate as objdump shows it for an operand of {@code size} bytes. */
    static String hex(long v, int size) {
        long masked = size == 8 ? v : v & ((1L << (8 * size)) - 1);
        return "0x" + Long.toHexString(masked);
    }

    /** A branch target: the address after this instruction plus {@code rel}. */
    String target(long rel) {
        long t = address + length() + rel;
        return "0x" + Long.toHexString(bits32 ? t & 0xffff_ffffL : t);
    }

    static String cc(int n) {
        return CC[n & 15];
    }

    private String oneByte(int op) {
        if (op < 0x40 && (op & 7) < 6) {
            return alu(ALU[op >>> 3], op & 7);
        }
        if (bits32 && op >= 0xa0 && op <= 0xa3) {
            int size = (op & 1) == 0 ? 1 : size();
            String moffs = "ds:0x" + Long.toHexString(imm(4) & 0xffff_ffffL);
            String acc = reg(0, size);
            return op < 0xa2 ? "mov " + acc + "," + moffs : "mov " + moffs + "," + acc;
        }
        if (bits32 && op >= 0x40 && op <= 0x4f) {
            return (op < 0x48 ? "inc " : "dec ") + R32[op & 7];
        }
        if (op >= 0x50 && op <= 0x5f) {
            return (op < 0x58 ? "push " : "pop ") + addressReg((op & 7) | (rex & 1) << 3);
        }
        if (op >= 0x70 && op <= 0x7f) {
            long rel = imm(1);
            return "j" + cc(op) + " " + target(rel);
        }
        if (op >= 0x91 && op <= 0x97 || op == 0x90 && (rex & 1) != 0) {
            return "xchg " + reg((op & 7) | (rex & 1) << 3, size()) + "," + reg(0, size());
        }
        if (op >= 0xb0 && op <= 0xbf) {
            int r = (op & 7) | (rex & 1) << 3;
            if (op < 0xb8) {
                return "mov " + reg(r, 1) + "," + hex(imm(1), 1);
            }
            return rexW() ? "movabs " + reg(r, 8) + "," + hex(imm(8), 8) : "mov " + reg(r, size()) + "," + hex(imm(size() == 2 ? 2 : 4), size());
        }
        return X86OneByteText.decode(this, op);
    }

    /** {@code op r/m, r}, {@code op r, r/m} or {@code op al/eax, imm} by the low three opcode bits. */
    String alu(String name, int form) {
        int size = (form & 1) == 0 ? 1 : size();
        switch (form) {
            case 0, 1 -> {
                modrm();
                return name + " " + rm(size) + "," + reg(reg, size);
            }
            case 2, 3 -> {
                modrm();
                return name + " " + reg(reg, size) + "," + rm(size);
            }
            default -> {
                long v = imm(size == 8 ? 4 : Math.min(size, 4));
                return name + " " + reg(0, size) + "," + hex(v, size);
            }
        }
    }

    boolean rep() {
        return rep;
    }

    static String shiftName(int n) {
        return SHIFTS[n];
    }

    static String aluName(int n) {
        return ALU[n];
    }
}
