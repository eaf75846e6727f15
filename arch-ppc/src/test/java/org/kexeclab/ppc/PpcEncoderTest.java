package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.testkit.GoldenFile;

/** Encoder behaviour beyond the golden vectors: register spellings, SPR names, symbols, passes, errors. */
class PpcEncoderTest {
    private final PpcEncoder ppc32 = new PpcEncoder(false);
    private final PpcEncoder ppc64 = new PpcEncoder(true);

    private static Instruction insn(String text) {
        return GoldenFile.instruction(text, 1);
    }

    private static int word(PpcEncoder encoder, String text, TestEncodeContext context) throws AssemblyException {
        return encoder.encodeWord(insn(text), context);
    }

    private static TestEncodeContext big() {
        return new TestEncodeContext(0x1000, ByteOrder.BIG_ENDIAN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lwz 0,4(3)|lwz r0,4(r3)|lwz %r0,4(%r3)",
        "mr 3,5|mr r3,r5|mr %r3,%r5",
        "rlwinm. 9,0,0,31,31|rlwinm. r9,r0,0,31,31|rlwinm. %r9,%r0,0,31,31",
        "dcbst 0,7|dcbst r0,r7|dcbst %r0,%r7"})
    void encode_registerSpellings_giveSameWord(String bare, String prefixed, String percent) throws AssemblyException {
        int expected = word(ppc32, bare, big());
        assertEquals(expected, word(ppc32, prefixed, big()));
        assertEquals(expected, word(ppc32, percent, big()));
    }

    @ParameterizedTest
    @CsvSource({"srr0,26", "SRR1,27", "pir,1023", "PIR,1023", "sprg0,272", "sprg3,275", "%srr0,26", "lr,8", "ctr,9"})
    void encode_sprName_matchesNumber(String name, int number) throws AssemblyException {
        assertEquals(word(ppc32, "mfspr 3," + number, big()), word(ppc32, "mfspr 3," + name, big()));
        assertEquals(word(ppc32, "mtspr " + number + ",4", big()), word(ppc32, "mtspr " + name + ",4", big()));
    }

    @Test
    void encode_haAndLoOfSymbol_rebuildAddressWithSignedLow() throws AssemblyException {
        TestEncodeContext context = big().define("target", 0x1234_8010L);
        int hi = word(ppc32, "lis 3,target@ha", context);
        int lo = word(ppc32, "addi 3,3,target@l", context);
        long rebuilt = ((long) (hi & 0xffff) << 16) + (short) (lo & 0xffff);
        assertEquals(0x1234_8010L, rebuilt);
    }

    @Test
    void encode_branchToLabel_isRelativeToPc() throws AssemblyException {
        TestEncodeContext context = big().define("loop", 0xff0);
        assertEquals(0x4bfffff0, word(ppc32, "b loop", context));
        assertEquals(0x4200fff0, word(ppc32, "bdnz loop", context));
    }

    @Test
    void encode_forwardLabelInEarlyPass_doesNotThrow() throws AssemblyException {
        TestEncodeContext early = big().earlyPass();
        for (String text : List.of("beq cr1,later", "b later", "li 3,later", "lwz 3,later(4)",
                "addi 3,4,later-0x100000")) {
            word(ppc32, text, early);
        }
    }

    @Test
    void encode_undefinedSymbolOnFinalPass_throws() {
        assertThrows(AssemblyException.class, () -> word(ppc32, "b nowhere", big()));
    }

    @Test
    void encode_ldDisplacementNotMultipleOf4_throwsNamingTheRule() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> word(ppc64, "ld 3,6(4)", big()));
        assertTrue(e.problem().contains("multiple of 4"), e.problem());
    }

    @Test
    void encode_64BitInstructionOnPpc32_throwsSaying64Bit() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> word(ppc32, "rfid", big()));
        assertTrue(e.problem().contains("64-bit"), e.problem());
    }

    @Test
    void encode_unknownMnemonic_throwsNamingIt() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> word(ppc64, "frobnicate 3", big()));
        assertTrue(e.problem().contains("frobnicate"), e.problem());
    }

    @Test
    void encode_wrongOperandCount_throws() {
        assertThrows(AssemblyException.class, () -> word(ppc32, "addi 3,4", big()));
        assertThrows(AssemblyException.class, () -> word(ppc32, "blr 3", big()));
    }

    @Test
    void encode_unknownSuffix_throws() {
        assertThrows(AssemblyException.class, () -> word(ppc32, "li 3,0x1234@higher", big()));
    }

    @Test
    void encode_littleEndianContext_reversesWordBytes() throws AssemblyException {
        Instruction sync = new Instruction("sync", List.of(), "sync", new SourceLocation("t", 1, 1));
        assertArrayEquals(new byte[] {0x7c, 0x00, 0x04, (byte) 0xac},
                ppc64.encode(sync, new TestEncodeContext(0, ByteOrder.BIG_ENDIAN)));
        assertArrayEquals(new byte[] {(byte) 0xac, 0x04, 0x00, 0x7c},
                ppc64.encode(sync, new TestEncodeContext(0, ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void forArch_nonPowerPc_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> PpcEncoder.forArch(new Arch("arm64", 8, java.nio.ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE)));
    }

    @Test
    void lineComment_isHash() {
        assertEquals("#", ppc32.lineComment());
    }
}
