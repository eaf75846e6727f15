package org.kexeclab.engine.unicorn;

import com.sun.jna.Callback;

/**
 * JNA callback shapes for {@code uc_hook_add}. Pointers ({@code uc_engine *}, {@code void *})
 * arrive as raw {@code long}s: nothing is wrapped per call.
 */
final class UcCallbacks {

    private UcCallbacks() {
    }

    /** {@code void (*uc_cb_hookcode_t)(uc_engine *uc, uint64_t address, uint32_t size, void *user_data);} */
    interface HookCode extends Callback {
        void invoke(long uc, long address, int size, long userData);
    }

    /** {@code void (*uc_cb_hookintr_t)(uc_engine *uc, uint32_t intno, void *user_data);} */
    interface HookIntr extends Callback {
        void invoke(long uc, int intno, long userData);
    }

    /**
     * {@code void (*uc_cb_hookmem_t)(uc_engine *uc, uc_mem_type type, uint64_t address, int size,
     * int64_t value, void *user_data);}
     */
    interface HookMem extends Callback {
        void invoke(long uc, int type, long address, int size, long value, long userData);
    }

    /**
     * {@code bool (*uc_cb_eventmem_t)(uc_engine *uc, uc_mem_type type, uint64_t address, int size,
     * int64_t value, void *user_data);}
     */
    interface EventMem extends Callback {
        boolean invoke(long uc, int type, long address, int size, long value, long userData);
    }
}
