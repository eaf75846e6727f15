package org.kexeclab.engine.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;

/** Hooks go through four JVM-wide trampolines; closing a hook or a CPU frees its slots at once. */
class HookTrampolinesTest {

    @Test
    void close_cpuWithHooks_releasesEverySlotWithoutCollection() {
        int before = HookTrampolines.inUse();
        Cpu cpu = UnicornEngine.instance().open(TestArch.ARCH);
        cpu.map(0x10000, 0x1000, Perm.ALL);
        HookHandle block = cpu.onBlock((a, s) -> { }, 1, 0);
        cpu.onCode((a, s) -> { }, 1, 0);
        cpu.onMemory((k, a, s, v) -> { }, Perm.READ, 1, 0);
        assertEquals(before + 6, HookTrampolines.inUse(), "guard, 2 recorders and 3 hooks");
        block.close();
        assertEquals(before + 5, HookTrampolines.inUse());
        cpu.close();
        assertTrue(HookTrampolines.inUse() <= before, "slots left after close: " + HookTrampolines.inUse());
        assertThrows(IllegalStateException.class, () -> cpu.onBlock((a, s) -> { }, 1, 0));
    }

    @Test
    void release_staleNumber_doesNotFreeTheSlotsNewOwner() {
        Object first = (UcCallbacks.HookIntr) (u, i, d) -> { };
        long a = HookTrampolines.register(first);
        HookTrampolines.release(a);
        Object second = (UcCallbacks.HookIntr) (u, i, d) -> { };
        long b = HookTrampolines.register(second);
        assertNotEquals(a, b);
        int inUse = HookTrampolines.inUse();
        HookTrampolines.release(a);
        assertEquals(inUse, HookTrampolines.inUse(), "a stale number released nothing");
        HookTrampolines.release(b);
    }

    @Test
    void trampolineFor_eachShape_sharedInstance() {
        assertSame(HookTrampolines.CODE, HookTrampolines.trampolineFor((UcCallbacks.HookCode) (u, a, s, d) -> { }));
        assertSame(HookTrampolines.EVENT,
                HookTrampolines.trampolineFor((UcCallbacks.EventMem) (u, t, a, s, v, d) -> false));
        assertThrows(IllegalArgumentException.class, () -> HookTrampolines.trampolineFor("x"));
    }
}
