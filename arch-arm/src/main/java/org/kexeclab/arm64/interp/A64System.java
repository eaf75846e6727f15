package org.kexeclab.arm64.interp;

import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.interp.Step;

/**
 * A64 system instructions at EL1 with the MMU off: hints ({@code nop}, {@code yield}...) and
 * barriers ({@code dsb/dmb/isb}) are no-ops, as are the cache and TLB maintenance operations
 * {@code dc civac/cvac/cvau/ivac}, {@code ic iallu/ialluis/ivau} and {@code tlbi vmalle1/vmalle1is}
 * (no caches or TLBs are modelled); {@code msr daifset/daifclr}; {@code mrs/msr} of NZCV, DAIF,
 * CurrentEL (read-only), CTR_EL0 (read-only, {@value #CTR_EL0} as on Unicorn) and the EL1
 * registers of {@link Arm64Register}. Any other system register or operation is invalid.
 */
final class A64System {
    /** CTR_EL0 of the emulated core (64-byte lines), the value Unicorn 2.0.1 reports. */
    static final long CTR_EL0 = 0x8444c004L;

    private A64System() {
    }

    static int execute(A64Core c, int w, long cia) {
        int s;
        if ((w & 0xfffff01f) == 0xd503201f || isBarrier(w)) {
            s = Step.NEXT;
        } else if ((w & 0xfffff0df) == 0xd50340df) {
            s = daifImmediate(c, w);
        } else if ((w & 0xfff80000) == 0xd5080000) {
            s = isMaintenance(w & 0xffffffe0, w & 31) ? Step.NEXT : Step.INVALID;
        } else if ((w & 0xffd00000) == 0xd5100000) {
            s = moveSystemRegister(c, w);
        } else {
            s = Step.INVALID;
        }
        if (s == Step.NEXT) {
            c.pc = cia + 4;
            if ((w & 0xfffff0ff) == 0xd50330df) {
                return Step.END_BLOCK; // isb: context synchronization ends the block (as blockSize says)
            }
        }
        return s;
    }

    private static boolean isBarrier(int w) {
        int masked = w & 0xfffff0ff;
        return masked == 0xd503309f || masked == 0xd50330bf || masked == 0xd50330df;
    }

    private static int daifImmediate(A64Core c, int w) {
        long bits = (long) (w >>> 8 & 15) << 6;
        long daif = c.sysReg(Arm64Register.DAIF);
        c.setSysReg(Arm64Register.DAIF, (w & 0x20) == 0 ? daif | bits : daif & ~bits);
        return Step.NEXT;
    }

    /** The data/instruction cache and TLB operations, by {@code sys} encoding without Rt. */
    private static boolean isMaintenance(int op, int rt) {
        switch (op) {
            case 0xd50b7e20: // dc civac
            case 0xd50b7a20: // dc cvac
            case 0xd50b7b20: // dc cvau
            case 0xd5087620: // dc ivac
            case 0xd50b7520: // ic ivau
                return true;
            case 0xd5087500: // ic iallu
            case 0xd5087100: // ic ialluis
            case 0xd5088700: // tlbi vmalle1
            case 0xd5088300: // tlbi vmalle1is
                return rt == 31;
            default:
                return false;
        }
    }

    private static int moveSystemRegister(A64Core c, int w) {
        boolean read = (w & 1 << 21) != 0;
        int key = w >>> 5 & 0xffff;
        int t = w & 31;
        if (key == 0xd801) { // CTR_EL0: 3,3,0,0,1
            if (!read) {
                return Step.INVALID;
            }
            c.setXr(t, CTR_EL0);
            return Step.NEXT;
        }
        if (key == 0xda10) { // NZCV: 3,3,4,2,0
            if (read) {
                c.setXr(t, c.nzcv & A64Core.M32);
            } else {
                c.nzcv = (int) c.xr(t) & 0xf000_0000;
            }
            return Step.NEXT;
        }
        Arm64Register r = register(key);
        if (r == null || (r == Arm64Register.CURRENT_EL && !read)) {
            return Step.INVALID;
        }
        if (read) {
            c.setXr(t, c.sysReg(r));
        } else {
            long v = c.xr(t);
            c.setSysReg(r, r == Arm64Register.DAIF ? v & 0x3c0 : v);
        }
        return Step.NEXT;
    }

    /** The register named by {@code op0:op1:CRn:CRm:op2} bits [20:5] of mrs/msr, or null. */
    private static Arm64Register register(int key) {
        switch (key) {
            case 0xc080: return Arm64Register.SCTLR_EL1;   // 3,0,1,0,0
            case 0xc082: return Arm64Register.CPACR_EL1;   // 3,0,1,0,2
            case 0xc100: return Arm64Register.TTBR0_EL1;   // 3,0,2,0,0
            case 0xc101: return Arm64Register.TTBR1_EL1;   // 3,0,2,0,1
            case 0xc200: return Arm64Register.SPSR_EL1;    // 3,0,4,0,0
            case 0xc201: return Arm64Register.ELR_EL1;     // 3,0,4,0,1
            case 0xc212: return Arm64Register.CURRENT_EL;  // 3,0,4,2,2
            case 0xda11: return Arm64Register.DAIF;        // 3,3,4,2,1
            case 0xc290: return Arm64Register.ESR_EL1;     // 3,0,5,2,0
            case 0xc300: return Arm64Register.FAR_EL1;     // 3,0,6,0,0
            case 0xc510: return Arm64Register.MAIR_EL1;    // 3,0,10,2,0
            case 0xc600: return Arm64Register.VBAR_EL1;    // 3,0,12,0,0
            default: return null;
        }
    }
}
