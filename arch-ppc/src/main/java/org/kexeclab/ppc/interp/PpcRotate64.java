package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.Step;

/** The 64-bit rotates of opcode 30: rldicl, rldicr, rldic, rldimi (MD form), rldcl, rldcr (MDS form). */
final class PpcRotate64 {

    private PpcRotate64() {
    }

    static int execute(PpcCore c, int w, int rs, int ra) {
        int field = w >>> 5 & 0x3f;
        int mb = field >>> 1 | (field & 1) << 5;
        int sh = (w >>> 11 & 31) | (w >>> 1 & 1) << 5;
        long v = c.gpr[rs];
        long r;
        switch (w >>> 2 & 7) {
            case 0: r = Long.rotateLeft(v, sh) & PpcAlu.mask(mb, 63); break;
            case 1: r = Long.rotateLeft(v, sh) & PpcAlu.mask(0, mb); break;
            case 2: r = Long.rotateLeft(v, sh) & PpcAlu.mask(mb, 63 - sh); break;
            case 3: {
                long m = PpcAlu.mask(mb, 63 - sh);
                r = (Long.rotateLeft(v, sh) & m) | (c.gpr[ra] & ~m);
                break;
            }
            case 4: {
                int n = (int) c.gpr[w >>> 11 & 31] & 63;
                int xo = w >>> 1 & 15;
                if (xo == 8) {
                    r = Long.rotateLeft(v, n) & PpcAlu.mask(mb, 63);
                } else if (xo == 9) {
                    r = Long.rotateLeft(v, n) & PpcAlu.mask(0, mb);
                } else {
                    return Step.INVALID;
                }
                break;
            }
            default:
                return Step.INVALID;
        }
        c.gpr[ra] = r;
        if ((w & 1) != 0) {
            c.cr0(r);
        }
        return Step.NEXT;
    }
}
