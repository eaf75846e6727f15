package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.testkit.KallsymsBuilder;

/** The kallsyms reader on tables {@link KallsymsBuilder} lays out inside junk bytes. */
class KallsymsReaderTest {
    private static final String[] WORDS = {"kexec", "relocate", "kernel", "page", "copy", "flush", "cpu", "irq",
        "init", "probe", "x86", "ipv6", "v4l2", "i2c", "dma", "fs", "mm", "net", "sched", "0", "1", "2", "3", "4",
        "5", "6", "7", "8", "9"};

    /** {@code n} text symbols from {@code base}, names made of kernel-like words, every digit used. */
    static List<KernelSymbol> symbols(int n, long base, long seed) {
        Random r = new Random(seed);
        List<KernelSymbol> out = new ArrayList<>();
        long a = base;
        for (int i = 0; i < n; i++) {
            StringBuilder name = new StringBuilder(WORDS[r.nextInt(WORDS.length)]);
            for (int k = r.nextInt(4); k >= 0; k--) {
                name.append('_').append(WORDS[r.nextInt(WORDS.length)]);
            }
            name.append(i % 10);
            out.add(new KernelSymbol(name.toString(), r.nextBoolean() ? 'T' : 't', a));
            a += 4 * r.nextInt(64);
        }
        return out;
    }

    /** {@code table} at a word-aligned offset inside junk that has a false digit run before it. */
    static byte[] embed(byte[] table, int wordSize) {
        byte[] junk = "....0\0001\0002\0003\0004\0005\0006\0007\0008\0009\000 not a token table ".repeat(20)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = (junk.length + wordSize - 1) / wordSize * wordSize;
        byte[] out = new byte[at + table.length + 4096];
        System.arraycopy(junk, 0, out, 0, junk.length);
        System.arraycopy(table, 0, out, at, table.length);
        for (int i = at + table.length; i < out.length; i++) {
            out[i] = (byte) (i * 13);
        }
        return out;
    }

    private static void assertDecodes(List<KernelSymbol> want, Kallsyms k) {
        assertEquals(want.size(), k.count());
        assertEquals(want, k.symbols());
    }

    @Test
    void read_table64LittleEndian_everyNameTypeAndAddress() throws Exception {
        List<KernelSymbol> syms = symbols(700, 0xffffffff81000000L, 1);
        KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN);
        byte[] file = embed(b.build(syms), 8);
        Kallsyms k = KallsymsReader.read(file, 8, ByteOrder.LITTLE_ENDIAN);
        assertDecodes(syms, k);
        assertFalse(k.absolutePercpu());
        assertEquals(0xffffffff81000000L, k.relativeBase());
        int at = file.length - 4096 - b.build(syms).length;
        assertEquals(at + b.position("kallsyms_token_table"), k.layout().tokens().tableOffset());
        assertEquals(at + b.position("kallsyms_names"), k.layout().namesAt());
        assertEquals(at + b.position("kallsyms_offsets"), k.layout().offsetsAt());
        assertEquals(0, k.layout().seqBytesPerSymbol());
    }

    @Test
    void read_table32BigEndian_everyNameTypeAndAddress() throws Exception {
        List<KernelSymbol> syms = symbols(300, 0xc0008000L, 2);
        byte[] file = embed(new KallsymsBuilder(4, ByteOrder.BIG_ENDIAN).build(syms), 4);
        assertDecodes(syms, KallsymsReader.read(file, 4, ByteOrder.BIG_ENDIAN));
    }

    @Test
    void read_wrongByteOrder_refusedWithOneSentence() {
        byte[] file = embed(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).build(symbols(300, 0x1000, 3)), 8);
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> KallsymsReader.read(file, 8, ByteOrder.BIG_ENDIAN));
        assertTrue(e.getMessage().startsWith("no kallsyms_token_table"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void read_absolutePercpu_perCpuSymbolsAbsoluteTextRelative() throws Exception {
        List<KernelSymbol> syms = new ArrayList<>(List.of(new KernelSymbol("fixed_percpu_data", 'A', 0),
                new KernelSymbol("cpu_debug_store", 'A', 0x1000)));
        syms.addAll(symbols(400, 0xffffffff81000000L, 4));
        Kallsyms k = KallsymsReader.read(embed(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).absolutePercpu()
                .build(syms), 8), 8, ByteOrder.LITTLE_ENDIAN);
        assertTrue(k.absolutePercpu());
        assertDecodes(syms, k);
        assertTrue(k.isAbsolute(1) && !k.isAbsolute(2));
        assertEquals(0x1000, k.rebased(0x5000).address(1), "an absolute per-CPU address does not move");
    }

    @Test
    void read_seqsOfNamesBetweenMarkersAndTokens_foundAcrossThem() throws Exception {
        for (int seq : new int[] {3, 4}) {
            List<KernelSymbol> syms = symbols(513, 0xffff800008010000L, seq);
            KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).seqsOfNames(seq);
            Kallsyms k = KallsymsReader.read(embed(b.build(syms), 8), 8, ByteOrder.LITTLE_ENDIAN);
            assertDecodes(syms, k);
            assertEquals(seq, k.layout().seqBytesPerSymbol());
        }
    }

    @Test
    void read_nameOfMoreThan127Tokens_twoByteLength() throws Exception {
        List<KernelSymbol> syms = symbols(50, 0x80000000L, 5);
        StringBuilder longName = new StringBuilder();
        Random r = new Random(6);
        for (int i = 0; i < 400; i++) {
            longName.append((char) ('a' + r.nextInt(26)));
        }
        syms.set(10, new KernelSymbol(longName.toString(), 'T', syms.get(10).address()));
        KallsymsBuilder b = new KallsymsBuilder(4, ByteOrder.LITTLE_ENDIAN);
        byte[] file = embed(b.build(syms), 4);
        assertTrue(b.longestCompressedName() > 127, "the long name needs the two-byte length");
        assertDecodes(syms, KallsymsReader.read(file, 4, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void read_storedBaseZero_addressesAreOffsetsUntilRebased() throws Exception {
        List<KernelSymbol> syms = symbols(100, 0xffff800008010000L, 7);
        Kallsyms k = KallsymsReader.read(embed(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).storedBase(0)
                .build(syms), 8), 8, ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, k.relativeBase());
        assertEquals(0, k.address(0));
        assertDecodes(syms, k.rebased(0xffff800008010000L));
    }

    @Test
    void read_corruptMarker_refusedNamingTheTokenTable() {
        List<KernelSymbol> syms = symbols(600, 0x1000, 8);
        KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN);
        byte[] table = b.build(syms);
        table[b.position("kallsyms_markers") + 4] ^= 1;
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> KallsymsReader.read(embed(table, 8), 8, ByteOrder.LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("kallsyms_markers before it that agree"), e.getMessage());
    }

    @Test
    void read_offsetsNotAscending_refusedAsAnotherLayout() {
        List<KernelSymbol> syms = symbols(300, 0x10000, 9);
        KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN);
        byte[] table = b.build(syms);
        int o = b.position("kallsyms_offsets") + 4 * 5;
        table[o + 3] = 0x7f;
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> KallsymsReader.read(embed(table, 8), 8, ByteOrder.LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("do not decode to ascending addresses"), e.getMessage());
    }

    @Test
    void read_offsetsAfterTokenIndex_since64OrderFoundAndDecoded() throws Exception {
        List<KernelSymbol> syms = symbols(700, 0xffffffff80000000L, 10);
        KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).orderSince64().seqsOfNames(3);
        byte[] table = b.build(syms);
        byte[] file = embed(table, 8);
        Kallsyms k = KallsymsReader.read(file, 8, ByteOrder.LITTLE_ENDIAN);
        assertDecodes(syms, k);
        int at = file.length - 4096 - table.length;
        assertEquals(KallsymsLayout.Order.OFFSETS_AFTER_TOKENS, k.layout().order());
        assertEquals(at + b.position("kallsyms_offsets"), k.layout().offsetsAt());
        assertEquals(at + b.position("kallsyms_relative_base"), k.layout().relativeBaseAt());
        assertEquals(0xffffffff80000000L, k.relativeBase());
    }

    @Test
    void read_since64Order32BigEndian_decodedAndUpTo63OrderStillFirst() throws Exception {
        List<KernelSymbol> syms = symbols(300, 0xc0008000L, 11);
        Kallsyms since64 = KallsymsReader.read(embed(new KallsymsBuilder(4, ByteOrder.BIG_ENDIAN).orderSince64()
                .build(syms), 4), 4, ByteOrder.BIG_ENDIAN);
        assertDecodes(syms, since64);
        assertEquals(KallsymsLayout.Order.OFFSETS_AFTER_TOKENS, since64.layout().order());
        Kallsyms upTo63 = KallsymsReader.read(embed(new KallsymsBuilder(4, ByteOrder.BIG_ENDIAN).build(syms), 4), 4,
                ByteOrder.BIG_ENDIAN);
        assertEquals(KallsymsLayout.Order.OFFSETS_FIRST, upTo63.layout().order());
    }

    @Test
    void read_since64OffsetsNotAscending_refusedNamingBothPlaces() {
        List<KernelSymbol> syms = symbols(300, 0x10000, 12);
        KallsymsBuilder b = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).orderSince64();
        byte[] table = b.build(syms);
        table[b.position("kallsyms_offsets") + 4 * 5 + 3] = 0x7f;
        VmlinuxException e = assertThrows(VmlinuxException.class,
                () -> KallsymsReader.read(embed(table, 8), 8, ByteOrder.LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("as since 6.4") && e.getMessage().contains("as up to 6.3")
                && e.getMessage().contains("do not decode to ascending addresses"), e.getMessage());
    }

    @Test
    void read_since64OrderAfterZeroFilledBytes_zeroWordsNotTakenForOffsets() throws Exception {
        List<KernelSymbol> syms = symbols(200, 0xffffffff80000000L, 13);
        byte[] table = new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN).orderSince64().build(syms);
        byte[] file = new byte[0x4000 + table.length];
        System.arraycopy(table, 0, file, 0x4000, table.length);
        Kallsyms k = KallsymsReader.read(file, 8, ByteOrder.LITTLE_ENDIAN);
        assertEquals(KallsymsLayout.Order.OFFSETS_AFTER_TOKENS, k.layout().order());
        assertDecodes(syms, k);
    }
}
