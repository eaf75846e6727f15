package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.TestArches;
import org.kexeclab.engine.SparseMemory;

/** Pure-Java relocation over SparseMemory, then the Verifier: passes, or names the exact byte. */
class RelocationPropertiesTest {
    private static final int PAGE = TestImages.PAGE;

    /** Fills every destination page with garbage, so "before" is not all zeros. */
    private static void dirtyDestinations(LoadedImage li, SparseMemory mem, long seed) {
        byte[] junk = new byte[PAGE];
        Random r = new Random(seed);
        for (AddressRange d : li.oracle().destinations()) {
            for (long a = d.start(); a < d.end(); a += PAGE) {
                r.nextBytes(junk);
                mem.write(a, junk);
            }
        }
    }

    @Property(tries = 100)
    void copyRelocation_randomLayout_verifierPasses(@ForAll Arch arch, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int segments, @ForAll Placement placement) throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomDefault(arch, seed, segments),
                LoadOptions.defaults().withSeed(seed).withPlacement(placement));
        SparseMemory mem = TestImages.memory();
        dirtyDestinations(li, mem, seed);
        li.writeTo(mem);
        long copied = new ReferenceRelocation(mem, arch).copy(li.head());
        assertEquals(li.totalPages(), copied);
        VerificationResult result = new Verifier(li).verifyDestinations(mem);
        assertTrue(result.passed(), result::describe);
        assertEquals(li.totalPages(), result.pagesCompared());
    }

    @Property(tries = 100)
    void swapRelocation_randomLayout_sourcesHoldOldDestinations(@ForAll Arch arch, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int segments) throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomDefault(arch, seed, segments),
                LoadOptions.defaults().withSeed(seed));
        SparseMemory mem = TestImages.memory();
        dirtyDestinations(li, mem, seed);
        li.writeTo(mem);
        DestinationSnapshot before = DestinationSnapshot.capture(li, mem);
        new ReferenceRelocation(mem, arch).swap(li.head(), li.swapPage());
        Verifier verifier = new Verifier(li);
        VerificationResult dest = verifier.verifyDestinations(mem);
        assertTrue(dest.passed(), dest::describe);
        VerificationResult src = verifier.verifySwappedSources(mem, before);
        assertTrue(src.passed(), src::describe);
    }

    @Property(tries = 50)
    void crashImage_writtenStraight_verifiesWithoutRelocation(@ForAll Arch arch, @ForAll long seed)
            throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomCrash(arch, seed));
        SparseMemory mem = TestImages.memory();
        dirtyDestinations(li, mem, seed);
        li.writeTo(mem);
        assertEquals(0, new ReferenceRelocation(mem, arch).copy(li.head()));
        VerificationResult result = new Verifier(li).verifyDestinations(mem);
        assertTrue(result.passed(), result::describe);
    }

    @Property(tries = 50)
    void verifier_oneCorruptedByte_reportsThatAddress(@ForAll Arch arch, @ForAll long seed) throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomDefault(arch, seed, 3), LoadOptions.defaults().withSeed(seed));
        SparseMemory mem = TestImages.memory();
        li.writeTo(mem);
        new ReferenceRelocation(mem, arch).copy(li.head());
        Random r = new Random(seed);
        AddressRange d = li.oracle().destinations().get(r.nextInt(li.oracle().destinations().size()));
        long bad = d.start() + (long) (r.nextDouble() * d.size());
        byte[] b = mem.read(bad, 1);
        b[0] ^= (byte) (1 << r.nextInt(8));
        mem.write(bad, b);
        VerificationResult result = new Verifier(li).verifyDestinations(mem);
        assertFalse(result.passed());
        assertEquals(bad, result.firstDifference(), result::describe);
        int at = (int) (bad - result.windowStart());
        assertEquals((byte) (b[0] ^ result.expected()[at]) != 0, true);
        assertEquals(b[0], result.actual()[at]);
        assertTrue(result.describe().contains(String.format("0x%x", bad)), result::describe);
    }

    @Test
    void verifier_corruptedSwappedSource_reportsSourceAddress() throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomDefault(TestArches.X86_64, 11, 2));
        SparseMemory mem = TestImages.memory();
        dirtyDestinations(li, mem, 11);
        li.writeTo(mem);
        DestinationSnapshot before = DestinationSnapshot.capture(li, mem);
        new ReferenceRelocation(mem, TestArches.X86_64).swap(li.head(), li.swapPage());
        int page = li.pageCount(0) - 1;
        long src = li.sourcePage(0, page);
        if (src == li.image().segments().get(0).mem() + (long) page * PAGE) {
            page = 0;
            src = li.sourcePage(0, 0);
        }
        mem.write(src + 0x123, new byte[] {(byte) ~mem.read(src + 0x123, 1)[0]});
        VerificationResult result = new Verifier(li).verifySwappedSources(mem, before);
        assertEquals(src + 0x123, result.firstDifference(), result::describe);
        assertEquals(src + 0x120, result.windowStart());
        assertTrue(result.where().contains("segment 0, page " + page), result::where);
        assertArrayEquals(mem.read(src + 0x120, 16), result.actual());
    }
}
