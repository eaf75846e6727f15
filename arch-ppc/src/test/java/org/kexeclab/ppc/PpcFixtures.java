package org.kexeclab.ppc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.FuzzArch;
import org.kexeclab.testkit.LockstepProfile;

/** PowerPC as the test kit's suites and harnesses drive it: engine modes, lockstep profile and fuzzing. */
public final class PpcFixtures {
    /** 32-bit PowerPC, big-endian. */
    public static final EngineMode PPC32 = new EngineMode("ppc32", PpcArches.PPC32, PpcRegister.R3, PpcRegister.R4,
            PpcRegister.R5, PpcRegister.R6, PpcRegister.R4, 4, 0, general(), program -> 4);
    /** 64-bit PowerPC, big-endian. */
    public static final EngineMode PPC64 = new EngineMode("ppc64", PpcArches.PPC64, PpcRegister.R3, PpcRegister.R4,
            PpcRegister.R5, PpcRegister.R6, PpcRegister.R4, 4, 0, general(), program -> 4);

    /**
     * XER is set and compared by its byte count only: Unicorn 2.0.1's register API reads and
     * writes only the raw XER word, not QEMU's separate SO, OV and CA.
     */
    private static final long XER_BYTE_COUNT = 0x7fL;
    private static final int PPC_NOP = 0x60000000;

    private PpcFixtures() {
    }

    /** The 64-bit PowerPC architectures, both byte orders (for parameterised tests). */
    public static Stream<Arch> sixtyFourBit() {
        return Stream.of(PpcArches.PPC64, PpcArches.PPC64LE);
    }

    /** The engine modes of the contract suites. */
    public static List<EngineMode> modes() {
        return List.of(PPC32, PPC64);
    }

    private static List<Register> general() {
        List<Register> out = new ArrayList<>();
        for (int i = 0; i <= 31; i++) {
            out.add(PpcRegister.r(i));
        }
        out.add(PpcRegister.LR);
        out.add(PpcRegister.CTR);
        return out;
    }

    /**
     * The ppc32 lockstep profile (big-endian): every GPR, PC, LR, CTR, CR and MSR, stores compared
     * by byte (Unicorn reports {@code dcbz} as one 32-byte store, the Java engine as four 8-byte
     * ones). XER is not in the list: Unicorn 2.0.1's register API reads only the raw XER word, not
     * QEMU's separate SO/OV/CA, so drivers compare it through {@code mfxer} (see PpcLockstepRandomTest).
     */
    public static LockstepProfile lockstep() {
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            regs.add(PpcRegister.r(i));
        }
        regs.addAll(List.of(PpcRegister.PC, PpcRegister.LR, PpcRegister.CTR, PpcRegister.CR, PpcRegister.MSR));
        return new LockstepProfile(PpcArches.PPC32, regs, 0xffff_ff00L, LockstepProfile.Writes.BYTES, null);
    }

    /** The fuzzing of {@code arch}'s random code (ppc32, ppc64 or ppc64le). */
    public static FuzzArch fuzz(Arch arch) {
        return new PpcFuzz(arch);
    }

    /**
     * PowerPC random code: the primary opcode of each word drawn from the common ones; ppc32's
     * time-base and decrementer accesses, which kill Unicorn 2.0.1, are defused to {@code nop}.
     */
    private static final class PpcFuzz implements FuzzArch {
        private static final int[] PPC_PRIMARY = {14, 15, 31, 31, 31, 32, 36, 21, 24, 25, 18, 16, 19, 58, 62, 30, 11, 10,
            7, 34, 38, 40, 44, 28, 29, 20, 23, 33, 37, 46, 47, 8, 12, 13, 26, 27};
        private final Arch arch;

        PpcFuzz(Arch arch) {
            this.arch = arch;
        }

        @Override
        public Arch arch() {
            return arch;
        }

        @Override
        public int alignment(int mode) {
            return 4;
        }

        /** The primary opcode is the high 6 bits of the word, in its first byte in memory on big-endian. */
        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            int at = arch.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? i : i + 3;
            c[at] = (byte) ((PPC_PRIMARY[r.nextInt(PPC_PRIMARY.length)] << 2) | (c[at] & 3));
        }

        @Override
        public int instructionLength(byte[] c, int mode, long delta) {
            return 4;
        }

        @Override
        public long poolSeed(int mode) {
            return PpcArches.PPC32.equals(arch) ? 0x5eed + 6 : PpcArches.PPC64.equals(arch) ? 0x5eed + 8 : 0x5eed + 10;
        }

        /** Every register but the PC and the MSR. */
        @Override
        public List<Register> generalRegisters() {
            List<Register> out = new ArrayList<>();
            for (PpcRegister x : PpcRegister.values()) {
                if (x != PpcRegister.PC && x != PpcRegister.MSR) {
                    out.add(x);
                }
            }
            return out;
        }

        @Override
        public long settableBits(Register register) {
            return register == PpcRegister.XER ? XER_BYTE_COUNT : -1L;
        }

        @Override
        public long comparedBits(Register register) {
            return register == PpcRegister.XER ? XER_BYTE_COUNT : -1L;
        }

        /** Replaces {@code mfspr/mtspr/mftb} of SPR 22 (DEC) or 268, 269, 284, 285 (TB) by {@code nop}. */
        @Override
        public void defuse(byte[] code) {
            if (arch.wordSize() != 4) {
                return;
            }
            for (int i = 0; i + 4 <= code.length; i += 4) {
                int w = ((code[i] & 0xff) << 24) | ((code[i + 1] & 0xff) << 16) | ((code[i + 2] & 0xff) << 8)
                        | (code[i + 3] & 0xff);
                int xo = (w >>> 1) & 0x3ff;
                int spr = ((w >>> 16) & 0x1f) | (((w >>> 11) & 0x1f) << 5);
                boolean timer = spr == 22 || spr == 268 || spr == 269 || spr == 284 || spr == 285;
                if ((w >>> 26) == 31 && (xo == 339 || xo == 467 || xo == 371) && timer) {
                    code[i] = (byte) (PPC_NOP >>> 24);
                    code[i + 1] = 0;
                    code[i + 2] = 0;
                    code[i + 3] = 0;
                }
            }
        }
    }
}
