package org.kexeclab.engine.interp.x86;

import org.kexeclab.engine.interp.GuestBus;

/**
 * Instruction lengths and block ends for hooks ({@link X86Core#instructionSize},
 * {@link X86Core#blockSize}), read quietly from executable memory (no fault, no hook). Knows the
 * forms {@link X86Exec} and {@link X86TwoByte} execute; the block ends listed here are exactly the
 * instructions whose step returns {@code END_BLOCK}.
 */
final class X86Length {
    private static final int MAX = 15;

    private X86Length() {
    }

    private static int peek8(GuestBus bus, long a) {
        long w = bus.peek32(a & ~3L, -1);
        return w < 0 ? -1 : (int) (w >>> (8 * (a & 3))) & 0xff;
    }

    /** Bytes of the instruction at {@code a}, or 0 if memory there is not readable as code. */
    static int of(GuestBus bus, long a) {
        long d = decode(bus, a);
        return d < 0 ? 0 : (int) (d & 0xff);
    }

    /** True if the instruction at {@code a} ends a basic block. */
    static boolean endsBlock(GuestBus bus, long a) {
        long d = decode(bus, a);
        if (d < 0) {
            return true;
        }
        int op = (int) (d >>> 8) & 0xfff;
        int reg = (int) (d >>> 20) & 7;
        boolean rep = (d >>> 24) != 0;
        if (op >= 0x70 && op <= 0x7f || op >= 0x180 && op <= 0x18f) {
            return true;
        }
        switch (op) {
            case 0xe8: case 0xe9: case 0xeb: case 0xc3: case 0xc2: case 0xcc: case 0xf4: case 0x9d:
            case 0x122:
                return true;
            case 0xff:
                return reg == 2 || reg == 4;
            case 0xa4: case 0xa5: case 0xaa: case 0xab:
                return rep;
            default:
                return false;
        }
    }

    /** length | opcode (0x100 + second byte for 0F) << 8 | modrm reg << 20 | rep << 24, or -1. */
    private static long decode(GuestBus bus, long a) {
        int n = 0;
        boolean p66 = false;
        int rep = 0;
        int rexW = 0;
        int b;
        while (true) {
            b = peek8(bus, a + n);
            if (b < 0 || n >= MAX) {
                return -1;
            }
            n++;
            if (b == 0x66) {
                p66 = true;
            } else if (b == 0xf3 || b == 0xf2) {
                rep = b;
            } else if (b != 0x67 && b != 0x2e && b != 0x3e && b != 0x26 && b != 0x36 && b != 0x64 && b != 0x65
                    && b != 0xf0) {
                break;
            }
        }
        if ((b & 0xf0) == 0x40) {
            rexW = b & 8;
            b = peek8(bus, a + n++);
        }
        int op = b;
        if (b == 0x0f) {
            int second = peek8(bus, a + n++);
            op = second < 0 ? -1 : 0x100 | second;
        }
        if (op < 0) {
            return -1;
        }
        int immz = p66 ? 2 : 4;
        int imm = immediate(op, immz, rexW);
        int reg = 0;
        if (hasModrm(op)) {
            int m = peek8(bus, a + n++);
            if (m < 0) {
                return -1;
            }
            reg = m >>> 3 & 7;
            int mod = op == 0x120 || op == 0x122 ? 3 : m >>> 6;
            if (mod != 3) {
                if ((m & 7) == 4) {
                    int sib = peek8(bus, a + n++);
                    if ((sib & 7) == 5 && mod == 0) {
                        n += 4;
                    }
                }
                n += mod == 1 ? 1 : mod == 2 || (mod == 0 && (m & 7) == 5) ? 4 : 0;
            }
            if ((op == 0xf6 || op == 0xf7) && reg < 2) {
                imm = op == 0xf6 ? 1 : immz;
            }
        }
        return Math.min(n + imm, MAX) | (long) op << 8 | (long) reg << 20 | (rep != 0 ? 1L << 24 : 0);
    }

    private static boolean hasModrm(int op) {
        if (op >= 0x100) {
            int o = op & 0xff;
            return !(o >= 0x80 && o <= 0x8f) && o != 0x0b && o != 0x09 && o != 0x05 && o != 0xa2 && o != 0x31;
        }
        if (op < 0x40) {
            return (op & 7) < 4;
        }
        return op == 0x63 || op == 0x69 || op == 0x6b || (op >= 0x80 && op <= 0x8f) || op == 0xc0 || op == 0xc1
                || op == 0xc6 || op == 0xc7 || (op >= 0xd0 && op <= 0xd3) || op == 0xf6 || op == 0xf7
                || op == 0xfe || op == 0xff;
    }

    private static int immediate(int op, int immz, int rexW) {
        if (op >= 0x100) {
            int o = op & 0xff;
            return o >= 0x80 && o <= 0x8f ? 4 : o == 0xba ? 1 : 0;
        }
        if (op < 0x40) {
            return (op & 7) == 4 ? 1 : (op & 7) == 5 ? immz : 0;
        }
        if (op >= 0xb8 && op <= 0xbf) {
            return rexW != 0 ? 8 : immz;
        }
        if (op >= 0x70 && op <= 0x7f || op >= 0xb0 && op <= 0xb7) {
            return 1;
        }
        switch (op) {
            case 0x6a: case 0x6b: case 0x80: case 0x82: case 0x83: case 0xa8: case 0xc0: case 0xc1: case 0xc6:
            case 0xcd: case 0xeb:
                return 1;
            case 0x68: case 0x69: case 0x81: case 0xa9: case 0xc7: case 0xe8: case 0xe9:
                return immz == 2 && (op == 0xe8 || op == 0xe9) ? 4 : immz;
            case 0xc2:
                return 2;
            default:
                return 0;
        }
    }
}
