package org.kexeclab.ppc;

/**
 * Packs PowerPC instruction fields into 32-bit words. Field names follow the Power ISA
 * (RT/RS, RA, RB, primary opcode, extended opcode XO, record bit Rc); shifts are given in
 * least-significant-bit numbering.
 */
final class PpcWords {
    private PpcWords() {
    }

    /** D-form: opcode, RT/RS (or BF/L), RA, 16-bit immediate. */
    static int dForm(int opcode, int rt, int ra, int imm16) {
        return opcode << 26 | rt << 21 | ra << 16 | (imm16 & 0xffff);
    }

    /** DS-form: opcode, RT/RS, RA, displacement (multiple of 4), 2-bit XO. */
    static int dsForm(int opcode, int rt, int ra, int ds, int xo) {
        return opcode << 26 | rt << 21 | ra << 16 | (ds & 0xfffc) | xo;
    }

    /** X-form: opcode, RT/RS, RA, RB, 10-bit XO, Rc. */
    static int xForm(int opcode, int rt, int ra, int rb, int xo, boolean rc) {
        return opcode << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1 | (rc ? 1 : 0);
    }

    /** M-form rotate: opcode 21 ({@code rlwinm}), RS, RA, SH, MB, ME, Rc. */
    static int mForm(int opcode, int rs, int ra, int sh, int mb, int me, boolean rc) {
        return opcode << 26 | rs << 21 | ra << 16 | sh << 11 | mb << 6 | me << 1 | (rc ? 1 : 0);
    }

    /**
     * MD-form rotate (opcode 30): RS, RA, 6-bit SH split as sh[0:4] and sh[5], 6-bit MB/ME
     * stored with its high bit last, 3-bit XO, Rc.
     */
    static int mdForm(int rs, int ra, int sh, int mbe, int xo, boolean rc) {
        int mbeField = (mbe & 0x1f) << 1 | (mbe >> 5);
        return 30 << 26 | rs << 21 | ra << 16 | (sh & 0x1f) << 11 | mbeField << 5
                | xo << 2 | (sh >> 5) << 1 | (rc ? 1 : 0);
    }

    /** I-form branch: 24-bit word displacement field (already masked), AA, LK. */
    static int iForm(int li, boolean absolute, boolean link) {
        return 18 << 26 | (li & 0x03fffffc) | (absolute ? 2 : 0) | (link ? 1 : 0);
    }

    /** B-form conditional branch: BO, BI, 14-bit word displacement field, AA, LK. */
    static int bForm(int bo, int bi, int bd, boolean absolute, boolean link) {
        return 16 << 26 | bo << 21 | bi << 16 | (bd & 0xfffc) | (absolute ? 2 : 0) | (link ? 1 : 0);
    }

    /** XFX-form move to/from SPR: the 10-bit SPR number is stored with its halves swapped. */
    static int sprForm(int rt, int spr, int xo) {
        int swapped = (spr & 0x1f) << 5 | (spr >> 5);
        return 31 << 26 | rt << 21 | swapped << 11 | xo << 1;
    }
}
