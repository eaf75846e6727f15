package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.engine.GuestMemoryException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.Engines;

/**
 * The committed real Debian amd64 {@code kexec -d -l} log (RAM to 25 GiB, the kernel at
 * 0x63cc00000) replayed on a sparse machine: only the machine area, the allocator pool and the
 * destinations are mapped, and every destination byte verifies on both engines.
 */
class X86_64KexecLogReplayTest {
    private static final long MIB = 1L << 20;

    static KexecLog realLog() throws Exception {
        try (InputStream in = X86_64KexecLogReplayTest.class.getResourceAsStream("/kexec-logs/x86_64-debian-6.1-real.log")) {
            if (in == null) {
                throw new IOException("core's test resource kexec-logs/x86_64-debian-6.1-real.log is not on the class path");
            }
            return KexecLogParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void replay_realDebianLog_mapsTensOfMibAndVerifies(String engineName) throws Exception {
        KexecLog log = realLog();
        LoadedImage loaded = LoadedImage.load(log.toImage(X86Arches.X86_64), LoadOptions.defaults());
        assertTrue(loaded.mappedBytes() < 128 * MIB, "mapped " + (loaded.mappedBytes() / MIB) + " MiB: "
                + loaded.mappedWindows());
        assertEquals(3, loaded.mappedWindows().size(), loaded.mappedWindows().toString());
        try (KexecRun run = KexecRun.prepare(new X86_64MachineKexec(), loaded, KexecOptions.defaults(),
                Engines.named(engineName))) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), o.toString());
            assertEquals(loaded.totalPages(), o.destinations().pagesCompared(), o.toString());
        }
    }

    /** Segments at 4 GiB + 1 MiB and at 24 GiB (two, 28 KiB apart: one window), no memory map. */
    private static final String HIGH_LOG = """
            kexec_load: entry = 0x600010000 flags = 0x3e0000
            nr_segments = 3
            segment[0].buf   = 0x7f0000001000
            segment[0].bufsz = 0x2ff000
            segment[0].mem   = 0x100100000
            segment[0].memsz = 0x300000
            segment[1].buf   = 0x7f0000400000
            segment[1].bufsz = 0x8123
            segment[1].mem   = 0x600000000
            segment[1].memsz = 0x9000
            segment[2].buf   = 0x7f0000500000
            segment[2].bufsz = 0x1000
            segment[2].mem   = 0x600010000
            segment[2].memsz = 0x1000
            """;

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void replay_segmentsAt4GiBAnd24GiB_verifiesAndAStrayAccessFaults(String engineName) throws Exception {
        KexecLog log = KexecLogParser.parse(HIGH_LOG);
        assertEquals(0x600100000L, log.layout().ram().get(0).end(), "a standard machine reaching the top segment");
        LoadedImage loaded = LoadedImage.load(log.toImage(X86Arches.X86_64), LoadOptions.defaults().withSeed(5));
        assertTrue(loaded.mappedBytes() < 8 * MIB, loaded.mappedWindows().toString());
        try (KexecRun run = KexecRun.prepare(new X86_64MachineKexec(), loaded, KexecOptions.defaults(),
                Engines.named(engineName))) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), o.toString());
            for (long stray : new long[] {0x80000000L, 0x100000000L, 0x600011000L, 0x6000ff000L}) {
                assertThrows(GuestMemoryException.class, () -> run.cpu().read(stray, 8),
                        String.format("RAM at 0x%x is in no window and must stay unmapped", stray));
            }
        }
    }
}
