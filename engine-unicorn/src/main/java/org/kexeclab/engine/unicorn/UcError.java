package org.kexeclab.engine.unicorn;

/** Unicorn's {@code uc_err} codes, in the order of {@code unicorn.h} (2.0.1). */
public enum UcError {
    /** No error. */ UC_ERR_OK,
    /** Out of memory. */ UC_ERR_NOMEM,
    /** Unsupported architecture. */ UC_ERR_ARCH,
    /** Invalid handle. */ UC_ERR_HANDLE,
    /** Invalid or unsupported mode. */ UC_ERR_MODE,
    /** Unsupported binding version. */ UC_ERR_VERSION,
    /** Read from unmapped memory. */ UC_ERR_READ_UNMAPPED,
    /** Write to unmapped memory. */ UC_ERR_WRITE_UNMAPPED,
    /** Fetch from unmapped memory. */ UC_ERR_FETCH_UNMAPPED,
    /** Invalid hook type. */ UC_ERR_HOOK,
    /** Invalid instruction. */ UC_ERR_INSN_INVALID,
    /** Invalid memory mapping. */ UC_ERR_MAP,
    /** Write to write-protected memory. */ UC_ERR_WRITE_PROT,
    /** Read from read-protected memory. */ UC_ERR_READ_PROT,
    /** Fetch from non-executable memory. */ UC_ERR_FETCH_PROT,
    /** Invalid argument. */ UC_ERR_ARG,
    /** Unaligned read. */ UC_ERR_READ_UNALIGNED,
    /** Unaligned write. */ UC_ERR_WRITE_UNALIGNED,
    /** Unaligned fetch. */ UC_ERR_FETCH_UNALIGNED,
    /** Hook already exists. */ UC_ERR_HOOK_EXIST,
    /** Insufficient resource. */ UC_ERR_RESOURCE,
    /** Unhandled CPU exception. */ UC_ERR_EXCEPTION,
    /** A code this binding does not know. */ UNKNOWN;

    private static final UcError[] BY_CODE = values();

    /** The enum constant for a {@code uc_err} value. */
    public static UcError of(int code) {
        return code >= 0 && code < BY_CODE.length - 1 ? BY_CODE[code] : UNKNOWN;
    }

    /** True for the errors that end a run because of a memory access. */
    boolean isMemoryFault() {
        return this == UC_ERR_READ_UNMAPPED || this == UC_ERR_WRITE_UNMAPPED || this == UC_ERR_FETCH_UNMAPPED
                || this == UC_ERR_READ_PROT || this == UC_ERR_WRITE_PROT || this == UC_ERR_FETCH_PROT
                || this == UC_ERR_READ_UNALIGNED || this == UC_ERR_WRITE_UNALIGNED
                || this == UC_ERR_FETCH_UNALIGNED;
    }
}
