package org.kexeclab.arm.unicorn;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UcRegisterAccess;
import org.kexeclab.engine.unicorn.UnicornTarget;

/**
 * arm64 on Unicorn 2.0.1 ({@code arm64.h}, numbers checked with a C program against the installed
 * headers): {@code UC_ARCH_ARM64}, little-endian. System registers without their own number go
 * through {@code UC_ARM64_REG_CP_REG} with their {@code op0, op1, CRn, CRm, op2} encoding; DAIF
 * and CurrentEL are bit fields of PSTATE (reading CurrentEL as a coprocessor register aborts the
 * whole process in 2.0.1: a {@code raw_read} assertion). QEMU's {@code EXCP_UDEF} (1) is an
 * undefined instruction.
 */
public final class Arm64UnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_ARM64 = 2;
    private static final int UC_MODE_LITTLE_ENDIAN = 0;
    /** {@code UC_ARM64_REG_CP_REG}. */
    private static final int UC_ARM64_REG_CP_REG = 290;
    /** {@code UC_ARM64_REG_PSTATE}. */
    private static final int UC_ARM64_REG_PSTATE = 265;
    private static final UcRegister[] REGISTERS = new UcRegister[Arm64Register.values().length];

    static {
        for (int i = 0; i <= 28; i++) {
            set(Arm64Register.x(i), 199 + i);
        }
        set(Arm64Register.X29, 1);
        set(Arm64Register.X30, 2);
        set(Arm64Register.SP, 4);
        set(Arm64Register.PC, 260);
        set(Arm64Register.NZCV, 3);
        REGISTERS[Arm64Register.SCTLR_EL1.ordinal()] = new Coprocessor(3, 0, 1, 0, 0);
        set(Arm64Register.TTBR0_EL1, 274);
        set(Arm64Register.TTBR1_EL1, 275);
        REGISTERS[Arm64Register.DAIF.ordinal()] = new PstateField(0x3c0L, true);
        set(Arm64Register.CPACR_EL1, 261);
        REGISTERS[Arm64Register.CURRENT_EL.ordinal()] = new PstateField(0xcL, false);
        set(Arm64Register.VBAR_EL1, 287);
        set(Arm64Register.ELR_EL1, 267);
        REGISTERS[Arm64Register.SPSR_EL1.ordinal()] = new Coprocessor(3, 0, 4, 0, 0);
        set(Arm64Register.MAIR_EL1, 285);
        set(Arm64Register.ESR_EL1, 277);
        set(Arm64Register.FAR_EL1, 281);
    }

    private static void set(Arm64Register r, int id) {
        REGISTERS[r.ordinal()] = UcRegister.of(id);
    }

    @Override
    public int ucArch() {
        return UC_ARCH_ARM64;
    }

    @Override
    public int ucMode() {
        return UC_MODE_LITTLE_ENDIAN;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof Arm64Register r ? REGISTERS[r.ordinal()] : null;
    }

    @Override
    public OptionalLong undefinedInstructionAt(int number, long pc) {
        return number == ArmUnicornTarget.EXCP_UDEF ? OptionalLong.of(pc) : OptionalLong.empty();
    }

    /**
     * A system register reached through {@code UC_ARM64_REG_CP_REG}: Unicorn reads and writes
     * {@code uc_arm64_cp_reg {u32 crn, crm, op0, op1, op2; u64 val}}.
     */
    private record Coprocessor(int op0, int op1, int crn, int crm, int op2) implements UcRegister {
        @Override
        public int id() {
            return -1;
        }

        @Override
        public long read(Register register, UcRegisterAccess access) {
            fill(access.buffer(), 0);
            access.read(UC_ARM64_REG_CP_REG, register);
            return access.buffer().getLong(24);
        }

        @Override
        public void write(Register register, UcRegisterAccess access, long value) {
            fill(access.buffer(), value);
            access.write(UC_ARM64_REG_CP_REG, register);
        }

        private void fill(ByteBuffer b, long value) {
            b.putInt(0, crn).putInt(4, crm).putInt(8, op0).putInt(12, op1).putInt(16, op2).putInt(20, 0)
                    .putLong(24, value);
        }
    }

    /** A bit field of PSTATE ({@code mask}), read and written through {@code UC_ARM64_REG_PSTATE}. */
    private record PstateField(long mask, boolean writable) implements UcRegister {
        @Override
        public int id() {
            return -1;
        }

        @Override
        public long read(Register register, UcRegisterAccess access) {
            return pstate(register, access) & mask;
        }

        @Override
        public void write(Register register, UcRegisterAccess access, long value) {
            if (!writable) {
                throw new IllegalArgumentException("CurrentEL is read-only: the exception level changes by eret or exceptions");
            }
            long pstate = pstate(register, access);
            access.buffer().putLong(0, (pstate & ~mask) | (value & mask));
            access.write(UC_ARM64_REG_PSTATE, register);
        }

        private static long pstate(Register register, UcRegisterAccess access) {
            access.buffer().putLong(0, 0L);
            access.read(UC_ARM64_REG_PSTATE, register);
            return access.buffer().getLong(0);
        }
    }
}
