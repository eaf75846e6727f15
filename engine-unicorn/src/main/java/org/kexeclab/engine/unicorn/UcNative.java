package org.kexeclab.engine.unicorn;

/**
 * The hot, non-variadic libunicorn calls, bound by JNA direct mapping ({@code Native.register},
 * done by {@link UcLibrary}). Handles and buffers are passed as raw {@code long} addresses so a
 * call allocates nothing; {@code size_t} is {@code long} (LP64 hosts only).
 */
final class UcNative {

    private UcNative() {
    }

    /** {@code unsigned int uc_version(unsigned int *major, unsigned int *minor);} */
    static native int uc_version(long major, long minor);

    /** {@code uc_err uc_open(uc_arch arch, uc_mode mode, uc_engine **uc);} */
    static native int uc_open(int arch, int mode, long ucOut);

    /** {@code uc_err uc_close(uc_engine *uc);} */
    static native int uc_close(long uc);

    /** {@code const char *uc_strerror(uc_err code);} */
    static native String uc_strerror(int code);

    /** {@code uc_err uc_query(uc_engine *uc, uc_query_type type, size_t *result);} */
    static native int uc_query(long uc, int type, long result);

    /** {@code uc_err uc_reg_write(uc_engine *uc, int regid, const void *value);} */
    static native int uc_reg_write(long uc, int regid, long value);

    /** {@code uc_err uc_reg_read(uc_engine *uc, int regid, void *value);} */
    static native int uc_reg_read(long uc, int regid, long value);

    /** {@code uc_err uc_reg_read_batch(uc_engine *uc, int *regs, void **vals, int count);} */
    static native int uc_reg_read_batch(long uc, long regs, long vals, int count);

    /** {@code uc_err uc_mem_write(uc_engine *uc, uint64_t address, const void *bytes, size_t size);} */
    static native int uc_mem_write(long uc, long address, long bytes, long size);

    /** {@code uc_err uc_mem_read(uc_engine *uc, uint64_t address, void *bytes, size_t size);} */
    static native int uc_mem_read(long uc, long address, long bytes, long size);

    /** {@code uc_err uc_emu_start(uc_engine *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count);} */
    static native int uc_emu_start(long uc, long begin, long until, long timeout, long count);

    /** {@code uc_err uc_emu_stop(uc_engine *uc);} */
    static native int uc_emu_stop(long uc);

    /** {@code uc_err uc_hook_del(uc_engine *uc, uc_hook hh);} */
    static native int uc_hook_del(long uc, long hh);

    /** {@code uc_err uc_mem_map(uc_engine *uc, uint64_t address, size_t size, uint32_t perms);} */
    static native int uc_mem_map(long uc, long address, long size, int perms);

    /** {@code uc_err uc_mem_unmap(uc_engine *uc, uint64_t address, size_t size);} */
    static native int uc_mem_unmap(long uc, long address, long size);

    /** {@code uc_err uc_mem_protect(uc_engine *uc, uint64_t address, size_t size, uint32_t perms);} */
    static native int uc_mem_protect(long uc, long address, long size, int perms);

    /** {@code uc_err uc_context_alloc(uc_engine *uc, uc_context **context);} */
    static native int uc_context_alloc(long uc, long contextOut);

    /** {@code uc_err uc_context_save(uc_engine *uc, uc_context *context);} */
    static native int uc_context_save(long uc, long context);

    /** {@code uc_err uc_context_restore(uc_engine *uc, uc_context *context);} */
    static native int uc_context_restore(long uc, long context);

    /** {@code uc_err uc_context_free(uc_context *context);} */
    static native int uc_context_free(long context);
}
