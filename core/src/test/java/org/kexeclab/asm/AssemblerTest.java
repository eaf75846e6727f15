package org.kexeclab.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblerTest {

    private static Stub asm(String src) throws AssemblyException {
        return FakeEncoder.assembler().assemble("t.S", src, 0x1000, Map.of());
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void assemble_dataDirectives_emitLittleEndianWidths() throws Exception {
        Stub s = asm(".byte 1, 0xff\n.short 0x1234\n.word 0x5678\n.long 0x9abcdef0\n.quad 0x1122334455667788\n");
        assertArrayEquals(bytes(1, 0xff, 0x34, 0x12, 0x78, 0x56, 0xf0, 0xde, 0xbc, 0x9a,
                0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11), s.bytes());
    }

    @Test
    void assemble_anySource_stubKeepsItsSourceTextThroughPatches() throws Exception {
        String src = "# a comment line\nslot: .quad 0\nstart: imm slot\n";
        Stub s = asm(src);
        assertEquals(src, s.source());
        assertEquals(src, s.patch("slot", 42, 8).source(), "a patched copy shows the same source");
        assertEquals(2, s.listing().location(s.listing().indexOf(s.symbol("slot"))).line());
    }

    @Test
    void assemble_wordOnFourByteArch_isFourBytesBigEndian() throws Exception {
        Stub s = new Assembler(new FakeEncoder(4), ByteOrder.BIG_ENDIAN).assemble("t.S", ".word 0x01020304", 0, Map.of());
        assertArrayEquals(bytes(1, 2, 3, 4), s.bytes());
    }

    @Test
    void assemble_codeSizeDirective_selectsEncoderUntilTheNextAndEveryPassStartsOver() throws Exception {
        Stub s = asm("nop\n.narrow\nnop\nbr end\n.wide\nnop\n.narrow\nend: nop\n");
        assertArrayEquals(bytes(0x90, 0x66, 0x90, 0xeb, 0x01, 0x90, 0x66, 0x90), s.bytes());
        assertEquals(0x1000 + 6, s.symbol("end"));
    }

    @Test
    void assemble_forwardAndBackwardLabels_resolveToAddresses() throws Exception {
        Stub s = asm("start: imm end\nmid: imm start\nend:\n");
        assertArrayEquals(bytes(0xaa, 0x0a, 0x10, 0, 0, 0xaa, 0x00, 0x10, 0, 0), s.bytes());
        assertEquals(0x1005, s.symbol("mid"));
        assertEquals(0x100a, s.symbol("end"));
    }

    @Test
    void assemble_numericLocalLabels_pickNearestInDirection() throws Exception {
        Stub s = asm("1: nop\n1: imm 1b\n imm 1f\n1: nop\n");
        // second `1:` is at 0x1001, `1b` from it is itself; `1f` from 0x1006 is 0x100b
        assertArrayEquals(bytes(0x90, 0xaa, 0x01, 0x10, 0, 0, 0xaa, 0x0b, 0x10, 0, 0, 0x90), s.bytes());
    }

    @Test
    void assemble_branchRelaxation_growsOnlyWhenOutOfRange() throws Exception {
        Stub near = asm("br t\n.skip 127\nt: nop\n");
        assertEquals(2, near.listing().length(0));
        Stub far = asm("br t\n.skip 128\nt: nop\n");
        assertEquals(5, far.listing().length(0));
        assertEquals(far.symbol("t") - (far.origin() + 5), readLe32(far.bytes(), 1));
    }

    @Test
    void assemble_chainedRelaxation_converges() throws Exception {
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            src.append("br end\n");
        }
        src.append(".skip 60\nend: nop\n");
        Stub s = asm(src.toString());
        for (int i = 0; i < 40; i++) {
            long at = s.listing().address(i);
            int len = s.listing().length(i);
            long target = s.symbol("end");
            long rel = len == 2 ? s.bytes()[(int) (at - 0x1000) + 1] : readLe32(s.bytes(), (int) (at - 0x1000) + 1);
            assertEquals(target, at + len + rel, "branch " + i);
        }
    }

    @Test
    void assemble_expressions_followCPrecedence() throws Exception {
        Stub s = asm(".equ A, 2\n.long 1 + 2 * 3, (1 + 2) * 3, 1 << 4 | 1, ~0 & 0xff, -8 >> 1, 010, 0b101, 'a', A * A, 7 % 4 ^ 1\n");
        int[] expected = {7, 9, 17, 255, -4, 8, 5, 97, 4, 2};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (int) readLe32(s.bytes(), 4 * i), "value " + i);
        }
    }

    @Test
    void assemble_dotAndAlignAndOrg_layOutBytes() throws Exception {
        Stub s = asm("nop\n.balign 8\nhere: .quad .\n.align 4, 0xcc\n.org 0x20, 0xee\ntail: .asciz \"hi\\n\"\n");
        assertEquals(0x1008, s.symbol("here"));
        assertEquals(0x1008, readLe32(s.bytes(), 8));
        assertEquals(0x1020, s.symbol("tail"));
        assertEquals((byte) 0xee, s.bytes()[0x1f]);
        assertArrayEquals(bytes('h', 'i', '\n', 0), java.util.Arrays.copyOfRange(s.bytes(), 0x20, 0x24));
    }

    @Test
    void assemble_comments_areIgnoredButNotInsideStrings() throws Exception {
        Stub s = asm("/* block\n comment */ nop # hash\nnop // slashes\n.ascii \"#//\" ; nop\n");
        assertArrayEquals(bytes(0x90, 0x90, '#', '/', '/', 0x90), s.bytes());
    }

    @Test
    void assemble_globlAndPredefined_areRecorded() throws Exception {
        Stub s = FakeEncoder.assembler().assemble("t.S", ".globl entry\nentry: imm PAGE\n", 0, Map.of("PAGE", 4096L));
        assertTrue(s.globals().contains("entry"));
        assertEquals(4096, readLe32(s.bytes(), 1));
    }

    @Test
    void listing_everyByte_mapsToItsStatement() throws Exception {
        Stub s = asm("nop\n.balign 4\nimm 5\n.skip 3\n");
        Listing l = s.listing();
        for (long a = s.origin(); a < s.origin() + s.size(); a++) {
            assertTrue(l.indexOf(a) >= 0, "address " + Long.toHexString(a));
        }
        assertEquals("imm 5", l.at(0x1005).text());
        assertEquals(3, l.at(0x1006).location().line());
        assertNull(l.at(0x1000 + s.size()));
        assertEquals(-1, l.indexOf(0xfff));
    }

    @Test
    void patch_dataSlot_writesCopyOnly() throws Exception {
        Stub s = asm("nop\nslot: .quad 0\n");
        Stub p = s.patch("slot", 0x1122334455667788L, 8);
        assertEquals(0x55667788L, readLe32(p.bytes(), 1));
        assertEquals(0, readLe32(s.bytes(), 1));
        assertThrows(IllegalArgumentException.class, () -> s.patch("nothere", 1, 8));
        assertThrows(IllegalArgumentException.class, () -> s.patch("slot", 0x1_0000_0000L, 4));
        assertThrows(IllegalArgumentException.class, () -> s.symbol("nothere"));
    }

    @Test
    void assemble_unknownMnemonic_reportsFileLineColumn() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("nop\n  bogus 1\n"));
        assertEquals(new SourceLocation("t.S", 2, 3), e.location());
        assertTrue(e.getMessage().startsWith("t.S:2:3: "), e.getMessage());
        assertEquals("bogus 1", e.text());
    }

    @Test
    void assemble_undefinedLabel_isError() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("imm nowhere\n"));
        assertTrue(e.problem().contains("nowhere"), e.problem());
    }

    @Test
    void assemble_duplicateLabel_isError() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("a: nop\na: nop\n"));
        assertEquals(2, e.location().line());
    }

    @Test
    void assemble_badDirectiveAndOperands_areErrors() {
        assertThrows(AssemblyException.class, () -> asm(".frobnicate 1\n"));
        assertThrows(AssemblyException.class, () -> asm(".byte 256\n"));
        assertThrows(AssemblyException.class, () -> asm(".balign 3\n"));
        assertThrows(AssemblyException.class, () -> asm(".long 1 +\n"));
        assertThrows(AssemblyException.class, () -> asm(".long (1\n"));
        assertThrows(AssemblyException.class, () -> asm(".long 1 / 0\n"));
        assertThrows(AssemblyException.class, () -> asm("nop\nnop\n.org 1\n"));
        assertThrows(AssemblyException.class, () -> asm("/* never closed\n"));
    }

    @Test
    void assemble_oscillatingEncoder_reportsNonConvergence() {
        InstructionEncoder flip = new InstructionEncoder() {
            @Override
            public byte[] encode(Instruction i, EncodeContext c) {
                return new byte[c.previousSize() == 1 ? 2 : 1];
            }
        };
        Assembler a = new Assembler(flip, ByteOrder.LITTLE_ENDIAN);
        AssemblyException e = assertThrows(AssemblyException.class, () -> a.assemble("t.S", "x\nl: .byte 0\n", 0, Map.of()));
        assertTrue(e.problem().contains("passes"), e.problem());
        assertEquals(1, e.location().line());
        assertEquals("x", e.text());
    }

    @Test
    void assembleResource_missing_isIllegalArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> FakeEncoder.assembler().assembleResource(AssemblerTest.class, "nope.S", 0, Map.of()));
    }

    @Test
    void isConstant_labelsAndDot_areAddressesButEquIsConstant() throws Exception {
        boolean[] seen = new boolean[4];
        InstructionEncoder probe = new InstructionEncoder() {
            @Override
            public byte[] encode(Instruction i, EncodeContext c) {
                if (c.finalPass()) {
                    seen[0] = c.isConstant("K * 2");
                    seen[1] = c.isConstant("here");
                    seen[2] = c.isConstant(". + 1");
                    seen[3] = c.isConstant("A");
                }
                return new byte[0];
            }

            @Override
            public int instructionAlignment() {
                return 1;
            }
        };
        new Assembler(probe, ByteOrder.LITTLE_ENDIAN).assemble("t.S", ".equ K, 3\nhere: .equ A, here + 8\nprobe\n", 0, Map.of());
        assertArrayEquals(new boolean[] {true, false, false, false}, seen);
    }

    private static long readLe32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (long) b[off + 3] << 24;
    }
}
