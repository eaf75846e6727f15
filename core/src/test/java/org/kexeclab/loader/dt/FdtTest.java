package org.kexeclab.loader.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.TestArches;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.PlanningException;

class FdtTest {
    private static final MemoryLayout LAYOUT = StandardMachine.layout(128L << 20).build();

    private static Fdt sample() throws PlanningException {
        return DeviceTrees.patch(DeviceTrees.standard(TestArches.ARM64, LAYOUT), LAYOUT, "console=ttyAMA0 root=/dev/vda",
                0x4000000, 0x4123456);
    }

    @Test
    void write_header_isVersion17WithConsistentOffsets() throws Exception {
        byte[] dtb = FdtWriter.write(sample());
        ByteBuffer b = ByteBuffer.wrap(dtb);
        assertEquals(0xd00dfeed, b.getInt(0));
        assertEquals(dtb.length, b.getInt(4));
        assertEquals(40, b.getInt(16), "reservation block right after the header");
        assertEquals(17, b.getInt(20));
        assertEquals(16, b.getInt(24));
        assertEquals(40 + 2 * 16, b.getInt(8), "one reservation plus the terminator");
        assertEquals(b.getInt(8) + b.getInt(36), b.getInt(12), "strings follow the structure block");
        assertEquals(dtb.length, b.getInt(12) + b.getInt(32));
        assertEquals(1, b.getInt(b.getInt(8)), "structure starts with FDT_BEGIN_NODE");
    }

    @Test
    void roundTrip_writeThenParse_givesTheSameTree() throws Exception {
        Fdt fdt = sample();
        Fdt back = FdtParser.parse(FdtWriter.write(fdt));
        assertEquals(List.of(new Fdt.Reservation(0, 0x100000)), back.reservations());
        FdtNode chosen = back.root().child("chosen").orElseThrow();
        assertEquals("console=ttyAMA0 root=/dev/vda\0",
                new String(chosen.property("bootargs").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(0x4000000L, chosen.number("linux,initrd-start").orElseThrow());
        assertEquals(0x4123456L, chosen.number("linux,initrd-end").orElseThrow());
        FdtNode mem = back.root().child("memory@0").orElseThrow();
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0, 0, 0},
                mem.property("reg").orElseThrow());
        assertArrayEquals(FdtWriter.write(fdt), FdtWriter.write(back), "a second write is byte-identical");
    }

    @Test
    void patch_userTreeWithStaleNodes_replacesMemoryAndInitrd() throws Exception {
        FdtNode root = new FdtNode("");
        root.setCells("#address-cells", 1, 1).setCells("#size-cells", 1, 1);
        root.add(new FdtNode("memory@40000000")).setCells("reg", 1, 0x40000000L, 0x1000000L);
        root.add(new FdtNode("chosen")).setString("bootargs", "old").setCells("linux,initrd-start", 1, 5);
        root.add(new FdtNode("cpus"));
        Fdt user = FdtParser.parse(FdtWriter.write(new Fdt(root, List.of(), 0)));
        Fdt patched = FdtParser.parse(FdtWriter.write(DeviceTrees.patch(user, LAYOUT, "new", -1, -1)));
        FdtNode chosen = patched.root().child("chosen").orElseThrow();
        assertEquals(4, chosen.property("bootargs").orElseThrow().length);
        assertFalse(chosen.property("linux,initrd-start").isPresent());
        assertFalse(patched.root().child("memory@40000000").isPresent());
        assertEquals(8, patched.root().child("memory@0").orElseThrow().property("reg").orElseThrow().length,
                "one cell address + one cell size");
        assertTrue(patched.root().child("cpus").isPresent(), "other nodes are kept");
    }

    @Test
    void patch_addressTooWideForOneCell_fails() {
        FdtNode root = new FdtNode("");
        root.setCells("#address-cells", 1, 1).setCells("#size-cells", 1, 1);
        assertThrows(PlanningException.class,
                () -> DeviceTrees.patch(new Fdt(root, List.of(), 0), LAYOUT, "", 0x100000000L, 0x100001000L));
    }

    private static ImageFormatException corrupt(Consumer<ByteBuffer> edit) throws Exception {
        byte[] dtb = FdtWriter.write(sample());
        edit.accept(ByteBuffer.wrap(dtb));
        return assertThrows(ImageFormatException.class, () -> FdtParser.parse(dtb));
    }

    @Test
    void parse_badMagic_failsAt0() throws Exception {
        assertEquals(0, corrupt(b -> b.putInt(0, 0xfeedd00d)).offset());
    }

    @Test
    void parse_totalsizeLargerThanFile_failsAtTotalsize() throws Exception {
        assertEquals(4, corrupt(b -> b.putInt(4, 0x100000)).offset());
    }

    @Test
    void parse_unsupportedVersion_failsAtVersion() throws Exception {
        assertEquals(20, corrupt(b -> b.putInt(20, 15)).offset());
    }

    @Test
    void parse_structBlockOutsideTree_failsAtOffDtStruct() throws Exception {
        assertEquals(8, corrupt(b -> b.putInt(36, 0x10000)).offset());
    }

    @Test
    void parse_stringsBlockOutsideTree_failsAtOffDtStrings() throws Exception {
        assertEquals(12, corrupt(b -> b.putInt(12, 0x7ffffff0)).offset());
    }

    @Test
    void parse_badToken_failsNamingIt() throws Exception {
        ImageFormatException e = corrupt(b -> b.putInt(b.getInt(8), 7));
        assertTrue(e.getMessage().contains("0x7 is not a structure block token"), e.getMessage());
    }

    @Test
    void parse_propertyNameOffsetPastStrings_fails() throws Exception {
        // first property of the root follows FDT_BEGIN_NODE + empty name (4+4 bytes)
        ImageFormatException e = corrupt(b -> b.putInt(b.getInt(8) + 8 + 8, 0x10000));
        assertTrue(e.getMessage().contains("past the strings block"), e.getMessage());
    }

    @Test
    void parse_lyingPropertyLength_fails() throws Exception {
        ImageFormatException e = corrupt(b -> b.putInt(b.getInt(8) + 8 + 4, 0x7fffffff));
        assertTrue(e.getMessage().contains("past the structure block"), e.getMessage());
    }

    @Test
    void parse_missingEndToken_fails() throws Exception {
        ImageFormatException e = corrupt(b -> b.putInt(b.getInt(8) + b.getInt(36) - 4, Fdt.FDT_NOP));
        assertTrue(e.getMessage().contains("without an FDT_END"), e.getMessage());
    }

    @Test
    void parse_unclosedNode_fails() throws Exception {
        ImageFormatException e = corrupt(b -> b.putInt(b.getInt(8) + b.getInt(36) - 8, Fdt.FDT_NOP));
        assertTrue(e.getMessage().contains("still open"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 20, 39, 50, 100})
    void parse_truncated_fails(int length) throws Exception {
        byte[] dtb = java.util.Arrays.copyOf(FdtWriter.write(sample()), length);
        assertThrows(ImageFormatException.class, () -> FdtParser.parse(dtb));
    }
}
