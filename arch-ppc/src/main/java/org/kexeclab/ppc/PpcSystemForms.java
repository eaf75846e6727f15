package org.kexeclab.ppc;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * Supervisor and cache instructions: SPR and MSR moves, {@code rfi/rfid}, {@code sc},
 * {@code sync/isync} and the cache-block operations.
 */
final class PpcSystemForms {
    private static final int MTSPR = 467;
    private static final int MFSPR = 339;
    private static final int LR = 8;
    private static final int CTR = 9;

    private PpcSystemForms() {
    }

    /** Adds the 32-bit forms to {@code common} and the 64-bit-only forms to {@code only64}. */
    static void register(Map<String, PpcForm> common, Map<String, PpcForm> only64) {
        common.put("mtspr", o -> {
            o.expect(2, 2);
            return PpcWords.sprForm(o.gpr(1), o.spr(0), MTSPR);
        });
        common.put("mfspr", o -> {
            o.expect(2, 2);
            return PpcWords.sprForm(o.gpr(0), o.spr(1), MFSPR);
        });
        common.put("mtlr", o -> moveSpr(o, LR, MTSPR));
        common.put("mtctr", o -> moveSpr(o, CTR, MTSPR));
        common.put("mflr", o -> moveSpr(o, LR, MFSPR));
        common.put("mfctr", o -> moveSpr(o, CTR, MFSPR));
        common.put("mfmsr", o -> {
            o.expect(1, 1);
            return PpcWords.xForm(31, o.gpr(0), 0, 0, 83, false);
        });
        common.put("mtmsr", o -> moveToMsr(o, 146));
        only64.put("mtmsrd", o -> moveToMsr(o, 178));
        common.put("rfi", o -> fixed(o, PpcWords.xForm(19, 0, 0, 0, 50, false)));
        only64.put("rfid", o -> fixed(o, PpcWords.xForm(19, 0, 0, 0, 18, false)));
        common.put("sc", PpcSystemForms::systemCall);
        common.put("sync", o -> fixed(o, PpcWords.xForm(31, 0, 0, 0, 598, false)));
        common.put("isync", o -> fixed(o, PpcWords.xForm(19, 0, 0, 0, 150, false)));
        common.put("dcbst", o -> cacheBlock(o, 54));
        common.put("dcbf", o -> cacheBlock(o, 86));
        common.put("icbi", o -> cacheBlock(o, 982));
        common.put("dcbz", o -> cacheBlock(o, 1014));
    }

    private static int moveSpr(PpcOperands o, int spr, int xo) throws AssemblyException {
        o.expect(1, 1);
        return PpcWords.sprForm(o.gpr(0), spr, xo);
    }

    /** {@code mtmsr rs[,L]} / {@code mtmsrd rs[,L]}: L = 1 changes only EE and RI. */
    private static int moveToMsr(PpcOperands o, int xo) throws AssemblyException {
        o.expect(1, 2);
        int l = o.count() == 2 ? (int) o.field(1, 0, 1) : 0;
        return PpcWords.xForm(31, o.gpr(0), l, 0, xo, false);
    }

    /** {@code sc [lev]}: system call; LEV 1 is the hypervisor call a paravirtualised guest makes. */
    private static int systemCall(PpcOperands o) throws AssemblyException {
        o.expect(0, 1);
        int lev = o.count() == 1 ? (int) o.field(0, 0, 127) : 0;
        return (17 << 26) | (lev << 5) | 2;
    }

    private static int fixed(PpcOperands o, int word) throws AssemblyException {
        o.expect(0, 0);
        return word;
    }

    /** {@code dcbst/dcbf/icbi/dcbz ra,rb}: the effective address is (ra|0) + rb. */
    private static int cacheBlock(PpcOperands o, int xo) throws AssemblyException {
        o.expect(2, 2);
        return PpcWords.xForm(31, 0, o.gpr(0), o.gpr(1), xo, false);
    }
}
