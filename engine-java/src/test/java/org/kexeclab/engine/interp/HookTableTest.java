package org.kexeclab.engine.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;

/** The hook table's ranges (unsigned, inclusive, wrapped = all), flags and closing mid-dispatch. */
class HookTableTest {
    private final HookTable table = new HookTable();
    private final List<Long> fired = new ArrayList<>();

    @Test
    void codeHook_inclusiveRange_firesAtBothEndsOnly() {
        table.addCode((a, s) -> fired.add(a), 0x1000, 0x1003);
        for (long a : new long[] {0xfff, 0x1000, 0x1003, 0x1004}) {
            table.code(a, 4);
        }
        assertEquals(List.of(0x1000L, 0x1003L), fired);
    }

    @Test
    void codeHook_rangeAboveSignBit_comparesUnsigned() {
        table.addCode((a, s) -> fired.add(a), 0xffff_ffff_ffff_f000L, -1L);
        for (long a : new long[] {0x7fff_ffff_ffff_ffffL, 0xffff_ffff_ffff_f000L, -1L, 0}) {
            table.code(a, 4);
        }
        assertEquals(List.of(0xffff_ffff_ffff_f000L, -1L), fired);
    }

    @Test
    void codeHook_beginAfterEnd_coversEveryAddress() {
        table.addCode((a, s) -> fired.add(a), 1, 0);
        for (long a : new long[] {0, 1, Long.MIN_VALUE, -1L}) {
            table.code(a, 4);
        }
        assertEquals(List.of(0L, 1L, Long.MIN_VALUE, -1L), fired);
    }

    @Test
    void codeHook_closedByEarlierHookInSameDispatch_doesNotFire() {
        HookHandle[] second = new HookHandle[1];
        table.addCode((a, s) -> second[0].close(), 0, 0xff);
        second[0] = table.addCode((a, s) -> fired.add(a), 0, 0xff);
        table.code(0x10, 4);
        assertTrue(fired.isEmpty());
        assertFalse(second[0].isInstalled());
    }

    @Test
    void flags_followInstallAndClose_perKind() {
        HookHandle code = table.addCode((a, s) -> { }, 0, 1);
        HookHandle write = table.addMemory((k, a, s, v) -> { }, Perm.WRITE, 0, 1);
        assertTrue(table.code);
        assertFalse(table.block);
        assertFalse(table.memoryRead);
        assertTrue(table.memoryWrite);
        code.close();
        write.close();
        assertFalse(table.code);
        assertFalse(table.memoryWrite);
    }

    @Test
    void memoryHook_readOnly_ignoresWrites() {
        table.addMemory((k, a, s, v) -> fired.add(a), Perm.READ, 0, 0xff);
        table.memory(MemoryAccess.WRITE, 0x10, 8, 1);
        table.memory(MemoryAccess.READ, 0x20, 8, 1);
        assertEquals(List.of(0x20L), fired);
    }

    @Test
    void clear_installedHooks_allUninstalledAndFlagsDown() {
        HookHandle block = table.addBlock((a, s) -> fired.add(a), 0, 0xff);
        table.addInterrupt(n -> fired.add((long) n));
        table.clear();
        assertFalse(block.isInstalled());
        assertFalse(table.block);
        assertFalse(table.hasInterrupt());
        table.block(0x10, 4);
        assertTrue(fired.isEmpty());
    }
}
