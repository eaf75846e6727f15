package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.Step;

/**
 * PowerPC control instructions: branches ({@code b}, {@code bc}, {@code bclr}, {@code bcctr}),
 * CR logical operations and {@code mcrf}, {@code isync}, {@code sc}, {@code rfi}/{@code rfid}, and
 * the special-purpose and machine-state register moves of opcode 31.
 */
final class PpcControl {
    private static final long MSR_PR = 0x4000;
    private static final long MSR_EE = 0x8000;
    private static final long MSR_IR = 0x20;
    private static final long MSR_DR = 0x10;
    private static final long MSR_ME = 0x1000;
    private static final long MSR_RI = 0x2;

    private PpcControl() {
    }

    static int execute(PpcCore c, int w, long cia) {
        switch (w >>> 26) {
            case 18:
                return branch(c, w, cia);
            case 16:
                return branchConditional(c, w, cia);
            case 17:
                return systemCall(c, w, cia);
            default:
                return op19(c, w, cia);
        }
    }

    private static int branch(PpcCore c, int w, long cia) {
        long li = (w << 6 >> 6) & ~3L;
        link(c, w, cia);
        c.pc = c.ia((w & 2) != 0 ? li : cia + li);
        return Step.END_BLOCK;
    }

    private static int branchConditional(PpcCore c, int w, long cia) {
        long bd = (short) (w & 0xfffc);
        boolean taken = conditionHolds(c, w);
        link(c, w, cia);
        c.pc = taken ? c.ia((w & 2) != 0 ? bd : cia + bd) : c.ia(cia + 4);
        return Step.END_BLOCK;
    }

    /** Evaluates BO/BI, decrementing CTR when BO says so. */
    private static boolean conditionHolds(PpcCore c, int w) {
        int bo = w >>> 21 & 31;
        int bi = w >>> 16 & 31;
        boolean ctrOk = true;
        if ((bo & 4) == 0) {
            c.ctr = c.archWidth(c.ctr - 1);
            long counter = c.sf ? c.ctr : c.ctr & PpcCore.M32;
            ctrOk = (counter != 0) ^ ((bo & 2) != 0);
        }
        boolean condOk = (bo & 16) != 0 || c.crBit(bi) == ((bo & 8) != 0);
        return ctrOk && condOk;
    }

    private static void link(PpcCore c, int w, long cia) {
        if ((w & 1) != 0) {
            c.lr = c.ia(cia + 4);
        }
    }

    private static int systemCall(PpcCore c, int w, long cia) {
        if (w != 0x4400_0002) {
            return Step.INVALID;
        }
        c.exception = PpcCore.EXCP_SYSCALL;
        c.pc = c.ia(cia + 4);
        return Step.EXCEPTION;
    }

    private static int op19(PpcCore c, int w, long cia) {
        int xo = w >>> 1 & 0x3ff;
        switch (xo) {
            case 16:
                return branchToRegister(c, w, cia, c.lr);
            case 528:
                if ((w >>> 21 & 4) == 0) {
                    return Step.INVALID; // bcctr with CTR decrement is an invalid form
                }
                return branchToRegister(c, w, cia, c.ctr);
            case 150:
                if ((w & 0x03ff_f801) != 0) {
                    return Step.INVALID;
                }
                c.pc = c.ia(cia + 4); // isync: nothing is prefetched here
                return Step.END_BLOCK;
            case 50:
                return c.is64 || (w & 0x03ff_f801) != 0 ? Step.INVALID : returnFromInterrupt(c, c.srr1 & PpcCore.M32);
            case 18:
                return !c.is64 || (w & 0x03ff_f801) != 0 ? Step.INVALID
                        : returnFromInterrupt(c, (c.srr1 & ~PpcCore.MSR_HV) | (c.msr & PpcCore.MSR_HV));
            case 0:
                return moveConditionField(c, w, cia);
            default:
                return conditionLogical(c, w, cia, xo);
        }
    }

    private static int branchToRegister(PpcCore c, int w, long cia, long target) {
        if ((w & 0xe000) != 0) { // BH (the hint) may be set; bits 16..18 are reserved
            return Step.INVALID;
        }
        boolean taken = conditionHolds(c, w);
        link(c, w, cia);
        c.pc = taken ? c.ia(target & ~3L) : c.ia(cia + 4);
        return Step.END_BLOCK;
    }

    /** rfi / rfid: MSR from SRR1 (a problem-state MSR also gets EE, IR, DR), PC from SRR0. */
    private static int returnFromInterrupt(PpcCore c, long newMsr) {
        if ((newMsr & MSR_PR) != 0) {
            newMsr |= MSR_EE | MSR_IR | MSR_DR;
        }
        c.setMsr(newMsr);
        c.pc = c.ia(c.srr0 & ~3L);
        return Step.END_BLOCK;
    }

    private static int moveConditionField(PpcCore c, int w, long cia) {
        if ((w & 0x0063_f801) != 0) {
            return Step.INVALID;
        }
        int bf = w >>> 23 & 7;
        int bfa = w >>> 18 & 7;
        c.setCrField(bf, c.cr >>> (28 - 4 * bfa) & 0xf);
        c.pc = c.ia(cia + 4);
        return Step.END_BLOCK;
    }

    private static int conditionLogical(PpcCore c, int w, long cia, int xo) {
        if ((w & 1) != 0) {
            return Step.INVALID;
        }
        boolean a = c.crBit(w >>> 16 & 31);
        boolean b = c.crBit(w >>> 11 & 31);
        boolean r;
        switch (xo) {
            case 257: r = a & b; break;
            case 449: r = a | b; break;
            case 193: r = a ^ b; break;
            case 225: r = !(a & b); break;
            case 33: r = !(a | b); break;
            case 289: r = a == b; break;
            case 129: r = a & !b; break;
            case 417: r = a | !b; break;
            default: return Step.INVALID;
        }
        int bt = w >>> 21 & 31;
        int bit = 1 << (31 - bt);
        c.cr = r ? c.cr | bit : c.cr & ~bit;
        c.pc = c.ia(cia + 4);
        return Step.END_BLOCK;
    }

    // ---- opcode 31: special-purpose registers and the MSR -----------------------------------

    /** mfspr, mtspr, mfmsr, mtmsr, mtmsrd, mfcr, mtcrf; {@link Step#INVALID} for anything else. */
    static int system(PpcCore c, int w, long cia, int xo) {
        int rt = w >>> 21 & 31;
        int spr = (w >>> 16 & 31) | (w >>> 11 & 31) << 5;
        switch (xo) {
            case 339:
                return (w & 1) != 0 ? Step.INVALID : moveFromSpr(c, rt, spr);
            case 467:
                return (w & 1) != 0 ? Step.INVALID : moveToSpr(c, rt, spr);
            case 83:
                if ((w & 0x001f_f801) != 0) {
                    return Step.INVALID;
                }
                c.gpr[rt] = c.msr;
                return Step.NEXT;
            case 146:
                return (w & 0x001e_f801) != 0 ? Step.INVALID : moveToMsr(c, c.gpr[rt], (w >>> 16 & 1) != 0, false, cia);
            case 178:
                return !c.is64 || (w & 0x001e_f801) != 0 ? Step.INVALID
                        : moveToMsr(c, c.gpr[rt], (w >>> 16 & 1) != 0, true, cia);
            case 19:
                if ((w & 0x001f_f801) != 0) {
                    return Step.INVALID;
                }
                c.gpr[rt] = c.cr & PpcCore.M32;
                return Step.NEXT;
            case 144:
                return moveToCrFields(c, w, rt);
            default:
                return Step.INVALID;
        }
    }

    private static int moveFromSpr(PpcCore c, int rt, int spr) {
        long v;
        switch (spr) {
            case 1: v = c.xer; break;
            case 8: v = c.lr; break;
            case 9: v = c.ctr; break;
            case 26: v = c.srr0; break;
            case 27: v = c.srr1; break;
            case 272: case 273: case 274: case 275: v = c.sprg[spr - 272]; break;
            case 1023: v = PpcCore.PIR; break;
            default:
                if (!c.is64 || !PpcHypervisorRegisters.has(spr)) {
                    return Step.INVALID;
                }
                v = c.hypervisor.read(spr);
        }
        c.gpr[rt] = v;
        return Step.NEXT;
    }

    private static int moveToSpr(PpcCore c, int rs, int spr) {
        long v = c.archWidth(c.gpr[rs]);
        switch (spr) {
            case 1: c.xer = v & c.xerMask(); break;
            case 8: c.lr = v; break;
            case 9: c.ctr = v; break;
            case 26: c.srr0 = v; break;
            case 27: c.srr1 = v; break;
            case 272: case 273: case 274: case 275: c.sprg[spr - 272] = v; break;
            default:
                if (!c.is64 || !PpcHypervisorRegisters.has(spr)) {
                    return Step.INVALID;
                }
                c.hypervisor.write(spr, v);
        }
        return Step.NEXT;
    }

    /**
     * mtmsr / mtmsrd. L=1 changes only EE and RI. Otherwise ppc32 takes the whole word; ppc64
     * keeps HV, ME and LE (only rfid changes them), mtmsr replaces only the low word, and a
     * problem-state value also sets EE, IR and DR.
     */
    private static int moveToMsr(PpcCore c, long rs, boolean l, boolean doubleword, long cia) {
        long next;
        if (l) {
            long m = MSR_EE | MSR_RI;
            next = (c.msr & ~m) | (rs & m);
        } else if (!c.is64) {
            next = rs & PpcCore.M32;
        } else {
            long keep = PpcCore.MSR_HV | MSR_ME | PpcCore.MSR_LE | (doubleword ? 0 : 0xffff_ffff_0000_0000L);
            next = (c.msr & keep) | (rs & ~keep);
            if ((rs & MSR_PR) != 0) {
                next |= MSR_EE | MSR_IR | MSR_DR;
            }
        }
        c.setMsr(next);
        c.pc = c.ia(cia + 4);
        return Step.END_BLOCK;
    }

    private static int moveToCrFields(PpcCore c, int w, int rs) {
        if ((w & 0x0010_0801) != 0) {
            return Step.INVALID; // mtocrf (bit 11 set) and reserved bits are not implemented
        }
        int fxm = w >>> 12 & 0xff;
        int mask = 0;
        for (int f = 0; f < 8; f++) {
            if ((fxm & (0x80 >>> f)) != 0) {
                mask |= 0xf << (28 - 4 * f);
            }
        }
        c.cr = (c.cr & ~mask) | ((int) c.gpr[rs] & mask);
        return Step.NEXT;
    }
}
