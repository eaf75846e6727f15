package org.kexeclab.x86;

import java.nio.ByteBuffer;

/**
 * Where one x86 instruction ends, as QEMU's x86 translator (Unicorn 2.0.1) fetches it: legacy
 * and REX prefixes, VEX, the one-, two- and three-byte opcode maps, ModRM, SIB, displacement and
 * immediates, in 64-bit mode or in 32-bit protected mode ({@link X86Mode}). Operand and address
 * size follow QEMU: REX.W wins over {@code 66}, {@code 66} makes {@code immz} and relative branches
 * 16-bit, {@code 67} makes {@code moffs} 32-bit in 64-bit mode and 16-bit in 32-bit mode, where it
 * also makes ModRM 16-bit addressing (no SIB; {@code disp16} for mod 2 and for mod 0 r/m 6);
 * {@code mov} to and from control and debug registers ({@code 0f 20-23}) take their ModRM as a
 * register operand whatever its mod. In 32-bit mode {@code 40}-{@code 4f} are {@code inc}/{@code dec},
 * not REX, {@code 82} is group 1 with an imm8, {@code 9a}/{@code ea} carry a far pointer
 * ({@code ptr16:32}, or {@code ptr16:16} under {@code 66}), {@code d4}/{@code d5} an imm8, and
 * {@code c4}/{@code c5} are {@code les}/{@code lds} unless their ModRM is a register (then VEX).
 * Opcodes invalid in the mode get a length too (QEMU raises #UD on them and ends the block, so
 * their length never decides a boundary that is translated). Golden-tested against GNU as and
 * objdump in both modes.
 *
 * <p>The one x86 length decoder: the Unicorn binding's guard decodes every translated instruction
 * with it ({@code X86FarBranchGuard}), the Java engine sizes instructions and blocks for its hooks
 * ({@link #endsBlock}), and the kexec machine finds the stub's repeated string instructions
 * ({@link #repeatedString}).
 *
 * <p>{@link #decode} returns a packed word: bits 0-7 the length, bits 8-15 the offset of the ModRM
 * byte (0 if none), bit 16 set for {@code ff /3} or {@code ff /5} with a register operand (far call
 * or jmp through a register), bit 17 for a {@code lock}-prefixed {@code cmp} with a memory
 * destination ({@code f0 38/39 /r}, {@code f0 80/81/83 /7}) or {@code lock cmps}
 * ({@code f0 a6/a7}) or {@code lock bt/bts/btr/btc} on a register ({@code f0 0f a3/ab/b3/bb},
 * {@code f0 0f ba /4-7}, mod = 3), bit 18 for a {@code rep}/{@code repe} prefix ({@code f3}),
 * bit 19 for {@code repne} ({@code f2}); bits 24-27 hold the offset of the (first) opcode byte
 * (after the prefixes). It returns -1 when the bytes given end before the instruction does or the
 * instruction is longer than 15 bytes.
 */
public final class X86Boundary {
    /** The longest x86 instruction, in bytes. */
    public static final int MAX_LENGTH = 15;
    /** Result bit: {@code ff /3} or {@code ff /5} with a register operand. */
    public static final int FAR_THROUGH_REGISTER = 1 << 16;
    /** Result bit: a locked form that aborts Unicorn 2.0.1. */
    public static final int LOCKED_ABORT = 1 << 17;
    /** Result bit: an {@code f3} prefix. */
    public static final int REP = 1 << 18;
    /** Result bit: an {@code f2} prefix. */
    public static final int REPNE = 1 << 19;
    /** Where a result keeps the offset of the opcode byte (4 bits). */
    public static final int OPCODE_SHIFT = 24;

    private X86Boundary() {
    }

    /** The length of a {@link #decode} result. */
    public static int length(int decoded) {
        return decoded & 0xff;
    }

    /** The offset of the first opcode byte of a {@link #decode} result. */
    public static int opcodeOffset(int decoded) {
        return (decoded >>> OPCODE_SHIFT) & 0xf;
    }

    /**
     * The opcode of a decoded instruction: its one-byte opcode, or {@code 0x100} plus the second
     * byte of a {@code 0f} opcode.
     */
    public static int opcode(byte[] code, int at, int decoded) {
        int op = at + opcodeOffset(decoded);
        int b = code[op] & 0xff;
        return b == 0x0f ? 0x100 | (code[op + 1] & 0xff) : b;
    }

    /** The ModRM reg field of a decoded instruction, 0 if it has no ModRM byte. */
    public static int modrmReg(byte[] code, int at, int decoded) {
        int modrm = (decoded >>> 8) & 0xff;
        return modrm == 0 ? 0 : (code[at + modrm] >>> 3) & 7;
    }

    /**
     * True if the decoded instruction ends a basic block in the Java engine: a relative, far or
     * indirect jump, call or return, {@code int3}, {@code hlt}, {@code popf}, a {@code mov} to a
     * control register, or a {@code rep}/{@code repne} string move or store.
     */
    public static boolean endsBlock(byte[] code, int at, int decoded) {
        int op = opcode(code, at, decoded);
        if (op >= 0x70 && op <= 0x7f || op >= 0x180 && op <= 0x18f) {
            return true;
        }
        switch (op) {
            case 0xe8: case 0xe9: case 0xeb: case 0xc3: case 0xc2: case 0xcc: case 0xf4: case 0x9d:
            case 0x122: case 0xea: case 0x9a:
                return true;
            case 0xff:
                int reg = modrmReg(code, at, decoded);
                return reg == 2 || reg == 4;
            case 0xa4: case 0xa5: case 0xaa: case 0xab:
                return (decoded & (REP | REPNE)) != 0;
            default:
                return false;
        }
    }

    /**
     * True if the decoded instruction is a string move, store or load with a {@code rep} prefix:
     * it executes {@code rcx} times, a count its code fixes, and never stops early.
     */
    public static boolean repeatedString(byte[] code, int at, int decoded) {
        if ((decoded & REP) == 0) {
            return false;
        }
        int op = opcode(code, at, decoded);
        return op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab || op == 0xac || op == 0xad;
    }

    /**
     * {@link #decode(byte[], int, int)} of the bytes from {@code code}'s index 0 (a copy of at
     * most {@link #MAX_LENGTH} of them: for callers off the hot path, such as Unicorn's fetch guard).
     */
    public static int decode(ByteBuffer code, int available) {
        return decode(copy(code, available), 0, available);
    }

    /** {@link #decode(ByteBuffer, int)} of code of {@code mode}. */
    public static int decode(ByteBuffer code, int available, X86Mode mode) {
        return decode(copy(code, available), 0, available, mode);
    }

    /** {@link #endsBlock(byte[], int, int)} of the bytes from {@code code}'s index 0. */
    public static boolean endsBlock(ByteBuffer code, int decoded) {
        return endsBlock(copy(code, MAX_LENGTH), 0, decoded);
    }

    /** {@link #repeatedString(byte[], int, int)} of the bytes from {@code code}'s index 0. */
    public static boolean repeatedString(ByteBuffer code, int decoded) {
        return repeatedString(copy(code, MAX_LENGTH), 0, decoded);
    }

    private static byte[] copy(ByteBuffer code, int available) {
        byte[] out = new byte[MAX_LENGTH + 1];
        code.get(0, out, 0, Math.min(Math.min(available, MAX_LENGTH), code.limit()));
        return out;
    }

    /**
     * Length of the 64-bit-mode instruction at {@code code[at]}, of which {@code available} bytes
     * are there, packed with its ModRM and opcode offsets (relative to {@code at}) and flags
     * ({@link X86Boundary}), or -1.
     */
    public static int decode(byte[] code, int at, int available) {
        return decode(code, at, available, X86Mode.LONG);
    }

    /** {@link #decode(byte[], int, int)} of an instruction of code of {@code mode}. */
    public static int decode(byte[] code, int at, int available, X86Mode mode) {
        boolean long64 = mode.isLong();
        int n = Math.min(available, MAX_LENGTH);
        int i = 0;
        boolean opsize = false;
        boolean adsize = false;
        boolean rexW = false;
        boolean lock = false;
        int rep = 0;
        int b;
        while (true) {
            if (i >= n) {
                return -1;
            }
            b = code[at + i] & 0xff;
            if (b == 0x66) {
                opsize = true;
            } else if (b == 0x67) {
                adsize = true;
            } else if ((b & 0xf0) == 0x40 && long64) {
                rexW = (b & 8) != 0;
            } else if (b == 0xf0) {
                lock = true;
            } else if (b == 0xf3) {
                rep |= REP;
            } else if (b == 0xf2) {
                rep |= REPNE;
            } else if (!isLegacyPrefix(b)) {
                break;
            }
            i++;
        }
        int immz = rexW || !opsize ? 4 : 2;
        boolean addr16 = adsize && !long64;
        int d;
        if ((b == 0xc4 || b == 0xc5) && (long64 || isRegisterModrm(code, at, n, i + 1))) {
            d = vex(code, at, n, i, b, addr16);
        } else if (b == 0x0f) {
            d = twoByte(code, at, n, i + 1, immz, opsize, addr16);
            d = lock && d > 0 && lockedBitTestOnRegister(code, at, i + 1) ? d | LOCKED_ABORT : d;
        } else {
            d = long64 ? oneByte(code, at, n, i, b, immz, rexW, adsize, false) : oneByte32(code, at, n, i, b, immz, adsize);
            d = lock && d > 0 && lockedCompare(code, at, i, b) ? d | LOCKED_ABORT : d;
        }
        return d < 0 ? d : d | rep | i << OPCODE_SHIFT;
    }

    /** True if the byte at {@code modrm} is there and a ModRM with mod 3 (VEX rather than {@code les}/{@code lds} in 32-bit mode). */
    private static boolean isRegisterModrm(byte[] code, int at, int n, int modrm) {
        return modrm < n && (code[at + modrm] & 0xc0) == 0xc0;
    }

    /** {@code bt/bts/btr/btc} with a register operand ({@code 0f a3/ab/b3/bb}, {@code 0f ba /4-7}, mod = 3): with {@code lock}, QEMU aborts. */
    private static boolean lockedBitTestOnRegister(byte[] code, int at, int op) {
        int b = code[at + op] & 0xff;
        int m = code[at + op + 1] & 0xff;
        if (m >> 6 != 3) {
            return false;
        }
        return b == 0xa3 || b == 0xab || b == 0xb3 || b == 0xbb || (b == 0xba && ((m >> 3) & 7) >= 4);
    }

    /**
     * {@code cmp} to memory ({@code 38/39 /r}, {@code 80/81/83 /7}, ModRM mod != 3) or
     * {@code cmps} ({@code a6/a7}): with {@code lock}, QEMU aborts.
     */
    private static boolean lockedCompare(byte[] code, int at, int op, int b) {
        if (b == 0xa6 || b == 0xa7) {
            return true;
        }
        int m = code[at + op + 1] & 0xff;
        if (m >> 6 == 3) {
            return false;
        }
        return b == 0x38 || b == 0x39 || ((b == 0x80 || b == 0x81 || b == 0x83) && ((m >> 3) & 7) == 7);
    }

    private static boolean isLegacyPrefix(int b) {
        switch (b) {
            case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
                return true;
            default:
                return false;
        }
    }

    private static int oneByte(byte[] code, int at, int n, int op, int b, int immz, boolean rexW, boolean adsize,
                               boolean addr16) {
        int next = op + 1;
        if (hasModrm(b)) {
            return withModrm(code, at, n, next, oneByteImmediate(code, at, n, next, b, immz), b == 0xff, addr16);
        }
        int imm;
        if (b >= 0xa0 && b <= 0xa3) {
            imm = adsize ? 4 : 8;
        } else if (b >= 0xb8 && b <= 0xbf) {
            imm = rexW ? 8 : immz;
        } else {
            imm = plainImmediate(b, immz);
        }
        return finish(n, next + imm, 0, false);
    }

    /**
     * A one-byte opcode in 32-bit mode: what differs from 64-bit mode ({@code 82}, far pointers,
     * {@code aam}/{@code aad}, {@code les}/{@code lds}, {@code bound}, 16-bit addressing under {@code 67}, 32-bit
     * {@code moffs} and {@code mov r32, imm32}), the rest as there.
     */
    private static int oneByte32(byte[] code, int at, int n, int op, int b, int immz, boolean adsize) {
        int next = op + 1;
        switch (b) {
            case 0x82:
                return withModrm(code, at, n, next, 1, false, adsize);
            case 0x9a: case 0xea:
                return finish(n, next + immz + 2, 0, false);
            case 0xd4: case 0xd5:
                return finish(n, next + 1, 0, false);
            case 0xc4: case 0xc5: case 0x62:
                return withModrm(code, at, n, next, 0, false, adsize);
            default:
                break;
        }
        if (b >= 0xa0 && b <= 0xa3) {
            return finish(n, next + (adsize ? 2 : 4), 0, false);
        }
        if (b >= 0xb8 && b <= 0xbf) {
            return finish(n, next + immz, 0, false);
        }
        return oneByte(code, at, n, op, b, immz, false, adsize, adsize);
    }

    private static boolean hasModrm(int b) {
        if (b < 0x40) {
            return (b & 7) < 4;
        }
        switch (b) {
            case 0x63: case 0x69: case 0x6b: case 0xc0: case 0xc1: case 0xc6: case 0xc7:
            case 0xd0: case 0xd1: case 0xd2: case 0xd3: case 0xf6: case 0xf7: case 0xfe: case 0xff:
                return true;
            default:
                return (b >= 0x80 && b <= 0x8f && b != 0x82) || (b >= 0xd8 && b <= 0xdf);
        }
    }

    /** Immediate bytes of a one-byte opcode with ModRM (f6/f7 need the ModRM reg field). */
    private static int oneByteImmediate(byte[] code, int at, int n, int modrm, int b, int immz) {
        switch (b) {
            case 0x69: case 0x81: case 0xc7:
                return immz;
            case 0x6b: case 0x80: case 0x83: case 0xc0: case 0xc1: case 0xc6:
                return 1;
            case 0xf6: case 0xf7:
                if (modrm >= n) {
                    return 0;
                }
                return ((code[at + modrm] >> 3) & 7) <= 1 ? (b == 0xf6 ? 1 : immz) : 0;
            default:
                return 0;
        }
    }

    /** Immediate bytes of a one-byte opcode without ModRM (moffs and mov r, imm are handled by the caller). */
    private static int plainImmediate(int b, int immz) {
        if (b < 0x40) {
            int low = b & 7;
            return low == 4 ? 1 : low == 5 ? immz : 0;
        }
        if ((b >= 0x70 && b <= 0x7f) || (b >= 0xb0 && b <= 0xb7) || (b >= 0xe0 && b <= 0xe7)) {
            return 1;
        }
        switch (b) {
            case 0x6a: case 0xa8: case 0xcd: case 0xeb:
                return 1;
            case 0xc2: case 0xca:
                return 2;
            case 0xc8:
                return 3;
            case 0x68: case 0xa9: case 0xe8: case 0xe9:
                return immz;
            default:
                return 0;
        }
    }

    private static int twoByte(byte[] code, int at, int n, int op, int immz, boolean opsize, boolean addr16) {
        if (op >= n) {
            return -1;
        }
        int b = code[at + op] & 0xff;
        if (b == 0x38 || b == 0x3a) {
            return withModrm(code, at, n, op + 2, b == 0x3a ? 1 : 0, false, addr16);
        }
        if (b >= 0x80 && b <= 0x8f) {
            return finish(n, op + 1 + immz, 0, false);
        }
        if (b >= 0x20 && b <= 0x23) {
            return op + 1 < n ? finish(n, op + 2, op + 1, false) : -1;   // mod is ignored: always a register
        }
        if (!twoByteHasModrm(b)) {
            return finish(n, op + 1, 0, false);
        }
        return withModrm(code, at, n, op + 1, twoByteImmediate(code, at, op, b, opsize), false, addr16);
    }

    private static boolean twoByteHasModrm(int b) {
        switch (b) {
            case 0x04: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a: case 0x0b:
            case 0x0c: case 0x0e: case 0x77: case 0xa0: case 0xa1: case 0xa2: case 0xa8: case 0xa9: case 0xaa:
                return false;
            default:
                return !(b >= 0x30 && b <= 0x3f) && !(b >= 0xc8 && b <= 0xcf);
        }
    }

    private static int twoByteImmediate(byte[] code, int at, int op, int b, boolean opsize) {
        switch (b) {
            case 0x0f: case 0x70: case 0x71: case 0x72: case 0x73: case 0xa4: case 0xac: case 0xba:
            case 0xc2: case 0xc4: case 0xc5: case 0xc6:
                return 1;
            case 0x78:   // SSE4a extrq/insertq (66 / f2): two immediate bytes; plain 0f 78 is #UD
                return opsize || hasF2(code, at, op) ? 2 : 0;
            default:
                return 0;
        }
    }

    private static boolean hasF2(byte[] code, int at, int op) {
        for (int k = 0; k < op; k++) {
            if ((code[at + k] & 0xff) == 0xf2) {
                return true;
            }
        }
        return false;
    }

    /** c5 (one payload byte, map 0f) or c4 (two payload bytes, map in the first): opcode, ModRM, imm8 for map 3. */
    private static int vex(byte[] code, int at, int n, int c4, int b, boolean addr16) {
        int op = c4 + (b == 0xc5 ? 2 : 3);
        if (op >= n) {
            return -1;
        }
        int map = b == 0xc5 ? 1 : code[at + c4 + 1] & 0x1f;
        if (map == 1) {
            int o = code[at + op] & 0xff;
            return twoByteHasModrm(o) ? withModrm(code, at, n, op + 1, twoByteImmediate(code, at, op, o, false), false, addr16)
                    : finish(n, op + 1, 0, false);
        }
        return withModrm(code, at, n, op + 1, map == 3 ? 1 : 0, false, addr16);
    }

    /**
     * Adds ModRM, SIB and displacement at {@code modrm}, then {@code imm} bytes; with {@code addr16}
     * (a {@code 67} prefix in 32-bit mode) the 16-bit forms: no SIB, disp16 for mod 2 and for mod 0 r/m 6.
     */
    private static int withModrm(byte[] code, int at, int n, int modrm, int imm, boolean groupFf, boolean addr16) {
        if (modrm >= n) {
            return -1;
        }
        int m = code[at + modrm] & 0xff;
        int mod = m >> 6;
        int rm = m & 7;
        int end = modrm + 1;
        if (addr16) {
            end += mod == 1 ? 1 : mod == 2 || mod == 0 && rm == 6 ? 2 : 0;
        } else {
            if (mod != 3 && rm == 4) {
                if (end >= n) {
                    return -1;
                }
                int sib = code[at + end] & 0xff;
                end++;
                if (mod == 0 && (sib & 7) == 5) {
                    end += 4;
                }
            }
            if (mod == 1) {
                end += 1;
            } else if (mod == 2 || (mod == 0 && rm == 5)) {
                end += 4;
            }
        }
        int reg = (m >> 3) & 7;
        return finish(n, end + imm, modrm, groupFf && mod == 3 && (reg == 3 || reg == 5));
    }

    private static int finish(int n, int length, int modrm, boolean far) {
        if (length > n) {
            return -1;
        }
        return length | modrm << 8 | (far ? FAR_THROUGH_REGISTER : 0);
    }
}
