package org.kexeclab.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.FuzzArch;
import org.kexeclab.testkit.LockstepProfile;

/**
 * arm64 and 32-bit arm as the test kit's suites and harnesses drive them: their engine modes
 * (A64; A32 and Thumb, which a run selects with bit 0 of its address), lockstep profiles and
 * fuzzing.
 */
public final class ArmFixtures {
    /** AArch64. */
    public static final EngineMode ARM64 = new EngineMode("arm64", ArmArches.ARM64, Arm64Register.X0,
            Arm64Register.X1, Arm64Register.X2, Arm64Register.X3, Arm64Register.X1, 4, 0, a64General(), program -> 4);
    /** A32. */
    public static final EngineMode ARM = new EngineMode("arm", ArmArches.ARM, ArmRegister.R0, ArmRegister.R1,
            ArmRegister.R2, ArmRegister.R3, ArmRegister.R1, 4, 0, a32General(), program -> 4);
    /** Thumb-2: bit 0 of the run address selects it. */
    public static final EngineMode THUMB = new EngineMode("thumb", ArmArches.ARM, ArmRegister.R0, ArmRegister.R1,
            ArmRegister.R2, ArmRegister.R3, ArmRegister.R1, 2, 1, a32General(), ArmFixtures::thumbSize);

    /** The exception number of the Java engine's ARM alignment faults (QEMU's {@code EXCP_DATA_ABORT}). */
    private static final int ARM_ALIGNMENT_FAULT = 4;

    private ArmFixtures() {
    }

    /** The engine modes of the contract suites, arm64 first. */
    public static List<EngineMode> modes() {
        return List.of(ARM64, ARM, THUMB);
    }

    private static List<Register> a64General() {
        List<Register> out = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            out.add(Arm64Register.x(i));
        }
        return out;
    }

    private static List<Register> a32General() {
        List<Register> out = new ArrayList<>();
        for (int i = 0; i <= 14; i++) {
            out.add(ArmRegister.r(i));
        }
        return out;
    }

    /** A Thumb instruction's size from its first halfword: 4 for the 32-bit encodings. */
    private static int thumbSize(byte[] program) {
        int hw = (program[0] & 0xff) | (program[1] & 0xff) << 8;
        return (hw >>> 11) >= 0x1d ? 4 : 2;
    }

    /** The lockstep profile of {@code arch} (arm64: every register but CPACR_EL1; arm: every register). */
    public static LockstepProfile lockstep(Arch arch) {
        List<Register> regs = new ArrayList<>();
        if (ArmArches.ARM64.equals(arch)) {
            for (Arm64Register r : Arm64Register.values()) {
                if (r != Arm64Register.CPACR_EL1) {
                    regs.add(r);
                }
            }
        } else {
            regs.addAll(List.of(ArmRegister.values()));
        }
        return new ArmLockstepProfile(arch, regs, ArmArches.ARM64.equals(arch) ? 0x7fff_dead_0000L : 0xdead_0000L);
    }

    /** The fuzzing of arm64's random code. */
    public static FuzzArch fuzzArm64() {
        return new A64Fuzz();
    }

    /** The fuzzing of 32-bit arm's random code, A32 and Thumb. */
    public static FuzzArch fuzzArm() {
        return new A32Fuzz();
    }

    /**
     * ARM's quirks in lockstep: Unicorn fires store hooks before a faulting access, never raises
     * the alignment faults the Java engine raises, and its one-instruction budget may fetch a
     * Thumb instruction's second halfword.
     */
    private static final class ArmLockstepProfile extends LockstepProfile {
        ArmLockstepProfile(Arch arch, List<Register> registers, long never) {
            super(arch, registers, never, Writes.ACCESSES, null);
        }

        @Override
        protected boolean faultingStoresHooked() {
            return true;
        }

        @Override
        protected boolean javaOnlyFault(RunResult j) {
            return j.reason() == StopReason.CPU_EXCEPTION && j.exceptionNumber() == ARM_ALIGNMENT_FAULT;
        }

        @Override
        protected boolean fetchAhead(long ahead) {
            return ahead >= 0 && ahead < 4;
        }
    }

    /** A64 random code: the top byte of each word drawn from the common opcodes. */
    private static final class A64Fuzz implements FuzzArch {
        private static final int[] A64_TOP = {0x91, 0xd1, 0xf9, 0xb9, 0xaa, 0x8b, 0xcb, 0xd2, 0xf2, 0xb4, 0x14, 0x54,
            0xd3, 0x9a, 0x38, 0x39, 0xa9, 0xa8, 0xd5, 0x1e, 0x4e, 0x6b, 0xeb, 0x72, 0x12, 0x93, 0x9b, 0x88, 0xc8, 0x36,
            0x37};

        @Override
        public Arch arch() {
            return ArmArches.ARM64;
        }

        @Override
        public int alignment(int mode) {
            return 4;
        }

        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            c[i + 3] = (byte) A64_TOP[r.nextInt(A64_TOP.length)];
        }

        @Override
        public int instructionLength(byte[] c, int mode, long delta) {
            return 4;
        }

        @Override
        public long poolSeed(int mode) {
            return 0x5eed + 2;
        }

        /** x0..x30, SP and NZCV. */
        @Override
        public List<Register> generalRegisters() {
            List<Register> out = new ArrayList<>();
            for (Arm64Register x : Arm64Register.values()) {
                if (x.ordinal() <= Arm64Register.SP.ordinal()) {
                    out.add(x);
                }
            }
            out.add(Arm64Register.NZCV);
            return out;
        }
    }

    /** A32 and Thumb random code: a quarter of the machines run Thumb; A32 words get condition AL. */
    private static final class A32Fuzz implements FuzzArch {
        @Override
        public Arch arch() {
            return ArmArches.ARM;
        }

        @Override
        public int modes() {
            return 2;
        }

        @Override
        public int chooseMode(SplittableRandom r) {
            return r.nextInt(4) == 0 ? 1 : 0;
        }

        @Override
        public String modeName(int mode) {
            return mode == 1 ? " thumb" : "";
        }

        @Override
        public long entryBits(int mode) {
            return mode;
        }

        @Override
        public int alignment(int mode) {
            return mode == 1 ? 2 : 4;
        }

        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            c[i + 3] = (byte) (mode == 1 ? c[i + 3] : (0xe0 | (c[i + 3] & 0x0f)));
        }

        @Override
        public int instructionLength(byte[] c, int mode, long delta) {
            if (mode == 1) {
                int top = (c[1] & 0xf8) >>> 3;
                return top == 0x1d || top == 0x1e || top == 0x1f ? 4 : 2;
            }
            return 4;
        }

        @Override
        public long poolSeed(int mode) {
            return 0x5eed + 4 + mode;
        }

        /** r0..r14. */
        @Override
        public List<Register> generalRegisters() {
            List<Register> out = new ArrayList<>();
            for (ArmRegister x : ArmRegister.values()) {
                if (x.ordinal() < ArmRegister.R15.ordinal()) {
                    out.add(x);
                }
            }
            return out;
        }

        /** The CPSR's flags and Thumb bit. */
        @Override
        public Map<Register, Long> alsoCompared() {
            return Map.of(ArmRegister.CPSR, 0xf800_0020L);
        }
    }
}
