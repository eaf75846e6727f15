package org.kexeclab.ppc.interp;

import java.util.Random;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Lockstep;

/**
 * Draws one random case of a {@link PpcForm}: the instruction word and the register values it
 * needs (memory operands inside the data pages, branch options from the architected BO values),
 * written to both CPUs of a {@link Lockstep}.
 */
final class PpcRandomCases {
    /** The code pages: every case gets fresh 20-byte slot here (Unicorn caches translated code). */
    static final long CODE = 0x100000;
    static final long CODE_SIZE = 0x400000;
    /** Two data pages that loads and stores hit. */
    static final long DATA = 0x20000;
    static final long DATA_SIZE = 0x2000;
    private static final int[] BO = {0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15, 16, 17, 24, 25,
        18, 19, 26, 27, 20};
    private static final int[] BO_NO_DECREMENT = {4, 5, 6, 7, 12, 13, 14, 15, 20};
    /** Real-mode MSR values (no IR, DR or PR, which Unicorn would translate or trap). */
    static final long[] MSRS = {0x40, 0x1002, 0x1000, 0x2, 0x8000, 0x9002, 0x1042};

    private final Random random;

    PpcRandomCases(long seed) {
        this.random = new Random(seed);
    }

    /** A random XER: SO, OV, CA and the byte count. */
    long xer() {
        return (random.nextInt(8) << 29 | random.nextInt(128)) & 0xffff_ffffL;
    }

    /** A 32-bit value that is often at an edge (0, 1, -1, the sign bit, 0x7fffffff) or small. */
    long interesting() {
        switch (random.nextInt(8)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return 0xffff_ffffL;
            case 3: return 0x8000_0000L;
            case 4: return 0x7fff_ffffL;
            case 5: return random.nextInt(256);
            case 6: return (short) random.nextInt() & 0xffff_ffffL;
            default: return random.nextInt() & 0xffff_ffffL;
        }
    }

    /**
     * Draws the word of {@code form} (re-drawing invalid update forms) and prepares both CPUs,
     * keeping r0 (which holds the XER value for the slot's {@code mtxer r0}).
     */
    int prepareAfterXer(PpcForm form, Lockstep pair) {
        for (int r = 1; r < 32; r++) {
            pair.set(PpcRegister.r(r), interesting());
        }
        pair.set(PpcRegister.CR, random.nextInt() & 0xffff_ffffL);
        pair.set(PpcRegister.LR, interesting());
        pair.set(PpcRegister.CTR, random.nextBoolean() ? random.nextInt(3) : interesting());
        pair.set(PpcRegister.MSR, 0x40);
        int word;
        do {
            word = form.encode(random.nextInt());
        } while (invalidUpdate(form, word));
        switch (form.kind()) {
            case MEMORY_D: placeD(pair, word); break;
            case MEMORY_X: placeX(pair, word); break;
            case BRANCH: word = withBo(word, BO); break;
            case BRANCH_CTR: word = withBo(word, BO_NO_DECREMENT); break;
            case MSR: pair.set(PpcRegister.r(word >>> 21 & 31), MSRS[random.nextInt(MSRS.length)]); break;
            case RETURN: returnState(pair); break;
            default: break;
        }
        return word;
    }

    private int withBo(int word, int[] values) {
        return (word & ~0x03e0_0000) | values[random.nextInt(values.length)] << 21;
    }

    /** Update forms with ra = 0, and loads with ra = rt, are invalid forms: not drawn. */
    static boolean invalidUpdate(PpcForm form, int word) {
        int op = word >>> 26;
        int xo = word >>> 1 & 0x3ff;
        boolean update = form.kind() == PpcForm.Kind.MEMORY_D ? (op & 1) == 1
                : form.kind() == PpcForm.Kind.MEMORY_X && op == 31 && (xo & 0x1f) == 23 && (xo & 32) != 0;
        if (!update) {
            return false;
        }
        int rt = word >>> 21 & 31;
        int ra = word >>> 16 & 31;
        boolean store = op >= 36 && op <= 39 || op == 44 || op == 45 || (op == 31 && (xo & 0x80) != 0 && xo != 375);
        return ra == 0 || (!store && ra == rt);
    }

    private long effectiveAddress(int align) {
        return (DATA + random.nextInt((int) DATA_SIZE - 8)) & -align;
    }

    private void placeD(Lockstep pair, int word) {
        int ra = word >>> 16 & 31;
        long d = (short) word;
        long ea = effectiveAddress(1);
        if (ra != 0) {
            pair.set(PpcRegister.r(ra), (ea - d) & 0xffff_ffffL);
        }
    }

    private void placeX(Lockstep pair, int word) {
        int ra = word >>> 16 & 31;
        int rb = word >>> 11 & 31;
        long ea = effectiveAddress(2);
        if (ra == 0) {
            pair.set(PpcRegister.r(rb), ea);
        } else if (ra == rb) {
            pair.set(PpcRegister.r(ra), ea / 2);
        } else {
            long b = interesting();
            pair.set(PpcRegister.r(rb), b);
            pair.set(PpcRegister.r(ra), (ea - b) & 0xffff_ffffL);
        }
    }

    private void returnState(Lockstep pair) {
        // SRR0/SRR1 are not in the register enum: set them with mtspr, run before the rfi
        pair.set(PpcRegister.R3, interesting() & ~3L);
        pair.set(PpcRegister.R4, MSRS[random.nextInt(MSRS.length)]);
    }
}
