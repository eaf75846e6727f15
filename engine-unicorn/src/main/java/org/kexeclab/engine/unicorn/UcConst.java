package org.kexeclab.engine.unicorn;

/** Constants from {@code unicorn.h} 2.0.1 that this binding uses (the architectures' own are their targets'). */
final class UcConst {
    static final int UC_MEM_READ = 16;
    static final int UC_MEM_WRITE = 17;
    static final int UC_MEM_FETCH = 18;
    static final int UC_MEM_READ_UNMAPPED = 19;
    static final int UC_MEM_WRITE_UNMAPPED = 20;
    static final int UC_MEM_FETCH_UNMAPPED = 21;
    static final int UC_MEM_WRITE_PROT = 22;
    static final int UC_MEM_READ_PROT = 23;
    static final int UC_MEM_FETCH_PROT = 24;

    static final int UC_HOOK_INTR = 1;
    static final int UC_HOOK_CODE = 1 << 2;
    static final int UC_HOOK_BLOCK = 1 << 3;
    static final int UC_HOOK_MEM_INVALID = 0x3f0;
    static final int UC_HOOK_MEM_FETCH_PROT = 1 << 9;
    static final int UC_HOOK_MEM_READ = 1 << 10;
    static final int UC_HOOK_MEM_WRITE = 1 << 11;
    static final int UC_HOOK_INSN_INVALID = 1 << 14;

    static final int UC_QUERY_TIMEOUT = 4;

    /** {@code UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)}. */
    static final int UC_CTL_WRITE_CPU_MODEL = 7 | (1 << 26) | (1 << 30);
    /** {@code UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)}. */
    static final int UC_CTL_WRITE_TB_REMOVE_CACHE = 9 | (2 << 26) | (1 << 30);
    /** {@code UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)}. */
    static final int UC_CTL_WRITE_TB_FLUSH = 10 | (1 << 30);

    private UcConst() {
    }
}
