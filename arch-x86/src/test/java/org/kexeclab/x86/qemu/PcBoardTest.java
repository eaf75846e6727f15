package org.kexeclab.x86.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.x86.X86Arches;

/**
 * QEMU's pc machine as the boot check uses it: the memory map it plans on (QEMU's split of RAM
 * around the PCI hole, the BIOS's map as e820), and the firmware image it hands over with the
 * entry and boot_params the emulator produced in its slots, reset vector at its end.
 */
class PcBoardTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void layout_oneGib_allRamLowFirstMibKeptAndTheBiosMapAsFirmwareMap() {
        MemoryLayout l = PcMemoryMap.layout(GIB);
        assertEquals(List.of(new AddressRange(0, GIB, "RAM")), l.ram());
        assertEquals(MIB, l.allocatableRam().get(0).start(), "the first MiB is the machine's own");
        assertEquals(List.of("0x0-0x9fc00 System RAM", "0x9fc00-0xa0000 Reserved", "0xf0000-0x100000 Reserved",
                "0x100000-0x40000000 System RAM", "0xfffc0000-0x100000000 Reserved"), map(l));
    }

    @Test
    void layout_fourGib_threeGibLowTheRestFromFourGibAsQemuSplitsIt() {
        MemoryLayout l = PcMemoryMap.layout(4 * GIB);
        assertEquals(List.of(new AddressRange(0, 3 * GIB, "RAM"), new AddressRange(4 * GIB, 5 * GIB, "RAM")), l.ram());
        assertEquals("0x100000000-0x140000000 System RAM", map(l).get(map(l).size() - 1));
        assertEquals(3 * GIB, PcMemoryMap.lowRam(0xe0000000L));
        assertEquals(0xdff00000L, PcMemoryMap.lowRam(0xdff00000L), "below 3.5 GiB all RAM stays low");
    }

    @Test
    void launch_x86_64_firmwareImageAtTheTopOfFourGibWithTheEmulatorsEntryAndRsi() throws Exception {
        PcBoard board = PcBoard.x86_64();
        Handover h = handover("rsi", 0x3c000200L, 0x3fff1000L);
        QemuLaunch launch = board.launch(h);
        assertEquals(QemuLaunch.RESET_VECTOR, launch.start(), "pc starts only at its reset vector");
        assertEquals(h.memory(), launch.regions(), "the destinations as the emulator left them, nothing added");
        MemoryRegion bios = launch.bios();
        assertEquals(PcBoard.BIOS_BASE, bios.address());
        assertEquals(0x10000, bios.bytes().length);
        Stub image = board.trampolineSource().assemble(0);
        ByteBuffer b = ByteBuffer.wrap(bios.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x3c000200L, b.getLong((int) image.symbol("entry_pc")));
        assertEquals(0x3fff1000L, b.getLong((int) image.symbol("entry_rsi")));
        assertEquals("e90d00", hex(bios.bytes(), 0xfff0, 3), "the reset vector jumps back to offset 0");
        assertEquals("fafc", hex(bios.bytes(), 0, 2), "cli; cld first");
        assertTrue(launch.how().contains("rsi = 0x3fff1000"), launch.how());
    }

    @Test
    void launch_i386_fourByteSlotsWithEsi() throws Exception {
        PcBoard board = PcBoard.i386();
        QemuLaunch launch = board.launch(handover("esi", 0x36000000L, 0x3fff1000L));
        Stub image = board.trampolineSource().assemble(0);
        ByteBuffer b = ByteBuffer.wrap(launch.bios().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x36000000, b.getInt((int) image.symbol("entry_pc")));
        assertEquals(0x3fff1000, b.getInt((int) image.symbol("entry_esi")));
        assertEquals(List.of("esi"), board.entryRegisters());
        assertEquals(List.of("-- System halted"), board.failureMarkers(), "the decompressor's error() ends so");
    }

    @Test
    void launch_x86_64OnFiveGib_mapsAllRamSoAnEntryAboveFourGibIsReached() throws Exception {
        Handover h = new Handover(X86Arches.X86_64, List.of(new MemoryRegion(0x17c000000L, new byte[0x2000], "kernel")),
                0x17c000200L, Map.of("rsi", 0x17fff1000L), PcMemoryMap.layout(5 * GIB), null);
        QemuLaunch launch = PcBoard.x86_64().launch(h);
        assertEquals(6, PcBoard.mappedGib(h.layout()), "3 GiB low + 2 GiB from 4 GiB: RAM ends at 6 GiB");
        assertEquals(4, PcBoard.mappedGib(PcMemoryMap.layout(GIB)), "at least the 4 GiB the image lies in");
        Stub sixGib = PcBoard.x86_64().trampolineSource(6).assemble(0);
        ByteBuffer b = ByteBuffer.wrap(launch.bios().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x17c000200L, b.getLong((int) sixGib.symbol("entry_pc")));
        assertTrue(launch.how().contains("identity map of 6 GiB"), launch.how());
    }

    @Test
    void launch_i386EntryAboveFourGib_refusedInOneSentence() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> PcBoard.i386().launch(handover("esi", 0x100000200L, 0x3fff1000L)));
        assertTrue(e.getMessage().contains("above the 4 GiB"), e.getMessage());
    }

    @Test
    void launch_destinationOverThePageTables_refused() {
        Handover h = new Handover(X86Arches.X86_64, List.of(new MemoryRegion(0x2000, new byte[0x1000], "kernel")),
                0x2000, Map.of("rsi", 0x3000L), PcMemoryMap.layout(GIB), null);
        PlanningException e = assertThrows(PlanningException.class, () -> PcBoard.x86_64().launch(h));
        assertTrue(e.getMessage().contains("page tables"), e.getMessage());
    }

    private static Handover handover(String register, long entry, long params) {
        return new Handover(register.equals("rsi") ? X86Arches.X86_64 : X86Arches.I386,
                List.of(new MemoryRegion(entry & -0x1000L, new byte[0x2000], "kernel"),
                        new MemoryRegion(params, new byte[0x6000], "boot params + command line")),
                entry, Map.of(register, params), PcMemoryMap.layout(GIB), null);
    }

    private static List<String> map(MemoryLayout l) {
        return l.firmwareMap().stream().map(r -> String.format("0x%x-0x%x %s", r.start(), r.end(), r.label())).toList();
    }

    private static String hex(byte[] b, int from, int n) {
        return java.util.HexFormat.of().formatHex(b, from, from + n);
    }
}
