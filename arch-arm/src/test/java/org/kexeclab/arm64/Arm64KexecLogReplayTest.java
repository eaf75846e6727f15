package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.LogReplays;

/**
 * arm64 {@code kexec -d} layouts replayed on a sparse machine: core's sample (RAM from 1 GiB,
 * 52 MiB of segments; on the Java engine, Unicorn needs ~5 s for it) maps what its segments
 * need, not the GiB below them; a small layout at 4 GiB and 24 GiB verifies on both engines.
 */
class Arm64KexecLogReplayTest {
    private static final long MIB = 1L << 20;
    private static final String HIGH_LOG = """
            kexec_load: entry = 0x600000000 flags = 0xb70000
            nr_segments = 2
            segment[0].buf   = 0xffff90000000
            segment[0].bufsz = 0x1f00
            segment[0].mem   = 0x600000000
            segment[0].memsz = 0x2000
            segment[1].buf   = 0xffff91000000
            segment[1].bufsz = 0x100000
            segment[1].mem   = 0x100200000
            segment[1].memsz = 0x100000
            """;

    @Test
    void replay_committedArm64Log_mapsItsSegmentsNotTheGiBBelow() throws Exception {
        KexecLog log = LogReplays.resource("arm64-image.log");
        assertTrue(log.minimumRam() > 1024 * MIB, "the sample's RAM reaches past 1 GiB");
        LogReplays.assertReplays(log, new Arm64MachineKexec(), InterpEngine.instance(), 128 * MIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void replay_segmentsAt4GiBAnd24GiB_verifies(String engine) throws Exception {
        LogReplays.assertReplays(KexecLogParser.parse(HIGH_LOG), new Arm64MachineKexec(), Engines.named(engine),
                8 * MIB);
    }
}
