package org.kexeclab.x86.unicorn;

import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.FetchGuard;
import org.kexeclab.engine.unicorn.FetchGuardContext;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UnicornTarget;
import org.kexeclab.x86.X86Mode;
import org.kexeclab.x86.X86Register;

/**
 * x86_64 on Unicorn 2.0.1 ({@code x86.h}, numbers checked with a C program against the installed
 * headers): {@code UC_ARCH_X86} in {@code UC_MODE_64}, every CPU guarded by
 * {@link X86FarBranchGuard} against the forms that abort the translator.
 */
public final class X86UnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_X86 = 4;
    private static final int UC_MODE_64 = 1 << 3;
    /** Unicorn's numbers by {@link X86Register} ordinal. */
    private static final int[] IDS = {
        35, 37, 38, 40, 43, 39, 36, 44,          // rax rbx rcx rdx rsi rdi rbp rsp
        106, 107, 108, 109, 110, 111, 112, 113,  // r8..r15
        41, 253, 50, 52, 53, 54,                 // rip rflags cr0 cr2 cr3 cr4
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
        return UC_MODE_64;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof X86Register r ? REGISTERS[r.ordinal()] : null;
    }

    @Override
    public FetchGuard fetchGuard(FetchGuardContext context) {
        return new X86FarBranchGuard(context, X86Mode.LONG);
    }
}
