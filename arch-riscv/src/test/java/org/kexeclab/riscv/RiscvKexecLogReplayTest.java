package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.LogReplays;

/**
 * A riscv64 {@code kexec -d}-shaped layout (kernel at 2 MiB, device tree and initrd high, the
 * flags' architecture KEXEC_ARCH_RISCV = 243) is recognised as riscv64 by its flags alone and
 * replays verified on the Java engine and on Unicorn.
 */
class RiscvKexecLogReplayTest {
    private static final long MIB = 1L << 20;
    private static final String LOG = """
            kexec_load: entry = 0x200000 flags = 0xf30000
            nr_segments = 3
            segment[0].buf   = 0x3fff80000000
            segment[0].bufsz = 0x280000
            segment[0].mem   = 0x200000
            segment[0].memsz = 0x300000
            segment[1].buf   = 0x3fff90000000
            segment[1].bufsz = 0x100000
            segment[1].mem   = 0x3fe00000
            segment[1].memsz = 0x100000
            segment[2].buf   = 0x3fffa0000000
            segment[2].bufsz = 0x1200
            segment[2].mem   = 0x3fdfe000
            segment[2].memsz = 0x2000
            """;

    @Test
    void flags_archCode243_isRiscv64() throws Exception {
        assertEquals(Optional.of(RiscvArches.RISCV64), KexecLogParser.parse(LOG).archFromFlags());
    }

    @Test
    void replay_kernelLowBootDataHigh_javaEngine_verifies() throws Exception {
        KexecLog log = KexecLogParser.parse(LOG);
        LogReplays.assertReplays(log, new RiscvMachineKexec(), InterpEngine.instance(), 24 * MIB);
    }

    @Test
    void replay_kernelLowBootDataHigh_unicorn_verifies() throws Exception {
        Engines.assumeRuns(Engines.unicorn(), RiscvArches.RISCV64);
        KexecLog log = KexecLogParser.parse(LOG);
        LogReplays.assertReplays(log, new RiscvMachineKexec(), Engines.unicorn(), 24 * MIB);
    }
}
