package org.kexeclab.ppc;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * Rotate-and-mask instructions ({@code rlwinm}, {@code rldicl}, {@code rldicr}) and the
 * GNU shift/clear aliases built on them, each with its record ({@code .}) variant.
 */
final class PpcRotateForms {
    private static final int RLDICL = 0;
    private static final int RLDICR = 1;

    private PpcRotateForms() {
    }

    /** Adds the 32-bit forms to {@code common} and the 64-bit-only forms to {@code only64}. */
    static void register(Map<String, PpcForm> common, Map<String, PpcForm> only64) {
        for (boolean rc : new boolean[] {false, true}) {
            String dot = rc ? "." : "";
            common.put("rlwinm" + dot, o -> rlwinm(o, rc));
            common.put("slwi" + dot, o -> word(o, rc, n -> new int[] {n, 0, 31 - n}));
            common.put("srwi" + dot, o -> word(o, rc, n -> new int[] {n == 0 ? 0 : 32 - n, n, 31}));
            common.put("clrrwi" + dot, o -> word(o, rc, n -> new int[] {0, 0, 31 - n}));
            common.put("clrlwi" + dot, o -> word(o, rc, n -> new int[] {0, n, 31}));
            only64.put("rldicl" + dot, o -> rld(o, RLDICL, rc));
            only64.put("rldicr" + dot, o -> rld(o, RLDICR, rc));
            only64.put("sldi" + dot, o -> doubleword(o, RLDICR, rc, n -> new int[] {n, 63 - n}));
            only64.put("srdi" + dot, o -> doubleword(o, RLDICL, rc, n -> new int[] {n == 0 ? 0 : 64 - n, n}));
            only64.put("clrrdi" + dot, o -> doubleword(o, RLDICR, rc, n -> new int[] {0, 63 - n}));
            only64.put("clrldi" + dot, o -> doubleword(o, RLDICL, rc, n -> new int[] {0, n}));
        }
    }

    /** Computes an alias's rotate fields from its count operand. */
    @FunctionalInterface
    private interface Fields {
        int[] of(int n);
    }

    private static int rlwinm(PpcOperands o, boolean rc) throws AssemblyException {
        o.expect(5, 5);
        int sh = (int) o.field(2, 0, 31);
        int mb = (int) o.field(3, 0, 31);
        int me = (int) o.field(4, 0, 31);
        return PpcWords.mForm(21, o.gpr(1), o.gpr(0), sh, mb, me, rc);
    }

    /** {@code slwi/srwi/clrrwi/clrlwi ra,rs,n} with n in 0..31. */
    private static int word(PpcOperands o, boolean rc, Fields fields) throws AssemblyException {
        o.expect(3, 3);
        int[] f = fields.of((int) o.field(2, 0, 31));
        return PpcWords.mForm(21, o.gpr(1), o.gpr(0), f[0], f[1], f[2], rc);
    }

    private static int rld(PpcOperands o, int xo, boolean rc) throws AssemblyException {
        o.expect(4, 4);
        int sh = (int) o.field(2, 0, 63);
        int mbe = (int) o.field(3, 0, 63);
        return PpcWords.mdForm(o.gpr(1), o.gpr(0), sh, mbe, xo, rc);
    }

    /** {@code sldi/srdi/clrrdi/clrldi ra,rs,n} with n in 0..63. */
    private static int doubleword(PpcOperands o, int xo, boolean rc, Fields fields) throws AssemblyException {
        o.expect(3, 3);
        int[] f = fields.of((int) o.field(2, 0, 63));
        return PpcWords.mdForm(o.gpr(1), o.gpr(0), f[0], f[1], xo, rc);
    }
}
