package org.kexeclab.x86.unicorn;

import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.FetchGuard;
import org.kexeclab.engine.unicorn.FetchGuardContext;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UnicornTarget;
import org.kexeclab.x86.I386Register;
import org.kexeclab.x86.X86Mode;

/**
 * i386 on Unicorn 2.0.1 ({@code x86.h}, numbers checked with a C program against the installed
 * headers): {@code UC_ARCH_X86} in {@code UC_MODE_32}, which resets to 32-bit protected mode with
 * flat segments (CR0 = 0x11, every selector 0, GDTR 0/0; measured), every CPU guarded by
 * {@link X86FarBranchGuard} decoding 32-bit code (the same translator aborts on the same forms).
 */
public final class I386UnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_X86 = 4;
    private static final int UC_MODE_32 = 1 << 2;
    /** Unicorn's numbers by {@link I386Register} ordinal. */
    private static final int[] IDS = {
        19, 21, 22, 24, 29, 23, 20, 30,          // eax ebx ecx edx esi edi ebp esp
        26, 25, 50, 52, 53, 54,                  // eip eflags cr0 cr2 cr3 cr4
        11, 17, 28, 32, 33, 49,                  // cs ds es fs gs ss
    };
    private static final UcRegister[] REGISTERS = new UcRegister[IDS.length];

    static {
        for (int i = 0; i < IDS.length; i++) {
            REGISTERS[i] = UcRegister.of(IDS[i]);
        }
    }

    @Override
    public int ucArch() {
        return UC_ARCH_X86;
    }

    @Override
    public int ucMode() {
        return UC_MODE_32;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof I386Register r ? REGISTERS[r.ordinal()] : null;
    }

    @Override
    public FetchGuard fetchGuard(FetchGuardContext context) {
        return new X86FarBranchGuard(context, X86Mode.PROTECTED);
    }
}
