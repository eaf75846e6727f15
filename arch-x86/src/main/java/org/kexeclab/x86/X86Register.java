package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;

/** x86-64 registers the kexec stubs and their tests use. Segment selectors read as 16 bits. */
public enum X86Register implements Register {
    /** Accumulator. */ RAX,
    /** Base. */ RBX,
    /** Count. */ RCX,
    /** Data. */ RDX,
    /** Source index. */ RSI,
    /** Destination index. */ RDI,
    /** Frame pointer. */ RBP,
    /** Stack pointer. */ RSP,
    /** r8. */ R8,
    /** r9. */ R9,
    /** r10. */ R10,
    /** r11. */ R11,
    /** r12. */ R12,
    /** r13. */ R13,
    /** r14. */ R14,
    /** r15. */ R15,
    /** Instruction pointer. */ RIP,
    /** Flags. */ RFLAGS,
    /** Control register 0 (PE, PG, ...). */ CR0,
    /** Page-fault linear address. */ CR2,
    /** Page-table base. */ CR3,
    /** Control register 4 (PAE, LA57, ...). */ CR4,
    /** Code segment selector. */ CS(16),
    /** Data segment selector. */ DS(16),
    /** Extra segment selector. */ ES(16),
    /** FS selector. */ FS(16),
    /** GS selector. */ GS(16),
    /** Stack segment selector. */ SS(16);

    /**
     * Every x86-64 register; traces follow the sixteen general registers and RFLAGS, and Tenet
     * (its AMD64 definition) knows the general ones, with {@code rip} as its instruction pointer.
     */
    public static final RegisterSet SET = RegisterSet.of(values(), RIP)
            .traced(List.of(RAX, RBX, RCX, RDX, RBP, RSP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15, RFLAGS))
            .tenet(new RegisterSet.Tenet("AMD64", Set.of("RAX", "RBX", "RCX", "RDX", "RBP", "RSP", "RSI", "RDI",
                    "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"), "rip"))
            .build();

    private final int bits;

    X86Register() {
        this(64);
    }

    X86Register(int bits) {
        this.bits = bits;
    }

    @Override
    public int bits() {
        return bits;
    }
}
