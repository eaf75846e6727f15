package org.kexeclab.riscv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.FuzzArch;
import org.kexeclab.testkit.LockstepProfile;

/** The riscv64 fixtures of the test kit's suites: its engine mode, lockstep profile and fuzzing. */
public final class RiscvFixtures {
    /** RV64: a0 arith, a1 second operand, a2 multiplier and counter, a3 store base, a1 fault address. */
    public static final EngineMode RISCV64 = new EngineMode("riscv64", RiscvArches.RISCV64, RiscvRegister.A0,
            RiscvRegister.A1, RiscvRegister.A2, RiscvRegister.A3, RiscvRegister.A1, 4, 0, integerRegisters(),
            program -> 4);

    private RiscvFixtures() {
    }

    /** x1..x31 (x0 is always 0). */
    public static List<Register> integerRegisters() {
        List<Register> out = new ArrayList<>();
        for (int i = 1; i < 32; i++) {
            out.add(RiscvRegister.x(i));
        }
        return out;
    }

    /** Every register: the integer registers, the pc and every CSR both engines have. */
    public static LockstepProfile lockstep() {
        List<Register> regs = new ArrayList<>(List.of(RiscvRegister.values()));
        regs.remove(RiscvRegister.ZERO);
        return new LockstepProfile(RiscvArches.RISCV64, regs, 0x7fff_dead_0000L, LockstepProfile.Writes.ACCESSES,
                null) {
            /**
             * Unicorn's step; after an illegal instruction its pc register stays 4 bytes past the
             * instruction the run's result names (RiscvUnicornFactsTest), so the register is put
             * back on the instruction, where the Java engine's hart stops.
             */
            @Override
            protected RunResult runReference(Cpu unicorn, long pc, Cpu java, RunResult j) {
                RunResult u = super.runReference(unicorn, pc, java, j);
                if (u.reason() == StopReason.INVALID_INSTRUCTION) {
                    unicorn.writeRegister(RiscvRegister.PC, u.pc());
                }
                return u;
            }
        };
    }

    /** The fuzzing of riscv64's random code. */
    public static FuzzArch fuzz() {
        return new Rv64Fuzz();
    }

    /**
     * RV64 random code: the low seven bits of each word drawn from the opcodes the Java engine
     * implements (and two it does not), so most words are 32-bit instructions of RV64IM + Zicsr.
     */
    private static final class Rv64Fuzz implements FuzzArch {
        private static final int[] OPCODES = {0x03, 0x13, 0x13, 0x1b, 0x23, 0x33, 0x33, 0x3b, 0x37, 0x17, 0x63, 0x6f,
            0x67, 0x0f, 0x73, 0x2f, 0x07};

        @Override
        public Arch arch() {
            return RiscvArches.RISCV64;
        }

        @Override
        public int alignment(int mode) {
            return 4;
        }

        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            c[i] = (byte) (c[i] & 0x80 | OPCODES[r.nextInt(OPCODES.length)]);
        }

        @Override
        public int instructionLength(byte[] c, int mode, long delta) {
            return 4;
        }

        @Override
        public long poolSeed(int mode) {
            return 0x5eed + 70;
        }

        @Override
        public List<Register> generalRegisters() {
            return integerRegisters();
        }

        /** The supervisor CSRs the stub and the probe touch, compared whole. */
        @Override
        public Map<Register, Long> alsoCompared() {
            return Map.of(RiscvRegister.SATP, -1L, RiscvRegister.STVEC, -1L, RiscvRegister.SIE, -1L,
                    RiscvRegister.SSTATUS, -1L, RiscvRegister.SSCRATCH, -1L);
        }
    }
}
