package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.loader.KexecLog;
import org.kexeclab.loader.KexecLogParser;

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
        LoadedImage loaded = LoadedImage.load(log.toImage(Arch.X86_64), LoadOptions.defaults());
        List<AddressRange> windows = loaded.mappedWindows();
        assertTrue(loaded.mappedBytes() < 128 * MIB, "mapped " + (loaded.mappedBytes() / MIB) + " MiB: " + windows);
        CpuEngine engine = CpuEngines.byName(engineName);
        try (KexecRun run = KexecRun.prepare(new X86_64MachineKexec(), loaded, KexecOptions.defaults(), engine)) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), o.toString());
            assertEquals(loaded.totalPages(), o.destinations().pagesCompared(), o.toString());
        }
    }
}
