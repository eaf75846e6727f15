package org.kexeclab.engine.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The variadic libunicorn calls, which JNA direct mapping cannot bind: interface mapping
 * (loaded by {@link UcLibrary}). Neither is on a hot path.
 */
interface UcVariadic extends Library {

    /**
     * {@code uc_err uc_hook_add(uc_engine *uc, uc_hook *hh, int type, void *callback,
     * void *user_data, uint64_t begin, uint64_t end, ...);}
     */
    int uc_hook_add(Pointer uc, Pointer hh, int type, Callback callback, Pointer userData,
                    long begin, long end, Object... args);

    /** {@code uc_err uc_ctl(uc_engine *uc, uc_control_type control, ...);} */
    int uc_ctl(Pointer uc, int control, Object... args);
}
