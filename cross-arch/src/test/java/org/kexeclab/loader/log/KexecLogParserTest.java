package org.kexeclab.loader.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.Errno;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadChecks;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

class KexecLogParserTest {

    static String resource(String name) throws IOException {
        try (InputStream in = KexecLogParserTest.class.getResourceAsStream("/kexec-logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parse_arm64Sample_readsSegmentsEntryAndArch() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("arm64-image.log"));
        assertEquals(4, log.segments().size());
        assertEquals(new KexecLog.Segment(0xffff9a3c0010L, 0x1e2fa00, 0x40280000L, 0x2050000), log.segments().get(0));
        assertEquals(0x43ff0000L, log.entry());
        assertEquals(Optional.of(ArmArches.ARM64), log.archFromFlags());
        assertEquals(0x44000000L, log.minimumRam());
    }

    @Test
    void parse_x86Sample_withNoiseAndNilPointer_reads() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("x86_64-bzimage.log"));
        assertEquals(5, log.segments().size());
        assertEquals(0, log.segments().get(4).buf());
        assertEquals(Optional.of(X86Arches.X86_64), log.archFromFlags());
    }

    @Test
    void parse_realKexecTools2025Log_readsTheRepeatedListingOnce() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("x86_64-debian-6.1-real.log"));
        assertEquals(0x63fff7760L, log.entry());
        assertEquals(Optional.of(0x3e0000L), log.flags());
        assertEquals(5, log.segments().size());
        assertEquals(new KexecLog.Segment(0x7f8952842010L, 0xd797c0, 0x63cc00000L, 0x3378000), log.segments().get(1));
    }

    @Test
    void toImage_arm64Sample_passesTheKernelsLoadChecks() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("arm64-image.log"));
        KexecImage image = log.toImage(ArmArches.ARM64);
        assertEquals(0x44000000L, image.layout().ram().get(0).end());
        assertEquals(log.entry(), image.entry());
        assertEquals(0x1e2fa00, image.segments().get(0).bufsz());
        LoadChecks.check(image);
    }

    @Test
    void parse_realLog_keepsTheMemoryRangesRamNarrowedToPages() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("x86_64-debian-6.1-real.log"));
        assertEquals(List.of(new AddressRange(0x1000, 0x9f000, "RAM"), new AddressRange(0x100000, 0xc0000000L, "RAM"),
                new AddressRange(0x100000000L, 0x640000000L, "RAM")), log.ram());
        MemoryLayout layout = log.layout();
        assertTrue(layout.sparse());
        assertEquals(log.ram(), layout.ram());
        assertFalse(layout.isRam(0xeec00000L, 0xeec01000L), "type 1 (reserved) is not RAM");
    }

    @Test
    void parse_noMemoryMap_replaysOnASparseStandardMachine() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("arm64-image.log"));
        assertEquals(List.of(), log.ram());
        assertTrue(log.layout().sparse());
        assertEquals(List.of(new AddressRange(0, 0x44000000L, "RAM")), log.layout().ram());
    }

    @Test
    void roundTrip_listingOfAPlan_parsesBackToTheSameLayout() throws Exception {
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(SyntheticKernels.arm64Image())
                .withInitrd(new byte[5000]).withCmdline("quiet"));
        KexecLog log = KexecLogParser.parse(SegmentListing.format(plan));
        assertEquals(plan.image().entry(), log.entry());
        List<org.kexeclab.image.Segment> segs = plan.image().segments();
        for (int i = 0; i < segs.size(); i++) {
            assertEquals(segs.get(i).mem(), log.segments().get(i).mem());
            assertEquals(segs.get(i).memsz(), log.segments().get(i).memsz());
            assertEquals(segs.get(i).bufsz(), log.segments().get(i).bufsz());
        }
        assertEquals(Optional.of(ArmArches.ARM64), log.archFromFlags());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad hex|segment[0].buf   = 0x1\\nsegment[0].bufsz = 0xzz\\nsegment[0].mem = 0x1000\\nsegment[0].memsz = 0x1000\\nentry = 0x1000|2",
            "no 0x|segment[0].buf   = 0x1\\nsegment[0].bufsz = 100|2",
            "garbled field|segment[0].buf = 0x1\\nsegment[0].size = 0x10|2",
            "index too big|segment[16].buf = 0x1|1",
            "duplicate|segment[0].mem = 0x1000\\nsegment[0].mem = 0x2000|2",
            "missing memsz|x\\nsegment[0].buf = 0x1\\nsegment[0].bufsz = 0x1\\nsegment[0].mem = 0x1000\\nentry = 0x1000|2",
            "gap|segment[0].buf = 0x1\\nsegment[0].bufsz = 0x1\\nsegment[0].mem = 0x1000\\nsegment[0].memsz = 0x1000\\nsegment[2].buf = 0x1\\nsegment[2].bufsz = 0x1\\nsegment[2].mem = 0x3000\\nsegment[2].memsz = 0x1000\\nentry = 0x1000|5",
            "nr mismatch|nr_segments = 2\\nsegment[0].buf = 0x1\\nsegment[0].bufsz = 0x1\\nsegment[0].mem = 0x1000\\nsegment[0].memsz = 0x1000\\nentry = 0x1000|1",
            "bad nr|nr_segments = two|1",
            "bad entry|segment[0].buf = 0x1\\nkexec_load: entry = 12 flags = 0x3e0000|2",
            "two different listings|entry = 0x1000\\nsegment[0].buf = 0x1\\nsegment[0].bufsz = 0x1\\nsegment[0].mem = 0x1000\\nsegment[0].memsz = 0x1000\\nentry = 0x2000\\nsegment[0].buf = 0x1\\nsegment[0].bufsz = 0x1\\nsegment[0].mem = 0x1000\\nsegment[0].memsz = 0x1000|6",
            "too long|segment[0].mem = 0x11112222333344445|1",
            "RAM ranges overlap|MEMORY RANGES\\n0000000000100000-00000000001fffff (0)\\n0000000000180000-00000000002fffff (0)|3",
            "RAM range backwards|MEMORY RANGES\\n0000000000200000-00000000001fffff (0)|2",
            "two memory maps|MEMORY RANGES\\n0000000000100000-00000000001fffff (0)\\nMEMORY RANGES|3",
            "bad hex in a range|MEMORY RANGES\\n0000000000001000-000000000009efff (0)\\n0000000000100000-00000000bfffffzz (0)|3",
            "range without type|MEMORY RANGES\\n0000000000100000-00000000bfffffff|2",
            "range without dash|MEMORY RANGES\\n0000000000100000 00000000bfffffff (0)|2",
            "garbage inside the table|MEMORY RANGES\\n0000000000001000-000000000009efff (0)\\nxyzzy\\n0000000000100000-00000000bfffffff (0)|3"})
    void parse_malformed_failsNamingTheLine(String name, String text, int line) {
        KexecLogException e = assertThrows(KexecLogException.class, () -> KexecLogParser.parse(text.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("kexec log line " + line + ": "), e.getMessage());
    }

    @Test
    void parse_realLogWithAGarbledRange_failsNamingTheLineAndItsText() throws Exception {
        String text = resource("x86_64-debian-6.1-real.log").replace("0000000000100000-00000000bfffffff (0)\n",
                "0000000000100000-00000000bfffffff 0)\n");
        KexecLogException e = assertThrows(KexecLogException.class, () -> KexecLogParser.parse(text));
        assertEquals("kexec log line 8: '0000000000100000-00000000bfffffff 0)' in the MEMORY RANGES table is not a "
                + "range START-END (TYPE) with hexadecimal bounds and a decimal type", e.getMessage());
    }

    @Test
    void parse_realLogWithAGarbageLineInItsRanges_failsNamingTheLine() throws Exception {
        String text = resource("x86_64-debian-6.1-real.log").replace("0000000000100000-00000000bfffffff (0)\n",
                "oops\n");
        KexecLogException e = assertThrows(KexecLogException.class, () -> KexecLogParser.parse(text));
        assertEquals("kexec log line 8: 'oops' interrupts the MEMORY RANGES table, whose ranges go on on line 9: it "
                + "is not a range START-END (TYPE)", e.getMessage());
    }

    @Test
    void parse_tableEndedByAHeaderLine_theNextTableIsNotMistakenForMore() throws Exception {
        KexecLog log = KexecLogParser.parse("MEMORY RANGES\n0000000000100000-00000000bfffffff (0)\nE820 memmap:\n"
                + "0000000000100000-00000000bfffffff (1)\n" + ONE_SEGMENT + "entry = 0x1000000\n");
        assertEquals(List.of(new AddressRange(0x100000, 0xc0000000L, "RAM")), log.ram());
    }

    @Test
    void parse_crashLoadLogEchoingIomemAfterTheTable_tableEndsThereAndTheLogParses() throws Exception {
        KexecLog log = KexecLogParser.parse("MEMORY RANGES\n0000000000000000-00000000000fffff (1)\n"
                + "0000000000100000-000000003fffffff (0)\n0000000000000000-00000000000fffff : Reserved\n"
                + "0000000000100000-000000003fffffff : System RAM\n0000000020000000-000000002fffffff : Crash kernel\n"
                + "CRASH MEMORY RANGES\n0000000000100000-000000001fffffff (0)\n"
                + "kexec_load: entry = 0x2ff53760 flags = 0x3e0001\nnr_segments = 1\nsegment[0].buf = 0x1\n"
                + "segment[0].bufsz = 0x30\nsegment[0].mem = 0x20000000\nsegment[0].memsz = 0x1000\n");
        assertEquals(List.of(new AddressRange(0x100000, 0x40000000L, "RAM")), log.ram());
        assertTrue(log.onCrash());
        assertEquals(0x20000000L, log.segments().get(0).mem());
    }

    private static final String ONE_SEGMENT = "segment[0].buf = 0x1\nsegment[0].bufsz = 0x2000\n"
            + "segment[0].mem = 0x1000000\nsegment[0].memsz = 0x2000\n";

    private static KexecLog withFlags(long flags) throws KexecLogException {
        return KexecLogParser.parse(String.format("kexec_load: entry = 0x1000000 flags = 0x%x%n%s", flags, ONE_SEGMENT));
    }

    @Test
    void checkFlags_anotherArchitecturesField_einvalNamingBoth() throws Exception {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> withFlags(0x3e0000).checkFlags(ArmArches.ARM64));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("EINVAL: the log's flags 0x3e0000 name x86_64 (KEXEC_ARCH_X86_64, 62 << 16), and kexec_load on "
                + "arm64 takes only arm64 (KEXEC_ARCH_AARCH64, 183 << 16) or KEXEC_ARCH_DEFAULT (0)", e.getMessage());
    }

    @Test
    void checkFlags_unknownArchitectureField_einvalNamingItsNumber() {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> withFlags(0x70000).checkFlags(ArmArches.ARM));
        assertTrue(e.getMessage().contains("name architecture 7 (7 << 16)"), e.getMessage());
    }

    @Test
    void checkFlags_ownFieldDefaultFieldAndPpc64FieldOnPpc64le_accepted() throws Exception {
        withFlags(0xb70000).checkFlags(ArmArches.ARM64);
        withFlags(0x0).checkFlags(ArmArches.ARM);
        withFlags(0x150001).checkFlags(PpcArches.PPC64LE);
        withFlags(0x3e0003).checkFlags(X86Arches.X86_64);
    }

    @Test
    void checkFlags_aFlagKexecLoadDoesNotTake_einval() {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> withFlags(0x3e0004).checkFlags(X86Arches.X86_64));
        assertEquals("EINVAL: the log's flags 0x3e0004 set 0x4, which kexec_load does not take (it knows "
                + "KEXEC_ON_CRASH 0x1 and KEXEC_PRESERVE_CONTEXT 0x2)", e.getMessage());
    }

    @Test
    void toImage_crashFlag_aCrashImageInAReservationAroundItsSegments() throws Exception {
        KexecLog log = KexecLogParser.parse(resource("arm64-image.log").replace("flags = 0xb70000", "flags = 0xb70001"));
        assertTrue(log.onCrash());
        KexecImage image = log.toImage(ArmArches.ARM64);
        assertEquals(ImageType.CRASH, image.type());
        assertEquals(Optional.of(new AddressRange(0x40200000L, 0x44000000L, "crash kernel reservation")),
                image.layout().crashReservation());
        LoadedImage loaded = LoadedImage.load(image);
        assertEquals(IndirectionList.IND_DONE, loaded.head());
        assertEquals(LoadedImage.NO_PAGE, loaded.swapPage());
        assertEquals(0x40200000L, loaded.controlPage(), "the reservation's free MiB below the first segment");
    }

    @Test
    void toImage_noCrashFlag_aDefaultImageWithoutReservation() throws Exception {
        KexecImage image = KexecLogParser.parse(resource("arm64-image.log")).toImage(ArmArches.ARM64);
        assertEquals(ImageType.DEFAULT, image.type());
        assertEquals(Optional.empty(), image.layout().crashReservation());
    }

    @Test
    void layout_crashFlagOnALoggedMemoryMap_reservationInsideTheRamOfTheFirstSegment() throws Exception {
        KexecLog log = KexecLogParser.parse("kexec_load: entry = 0x7f001000 flags = 0x3e0001\nMEMORY RANGES\n"
                + "0000000000100000-000000007fffffff (0)\n0000000100000000-000000013fffffff (0)\n"
                + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x1000\nsegment[0].mem = 0x7f000000\n"
                + "segment[0].memsz = 0x2000\nsegment[1].buf = 0x1\nsegment[1].bufsz = 0x1000\n"
                + "segment[1].mem = 0x7fffe000\nsegment[1].memsz = 0x2000\n");
        assertEquals(Optional.of(new AddressRange(0x7f000000L, 0x80000000L, "crash kernel reservation")),
                log.layout().crashReservation(), "the MiB past the last segment is clipped at the end of its RAM");
        assertTrue(log.preserveContext() == false && log.onCrash());
    }

    @Test
    void parse_noSegments_failsForTheWholeLog() {
        KexecLogException e = assertThrows(KexecLogException.class, () -> KexecLogParser.parse("hello\n"));
        assertEquals(0, e.line());
    }

    @Test
    void parse_noEntry_failsForTheWholeLog() {
        String text = "segment[0].buf = 0x1\nsegment[0].bufsz = 0x1\nsegment[0].mem = 0x1000\nsegment[0].memsz = 0x1000\n";
        KexecLogException e = assertThrows(KexecLogException.class, () -> KexecLogParser.parse(text));
        assertTrue(e.getMessage().contains("entry"));
    }
}
