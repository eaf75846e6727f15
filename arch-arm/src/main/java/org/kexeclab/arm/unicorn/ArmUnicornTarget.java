package org.kexeclab.arm.unicorn;

import java.util.OptionalLong;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UnicornTarget;

/**
 * 32-bit arm on Unicorn 2.0.1 ({@code arm.h}): {@code UC_ARCH_ARM} in {@code UC_MODE_ARM}, Thumb
 * selected by bit 0 of a run's address (the PC never carries it, so a run stops at
 * {@code until & ~1}); QEMU's {@code EXCP_UDEF} (1) is an undefined instruction.
 */
public final class ArmUnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_ARM = 1;
    private static final int UC_MODE_ARM = 0;
    /** QEMU's ARM "undefined instruction" exception index. */
    static final int EXCP_UDEF = 1;
    /** Unicorn's numbers by {@link ArmRegister} ordinal. */
    private static final int[] IDS = {
        66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, // r0..r12
        12, 10, 11, 3,                                      // sp lr pc cpsr
    };
    private static final UcRegister[] REGISTERS = new UcRegister[IDS.length];

    static {
        for (int i = 0; i < IDS.length; i++) {
            REGISTERS[i] = UcRegister.of(IDS[i]);
        }
    }

    @Override
    public int ucArch() {
        return UC_ARCH_ARM;
    }

    @Override
    public int ucMode() {
        return UC_MODE_ARM;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof ArmRegister r ? REGISTERS[r.ordinal()] : null;
    }

    /** Without the Thumb bit: Unicorn compares the stop address with the PC, which never carries it. */
    @Override
    public long stopAddress(long until) {
        return until & ~1L;
    }

    @Override
    public OptionalLong undefinedInstructionAt(int number, long pc) {
        return number == EXCP_UDEF ? OptionalLong.of(pc) : OptionalLong.empty();
    }
}
