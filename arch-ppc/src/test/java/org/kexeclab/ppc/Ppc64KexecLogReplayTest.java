package org.kexeclab.ppc;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.LogReplays;

/**
 * A ppc64 {@code kexec -d}-shaped layout with segments at 4 GiB and 24 GiB replayed on the Java
 * engine, big- and little-endian, on a sparse machine of a few MiB.
 */
class Ppc64KexecLogReplayTest {
    private static final long MIB = 1L << 20;
    private static final String LOG = """
            kexec_load: entry = 0x600000000 flags = 0x150000
            nr_segments = 2
            segment[0].buf   = 0x3fff80000000
            segment[0].bufsz = 0x1800
            segment[0].mem   = 0x600000000
            segment[0].memsz = 0x2000
            segment[1].buf   = 0x3fff90000000
            segment[1].bufsz = 0x180000
            segment[1].mem   = 0x100000000
            segment[1].memsz = 0x200000
            """;

    @Test
    void replay_segmentsAt4GiBAnd24GiB_ppc64_verifies() throws Exception {
        KexecLog log = KexecLogParser.parse(LOG);
        LogReplays.assertReplays(log, new Ppc64MachineKexec(), InterpEngine.instance(), 8 * MIB);
    }

    @Test
    void replay_segmentsAt4GiBAnd24GiB_ppc64le_verifies() throws Exception {
        KexecLog log = KexecLogParser.parse(LOG);
        LogReplays.assertReplays(log, new Ppc64LeMachineKexec(), InterpEngine.instance(), 8 * MIB);
    }
}
