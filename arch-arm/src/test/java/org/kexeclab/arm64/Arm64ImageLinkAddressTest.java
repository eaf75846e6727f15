package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Placing a synthetic raw arm64 Image: its header branches to primary_entry, its kallsyms
 * store relative_base 0, and one R_AARCH64_RELATIVE entry carries the real base; without that
 * entry the image is refused.
 */
class Arm64ImageLinkAddressTest {
    private static final long BASE = 0xffff800008000000L;
    private static final long STEXT = BASE + 0x1000;
    private static final int TABLE_AT = 0x8000;
    private static final int RELA_AT = 0x18000;

    private static byte[] image(boolean withRela) {
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("_stext", 'T', STEXT),
                new KernelSymbol("primary_entry", 'T', STEXT + 0x40)));
        for (int i = 0; i < 20; i++) {
            syms.add(new KernelSymbol("fn_" + i + "_0123456789", 't', STEXT + 0x100 + 0x20L * i));
        }
        KallsymsBuilder k = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).storedBase(0);
        byte[] table = k.build(syms);
        ByteBuffer b = ByteBuffer.allocate(0x20000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x14000000 | (0x1040 / 4));
        b.putLong(0x10, 0x20000).putLong(0x18, 0xa).putInt(0x38, 0x644d5241);
        b.put(TABLE_AT, table);
        if (withRela) {
            long rel = TABLE_AT + k.position("kallsyms_relative_base");
            b.putLong(RELA_AT, BASE + rel).putLong(RELA_AT + 8, 1027).putLong(RELA_AT + 16, STEXT);
        }
        return b.array();
    }

    @Test
    void open_baseZeroWithItsRelocation_placedAtTheRelocatedBase() throws Exception {
        Vmlinux v = Vmlinux.open(image(true), ArmArches.ARM64);
        assertEquals(BASE, v.memory().regions().get(0).address());
        assertEquals(STEXT + 0x40, v.symbols().require("primary_entry").address());
        assertEquals(0x14000410L, v.memory().u32(BASE));
    }

    @Test
    void open_baseZeroWithoutRelocation_refusedWithOneSentence() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> Vmlinux.open(image(false), ArmArches.ARM64));
        assertEquals("kallsyms_relative_base is stored as 0 and 0 R_AARCH64_RELATIVE entries could fill it in "
                + "(expected exactly one)", e.getMessage());
    }
}
