package org.kexeclab.ppc.interp;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.ppc.interp.PpcForm.Kind;

/**
 * Every 32-bit instruction form the Java engine implements for PowerPC, as encodings with their
 * random operand bits. The bit layouts are the Power ISA's (big-endian bit 0 = 0x80000000).
 */
final class PpcFormCatalog {
    private static final int RT_RA_RB_RC = 0x03ff_f801;
    private static final int RT_RA_RC = 0x03ff_0001;
    private static final int OE = 0x400;
    private static final int D_FORM = 0x03ff_ffff;

    private PpcFormCatalog() {
    }

    /** The forms Unicorn's ppc32 model runs too, so they can be compared in lockstep. */
    static List<PpcForm> forms32() {
        List<PpcForm> f = new ArrayList<>();
        immediates(f);
        rotatesAndLogic(f);
        arithmetic(f);
        memory(f);
        control(f);
        return f;
    }

    private static int op(int primary) {
        return primary << 26;
    }

    private static int x(int xo) {
        return op(31) | xo << 1;
    }

    private static void immediates(List<PpcForm> f) {
        String[] names = {"mulli", "subfic", "addic", "addic.", "addi", "addis", "ori", "oris", "xori", "xoris",
            "andi.", "andis."};
        int[] ops = {7, 8, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29};
        for (int i = 0; i < ops.length; i++) {
            f.add(new PpcForm(names[i], op(ops[i]), D_FORM, Kind.ALU));
        }
        f.add(new PpcForm("cmpwi", op(11), 0x039f_ffff, Kind.ALU));
        f.add(new PpcForm("cmplwi", op(10), 0x039f_ffff, Kind.ALU));
    }

    private static void rotatesAndLogic(List<PpcForm> f) {
        f.add(new PpcForm("rlwimi[.]", op(20), D_FORM, Kind.ALU));
        f.add(new PpcForm("rlwinm[.]", op(21), D_FORM, Kind.ALU));
        f.add(new PpcForm("rlwnm[.]", op(23), D_FORM, Kind.ALU));
        String[] names = {"and[.]", "or[.]", "xor[.]", "nor[.]", "andc[.]", "orc[.]", "nand[.]", "eqv[.]",
            "slw[.]", "srw[.]", "sraw[.]", "srawi[.]"};
        int[] xos = {28, 444, 316, 124, 60, 412, 476, 284, 24, 536, 792, 824};
        for (int i = 0; i < xos.length; i++) {
            f.add(new PpcForm(names[i], x(xos[i]), RT_RA_RB_RC, Kind.ALU));
        }
        f.add(new PpcForm("extsb[.]", x(954), RT_RA_RC, Kind.ALU));
        f.add(new PpcForm("extsh[.]", x(922), RT_RA_RC, Kind.ALU));
        f.add(new PpcForm("cntlzw[.]", x(26), RT_RA_RC, Kind.ALU));
        f.add(new PpcForm("cmpw", x(0), 0x039f_f800, Kind.ALU));
        f.add(new PpcForm("cmplw", x(32), 0x039f_f800, Kind.ALU));
    }

    private static void arithmetic(List<PpcForm> f) {
        String[] names = {"add", "addc", "adde", "subf", "subfc", "subfe", "mullw"};
        int[] xos = {266, 10, 138, 40, 8, 136, 235};
        for (int i = 0; i < xos.length; i++) {
            f.add(new PpcForm(names[i] + "[o][.]", x(xos[i]), RT_RA_RB_RC | OE, Kind.ALU));
        }
        String[] unary = {"addze", "addme", "subfze", "subfme", "neg"};
        int[] uxos = {202, 234, 200, 232, 104};
        for (int i = 0; i < uxos.length; i++) {
            f.add(new PpcForm(unary[i] + "[o][.]", x(uxos[i]), RT_RA_RC | OE, Kind.ALU));
        }
        f.add(new PpcForm("mulhw[.]", x(75), RT_RA_RB_RC, Kind.ALU));
        f.add(new PpcForm("mulhwu[.]", x(11), RT_RA_RB_RC, Kind.ALU));
    }

    private static void memory(List<PpcForm> f) {
        String[] d = {"lwz", "lwzu", "lbz", "lbzu", "stw", "stwu", "stb", "stbu", "lhz", "lhzu", "lha", "lhau",
            "sth", "sthu"};
        for (int i = 0; i < d.length; i++) {
            f.add(new PpcForm(d[i], op(32 + i), D_FORM, Kind.MEMORY_D));
        }
        String[] xn = {"lwzx", "lwzux", "lbzx", "lbzux", "stwx", "stwux", "stbx", "stbux", "lhzx", "lhzux",
            "lhax", "lhaux", "sthx", "sthux"};
        int[] xos = {23, 55, 87, 119, 151, 183, 215, 247, 279, 311, 343, 375, 407, 439};
        for (int i = 0; i < xos.length; i++) {
            f.add(new PpcForm(xn[i], x(xos[i]), 0x03ff_f800, Kind.MEMORY_X));
        }
        f.add(new PpcForm("dcbst", x(54), 0x001f_f800, Kind.MEMORY_X));
        f.add(new PpcForm("dcbf", x(86), 0x001f_f800, Kind.MEMORY_X));
        f.add(new PpcForm("icbi", x(982), 0x001f_f800, Kind.MEMORY_X));
        f.add(new PpcForm("dcbz", x(1014), 0x001f_f800, Kind.MEMORY_X));
        f.add(new PpcForm("sync", x(598), 0, Kind.ALU));
        f.add(new PpcForm("eieio", x(854), 0, Kind.ALU));
    }

    private static void control(List<PpcForm> f) {
        f.add(new PpcForm("b[l][a]", op(18), 0x03ff_ffff, Kind.ALU));
        f.add(new PpcForm("bc[l][a]", op(16), 0x001f_ffff, Kind.BRANCH));
        f.add(new PpcForm("bclr[l]", op(19) | 16 << 1, 0x001f_0001, Kind.BRANCH));
        f.add(new PpcForm("bcctr[l]", op(19) | 528 << 1, 0x001f_0001, Kind.BRANCH_CTR));
        String[] cr = {"crand", "cror", "crxor", "crnand", "crnor", "creqv", "crandc", "crorc"};
        int[] xos = {257, 449, 193, 225, 33, 289, 129, 417};
        for (int i = 0; i < xos.length; i++) {
            f.add(new PpcForm(cr[i], op(19) | xos[i] << 1, 0x03ff_f800, Kind.ALU));
        }
        f.add(new PpcForm("mcrf", op(19), 0x039c_0000, Kind.ALU));
        f.add(new PpcForm("isync", op(19) | 150 << 1, 0, Kind.ALU));
        f.add(new PpcForm("mfcr", x(19), 0x03e0_0000, Kind.ALU));
        f.add(new PpcForm("mtcrf", x(144), 0x03ef_f000, Kind.ALU));
        spr(f, "xer", 1);
        spr(f, "lr", 8);
        spr(f, "ctr", 9);
        spr(f, "srr0", 26);
        spr(f, "srr1", 27);
        for (int n = 0; n < 4; n++) {
            spr(f, "sprg" + n, 272 + n);
        }
        f.add(new PpcForm("mfspr PIR", x(339) | sprField(1023), 0x03e0_0000, Kind.ALU));
        f.add(new PpcForm("mfmsr", x(83), 0x03e0_0000, Kind.ALU));
        f.add(new PpcForm("mtmsr", x(146), 0x03e0_0000, Kind.MSR));
        f.add(new PpcForm("rfi", op(19) | 50 << 1, 0, Kind.RETURN));
    }

    private static int sprField(int spr) {
        return (spr & 31) << 16 | (spr >>> 5) << 11;
    }

    private static void spr(List<PpcForm> f, String name, int spr) {
        f.add(new PpcForm("mfspr " + name, x(339) | sprField(spr), 0x03e0_0000, Kind.ALU));
        f.add(new PpcForm("mtspr " + name, x(467) | sprField(spr), 0x03e0_0000, Kind.ALU));
    }
}
