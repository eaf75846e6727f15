package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * PowerPC loads, stores, cache-block and barrier instructions. Every access happens before any
 * register is written, so a faulting instruction changes nothing. Update forms with
 * {@code ra = 0} (or, for loads, {@code ra = rt}) are invalid forms and not executed.
 * {@code dcbst}, {@code dcbf} and {@code icbi} are checked like a one-byte load (as QEMU does),
 * then do nothing: this machine has no caches; {@code dcbz} zeroes its whole cache block.
 * {@code tlbie} and {@code tlbsync} do nothing either: there is no TLB.
 */
final class PpcMemory {
    private static final int LOAD = 0;
    private static final int STORE = 1;

    private PpcMemory() {
    }

    /** Opcodes 32..45 (word, byte, halfword) and 58/62 (DS-form doubleword). */
    static int dForm(PpcCore c, int w) {
        int op = w >>> 26;
        int rt = w >>> 21 & 31;
        int ra = w >>> 16 & 31;
        if (op == 58 || op == 62) {
            return doubleword(c, w, op, rt, ra);
        }
        long d = (short) w;
        boolean update = op == 33 || op == 35 || op == 37 || op == 39 || op == 41 || op == 43 || op == 45;
        return access(c, op, rt, ra, d, update);
    }

    private static int doubleword(PpcCore c, int w, int op, int rt, int ra) {
        if (!c.is64) {
            return Step.INVALID;
        }
        long ds = (short) (w & 0xfffc);
        int kind = w & 3;
        if (op == 62) {
            if (kind > 1 || (kind == 1 && ra == 0)) {
                return Step.INVALID;
            }
            long ea = c.base(ra) + ds;
            c.bus.store64(c.ea(ea), c.gpr[rt]);
            if (kind == 1) {
                c.gpr[ra] = ea;
            }
            return Step.NEXT;
        }
        if (kind == 3 || (kind == 1 && (ra == 0 || ra == rt))) {
            return Step.INVALID;
        }
        long ea = c.base(ra) + ds;
        long v = kind == 2 ? (long) c.bus.load32(c.ea(ea)) : c.bus.load64(c.ea(ea));
        if (kind == 1) {
            c.gpr[ra] = ea;
        }
        c.gpr[rt] = v;
        return Step.NEXT;
    }

    /**
     * One load or store of opcode {@code op}'s kind (the D-form opcode; indexed forms map onto it)
     * at {@code (ra|0) + offset}, updating ra when {@code update}.
     */
    private static int access(PpcCore c, int op, int rt, int ra, long offset, boolean update) {
        boolean store = op >= 36 && op <= 39 || op == 44 || op == 45;
        if (update && (ra == 0 || (!store && ra == rt))) {
            return Step.INVALID;
        }
        long ea = c.base(ra) + offset;
        long a = c.ea(ea);
        GuestBus bus = c.bus;
        long v = 0;
        switch (op) {
            case 32: case 33: v = bus.load32(a) & PpcCore.M32; break;
            case 34: case 35: v = bus.load8(a); break;
            case 40: case 41: v = bus.load16(a); break;
            case 42: case 43: v = (short) bus.load16(a); break;
            case 36: case 37: bus.store32(a, (int) c.gpr[rt]); break;
            case 38: case 39: bus.store8(a, (int) c.gpr[rt]); break;
            case 44: case 45: bus.store16(a, (int) c.gpr[rt]); break;
            default: return Step.INVALID;
        }
        if (update) {
            c.gpr[ra] = ea;
        }
        if (!store) {
            c.gpr[rt] = v;
        }
        return Step.NEXT;
    }

    /** Opcode 31 indexed loads and stores, cache-block operations and barriers. */
    static int xForm(PpcCore c, int w, int xo) {
        int rt = w >>> 21 & 31;
        int ra = w >>> 16 & 31;
        int rb = w >>> 11 & 31;
        int op = indexedOpcode(xo);
        if (op != 0) {
            if ((w & 1) != 0) {
                return Step.INVALID;
            }
            return access(c, op, rt, ra, c.gpr[rb], isUpdate(xo));
        }
        switch (xo) {
            case 21: case 53: case 149: case 181: case 341:
                return (w & 1) != 0 || !c.is64 ? Step.INVALID : indexedDoubleword(c, xo, rt, ra, c.gpr[rb]);
            case 54: case 86: case 982: case 278: case 246:
                return cacheHint(c, w, ra, rb, xo);
            case 1014:
                if ((w & 0x03e0_0001) != 0) {
                    return Step.INVALID;
                }
                c.bus.zero(c.ea(c.base(ra) + c.gpr[rb]) & -c.cacheBlock, c.cacheBlock);
                return Step.NEXT;
            case 598:
                return (w & 0x039f_f801) != 0 ? Step.INVALID : Step.NEXT; // sync / lwsync / ptesync
            case 854:
                return (w & 0x03ff_f801) != 0 ? Step.INVALID : Step.NEXT; // eieio
            case 306:
                return (w & 0x0010_0001) != 0 || !c.is64 ? Step.INVALID : Step.NEXT; // tlbie: no TLB here
            case 566:
                return (w & 0x03ff_f801) != 0 ? Step.INVALID : Step.NEXT; // tlbsync
            default:
                return Step.INVALID;
        }
    }

    private static int cacheHint(PpcCore c, int w, int ra, int rb, int xo) {
        if ((w & 1) != 0 || ((xo == 54 || xo == 982) && (w >>> 21 & 31) != 0)) {
            return Step.INVALID;
        }
        if (xo == 54 || xo == 86 || xo == 982) {
            c.bus.load8(c.ea(c.base(ra) + c.gpr[rb]));
        }
        return Step.NEXT; // dcbt / dcbtst are hints: no access, no fault
    }

    private static int indexedDoubleword(PpcCore c, int xo, int rt, int ra, long offset) {
        boolean update = xo == 53 || xo == 181;
        boolean store = xo == 149 || xo == 181;
        if (update && (ra == 0 || (!store && ra == rt))) {
            return Step.INVALID;
        }
        long ea = c.base(ra) + offset;
        long v = 0;
        if (store) {
            c.bus.store64(c.ea(ea), c.gpr[rt]);
        } else {
            v = xo == 341 ? (long) c.bus.load32(c.ea(ea)) : c.bus.load64(c.ea(ea));
        }
        if (update) {
            c.gpr[ra] = ea;
        }
        if (!store) {
            c.gpr[rt] = v;
        }
        return Step.NEXT;
    }

    /** The D-form opcode with the same access as indexed opcode {@code xo}, or 0. */
    private static int indexedOpcode(int xo) {
        switch (xo) {
            case 23: return 32;
            case 55: return 33;
            case 87: return 34;
            case 119: return 35;
            case 151: return 36;
            case 183: return 37;
            case 215: return 38;
            case 247: return 39;
            case 279: return 40;
            case 311: return 41;
            case 343: return 42;
            case 375: return 43;
            case 407: return 44;
            case 439: return 45;
            default: return 0;
        }
    }

    private static boolean isUpdate(int xo) {
        return xo == 55 || xo == 119 || xo == 183 || xo == 247 || xo == 311 || xo == 375 || xo == 439;
    }
}
