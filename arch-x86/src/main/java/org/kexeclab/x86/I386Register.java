package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/**
 * i386 registers the kexec stub, probe and purgatory and their tests use: 32 bits each, segment
 * selectors 16. Each is the low half of an {@link X86Register} ({@link #wide()}), which is how the
 * Java engine's one x86 core keeps them.
 */
public enum I386Register implements Register {
    /** Accumulator. */ EAX(X86Register.RAX),
    /** Base. */ EBX(X86Register.RBX),
    /** Count. */ ECX(X86Register.RCX),
    /** Data. */ EDX(X86Register.RDX),
    /** Source index. */ ESI(X86Register.RSI),
    /** Destination index. */ EDI(X86Register.RDI),
    /** Frame pointer. */ EBP(X86Register.RBP),
    /** Stack pointer. */ ESP(X86Register.RSP),
    /** Instruction pointer. */ EIP(X86Register.RIP),
    /** Flags. */ EFLAGS(X86Register.RFLAGS),
    /** Control register 0 (PE, PG, ...). */ CR0(X86Register.CR0),
    /** Page-fault linear address. */ CR2(X86Register.CR2),
    /** Page-directory base. */ CR3(X86Register.CR3),
    /** Control register 4 (PSE, PAE, ...). */ CR4(X86Register.CR4),
    /** Code segment selector. */ CS(X86Register.CS),
    /** Data segment selector. */ DS(X86Register.DS),
    /** Extra segment selector. */ ES(X86Register.ES),
    /** FS selector. */ FS(X86Register.FS),
    /** GS selector. */ GS(X86Register.GS),
    /** Stack segment selector. */ SS(X86Register.SS);

    /**
     * Every i386 register; traces follow the eight general registers and EFLAGS, and Tenet (its
     * X86 definition) knows the general ones, with {@code eip} as its instruction pointer.
     */
    public static final RegisterSet SET = RegisterSet.of(values(), EIP)
            .traced(List.of(EAX, EBX, ECX, EDX, EBP, ESP, ESI, EDI, EFLAGS))
            .tenet(new RegisterSet.Tenet("X86", Set.of("EAX", "EBX", "ECX", "EDX", "EBP", "ESP", "ESI", "EDI"), "eip"))
            .build();

    private final X86Register wide;

    I386Register(X86Register wide) {
        this.wide = wide;
    }

    /** The 64-bit register this one is the low half of (for a segment register: the same selector). */
    public X86Register wide() {
        return wide;
    }

    @Override
    public int bits() {
        return wide.bits() == 16 ? 16 : 32;
    }
}
